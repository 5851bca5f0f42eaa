import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { accessContextOf } from '../../access/access-context';
import type { Principal } from '../../access/principal';
import { CsrfService } from '../../auth/csrf.service';
import { wantsHtmlPage } from '../page-request';
import { navigationSectionsFor } from './navigation-sections';

/** Who is signed in, as the layout shows it. */
export interface SignedInPerson {
  personId: string;
  displayName: string;
}

/**
 * What every page of a signed-in person needs from the layout, set before the handler renders:
 * `signedIn` (name and sign-out form in the header), `navigationSections` (by their roles) and
 * `csrfToken` (every form posts it back as `_csrf`; see the `csrfField` macro). Runs after the
 * access guard, so public pages (home, sign-in) get none of it.
 */
@Injectable()
export class PageLocalsInterceptor implements NestInterceptor {
  constructor(private readonly csrf: CsrfService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const access = accessContextOf(request);
    if (access) setPageLocals(access.principal, request, response, this.csrf);
    return next.handle();
  }
}

/**
 * Sets what the layout shows a person signed in with a browser session (see
 * `PageLocalsInterceptor`); does nothing for an API token or a request that is not for a page.
 * Public pages that show who is signed in (the start page) call it themselves.
 */
export function setPageLocals(
  principal: Principal,
  request: Request,
  response: Response,
  csrf: CsrfService,
): void {
  if (principal.authenticatedBy !== 'session' || !wantsHtmlPage(request)) return;
  const { personId, displayName } = principal;
  response.locals.signedIn = { personId, displayName } satisfies SignedInPerson;
  response.locals.navigationSections = navigationSectionsFor(principal);
  response.locals.csrfToken = csrf.tokenFor(request, response);
}
