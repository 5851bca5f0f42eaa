import {
  applyDecorators,
  CallHandler,
  createParamDecorator,
  ExecutionContext,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';
import { entityTag, parseIdempotencyKey, parseIfMatch } from '../common/preconditions';

/**
 * The API's convention for commands on an audit or review, shared by every feature module:
 * - `If-Match: "<version>"` (optional): refused with 409 and `currentVersion` when the instance has
 *   moved on, and nothing is written;
 * - `Idempotency-Key: <1 to 200 characters>` (optional): a repeat returns the first outcome;
 * - responses carry the instance's version as `ETag: "<version>"`.
 */
export interface CommandHeaders {
  expectedVersion?: number;
  idempotencyKey?: string;
}

export function parseCommandHeaders(request: Pick<Request, 'headers'>): CommandHeaders {
  return {
    expectedVersion: parseIfMatch(request.headers['if-match']),
    idempotencyKey: parseIdempotencyKey(request.headers['idempotency-key']),
  };
}

/** The request's `If-Match` and `Idempotency-Key`, validated (400 naming the header). */
export const CommandHeaders = createParamDecorator(
  (_data: unknown, context: ExecutionContext): CommandHeaders =>
    parseCommandHeaders(context.switchToHttp().getRequest<Request>()),
);

/** Sets `ETag: "<version>"` from the `version` of what the handler returns. */
@Injectable()
export class VersionEtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((body: unknown) => {
        const version = (body as { version?: unknown } | null)?.version;
        if (typeof version === 'number') response.setHeader('ETag', entityTag(version));
        return body;
      }),
    );
  }
}

/** OpenAPI for a command route: its two headers and the refusals they lead to. */
export function ApiCommandHeaders(): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'If-Match',
      required: false,
      description:
        'The version you last saw, from the ETag header, e.g. "3". Stale: 409 with `currentVersion`, nothing written.',
    }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Any unique string (e.g. a UUID). Repeating a request with the same key returns the first outcome and changes nothing.',
    }),
    ApiResponse({
      status: 400,
      description: 'A malformed header or body; each problem names its field.',
    }),
    ApiResponse({
      status: 409,
      description:
        'Stale If-Match (`code: version-conflict`, `currentVersion`) or not possible at this stage (`code: event-not-accepted`, `acceptedEvents`).',
    }),
  );
}
