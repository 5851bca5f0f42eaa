import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { problem, ProblemDetailsFilter } from '../common/problem-details.filter';
import { wantsHtmlPage } from './page-request';
import type { WebViews } from './web-views';

/** What an error page may show: the status's title and the exception's own message, never a stack. */
function describe(exception: unknown): { status: number; title: string; detail?: string } {
  if (!(exception instanceof HttpException)) {
    return problem(HttpStatus.INTERNAL_SERVER_ERROR);
  }
  const status = exception.getStatus();
  const payload = exception.getResponse();
  const message =
    typeof payload === 'string'
      ? payload
      : typeof payload === 'object' && payload !== null
        ? ((payload as { detail?: unknown }).detail ?? (payload as { message?: unknown }).message)
        : undefined;
  const detail = Array.isArray(message)
    ? message.join('; ')
    : typeof message === 'string'
      ? message
      : undefined;
  return problem(status, detail);
}

/** Where a page that needs a signed-in person sends a browser that has no session. */
export function signInPath(request: Request): string {
  // Only a page can be come back to; a form post would have lost its body anyway.
  if (request.method !== 'GET') return '/sign-in';
  return `/sign-in?next=${encodeURIComponent(request.originalUrl)}`;
}

function templateFor(status: number): string {
  if (status === 404) return 'errors/404.njk';
  return status >= 500 ? 'errors/500.njk' : 'errors/error.njk';
}

/**
 * Errors for people and for programs: a web page request (see `wantsHtmlPage`) gets an HTML page
 * in the service's layout (404, 500, or a general one naming the problem); any other request gets
 * problem details JSON from `ProblemDetailsFilter`. A page that needs a session the browser does
 * not have sends it to sign in, to come back after.
 */
@Catch()
export class WebErrorFilter implements ExceptionFilter {
  private readonly problems = new ProblemDetailsFilter();
  private readonly logger = new Logger('Errors');

  constructor(private readonly views: WebViews) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    if (host.getType() !== 'http' || response.headersSent || !wantsHtmlPage(request)) {
      this.problems.catch(exception, host);
      return;
    }
    const { status, title, detail } = describe(exception);
    if (status === 401) {
      response.redirect(303, signInPath(request));
      return;
    }
    if (status >= 500) this.logUnhandled(exception);
    let html: string;
    try {
      html = this.views.render(templateFor(status), { ...response.locals, status, title, detail });
    } catch (renderError) {
      this.logUnhandled(renderError);
      this.problems.catch(exception, host);
      return;
    }
    response.status(status).type('html').setHeader('Cache-Control', 'no-store');
    response.send(html);
  }

  private logUnhandled(error: unknown): void {
    this.logger.error(
      {
        err:
          error instanceof Error
            ? { type: error.name, message: error.message, stack: error.stack }
            : String(error),
      },
      'unhandled error',
    );
  }
}
