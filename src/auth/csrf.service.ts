import { Injectable } from '@nestjs/common';
import { doubleCsrf, DoubleCsrfUtilities } from 'csrf-csrf';
import type { Request, Response } from 'express';
import { sha256Hex } from './secrets';
import { SessionCookie } from './session-cookie';

/** The form field a page puts the token in; API calls send the `x-csrf-token` header instead. */
export const CSRF_FIELD = '_csrf';

/**
 * Cross-site request forgery protection for requests authenticated by the session cookie: the
 * signed double-submit pattern of `csrf-csrf`. The token is an HMAC bound to the session, keyed by
 * a secret derived from the session cookie itself, so it cannot be forged without the cookie and
 * dies with the session. Requests with an API token carry no cookie and need none.
 */
@Injectable()
export class CsrfService {
  private readonly csrf: DoubleCsrfUtilities;

  constructor(private readonly sessionCookie: SessionCookie) {
    const settings = sessionCookie.settings;
    this.csrf = doubleCsrf({
      // csrf-csrf may ask for the secret without a request; there is no session then.
      getSecret: (request) =>
        sha256Hex(`csrf:${request ? (this.sessionTokenOf(request) ?? '') : ''}`),
      getSessionIdentifier: (request) => sha256Hex(this.sessionTokenOf(request) ?? ''),
      cookieName: settings.csrfCookie,
      cookieOptions: { sameSite: 'strict', secure: settings.secure, httpOnly: true, path: '/' },
      getCsrfTokenFromRequest: (request) => {
        const header = request.headers['x-csrf-token'];
        if (typeof header === 'string') return header;
        const body = request.body as Record<string, unknown> | undefined;
        const field = body?.[CSRF_FIELD];
        return typeof field === 'string' ? field : undefined;
      },
    });
  }

  private sessionTokenOf(request: Request): string | undefined {
    return this.sessionCookie.read(request);
  }

  /** A token for the page or client to send back with its next unsafe request; sets its cookie. */
  tokenFor(request: Request, response: Response): string {
    return this.csrf.generateCsrfToken(request, response);
  }

  /** True when the request carries a token matching its cookie and session. */
  isValid(request: Request): boolean {
    if (!this.sessionTokenOf(request)) return false;
    const valid = this.csrf.validateRequest(request);
    // The form field has done its work; the route's DTO must not see it.
    const body = request.body as Record<string, unknown> | undefined;
    if (valid && body && typeof body === 'object') delete body[CSRF_FIELD];
    return valid;
  }
}
