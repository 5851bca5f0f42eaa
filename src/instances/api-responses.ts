import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

/** OpenAPI for the refusals every guarded route can give, as problem details. */
export function ApiRefusals(...extra: Array<403 | 422>): MethodDecorator {
  const descriptions: Record<403 | 422, string> = {
    403: 'You may see it but not do this; `detail` says who may.',
    422: 'A workflow check failed; `detail` says what to put right.',
  };
  return applyDecorators(
    ApiResponse({ status: 401, description: 'Not signed in.' }),
    ApiResponse({
      status: 404,
      description: 'No such thing, or not one you may see (the two read the same).',
    }),
    ...extra.map((status) => ApiResponse({ status, description: descriptions[status] })),
  );
}
