import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from '../access/principal';
import { ApiTokenService } from './api-token.service';
import { PrincipalLoader } from './principal-loader.service';
import { SessionCookie } from './session-cookie';
import { SessionService } from './session.service';

export type Authentication =
  | { outcome: 'anonymous' }
  | { outcome: 'rejected'; detail: string }
  | { outcome: 'authenticated'; principal: Principal };

/**
 * Who a request comes from: an `Authorization: Bearer` API token if the header is present,
 * otherwise the session cookie. Only the token's or session's hash is looked up, in system scope.
 */
@Injectable()
export class Authenticator {
  constructor(
    private readonly sessions: SessionService,
    private readonly tokens: ApiTokenService,
    private readonly principals: PrincipalLoader,
    private readonly sessionCookie: SessionCookie,
  ) {}

  async authenticate(request: Request): Promise<Authentication> {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      const personId = match ? await this.tokens.authenticate(match[1]) : null;
      const principal = personId ? await this.principals.load(personId, 'token') : null;
      return principal
        ? { outcome: 'authenticated', principal }
        : {
            outcome: 'rejected',
            detail: 'The API token is not valid: it may have expired or been revoked.',
          };
    }
    const sessionToken = this.sessionCookie.read(request);
    if (sessionToken === undefined) return { outcome: 'anonymous' };
    const session = await this.sessions.authenticate(sessionToken);
    const principal = session ? await this.principals.load(session.personId, 'session') : null;
    return principal
      ? { outcome: 'authenticated', principal }
      : { outcome: 'rejected', detail: 'Your session has ended. Sign in again to continue.' };
  }
}
