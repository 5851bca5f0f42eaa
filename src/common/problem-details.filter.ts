import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';

/** RFC 9457 problem details: what went wrong and what to do, never a stack trace. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** Field-level validation problems, each naming the field. */
  errors?: Array<{ field: string; message: string }>;
  [extension: string]: unknown;
}

const TITLES: Partial<Record<number, string>> = {
  400: 'Bad request',
  401: 'Sign in required',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  422: 'Unprocessable content',
  429: 'Too many requests',
  503: 'Service unavailable',
};

export function problem(
  status: number,
  detail?: string,
  extensions: Record<string, unknown> = {},
): ProblemDetails {
  return {
    type: 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    ...(detail ? { detail } : {}),
    ...extensions,
  };
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toProblem(exception);
    if (body.status >= 500) {
      this.logger.error(
        {
          err:
            exception instanceof Error
              ? { type: exception.name, message: exception.message, stack: exception.stack }
              : String(exception),
        },
        'unhandled error',
      );
    }
    response.status(body.status).type('application/problem+json').json(body);
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (!(exception instanceof HttpException)) {
      return problem(
        HttpStatus.INTERNAL_SERVER_ERROR,
        'Something went wrong on our side. Nothing was changed; try again.',
      );
    }
    const status = exception.getStatus();
    const payload = exception.getResponse();
    if (
      typeof payload === 'object' &&
      payload !== null &&
      'type' in payload &&
      'status' in payload
    ) {
      return payload as ProblemDetails;
    }
    const message =
      typeof payload === 'string' ? payload : (payload as { message?: unknown }).message;
    return problem(
      status,
      Array.isArray(message)
        ? message.join('; ')
        : typeof message === 'string'
          ? message
          : exception.message,
    );
  }
}
