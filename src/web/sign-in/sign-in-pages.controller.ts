import { Body, Controller, Get, Post, Query, Render, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { Permission, Public } from '../../access/access.decorators';
import { safeNextPath } from '../../auth/safe-next-path';
import { SessionService } from '../../auth/session.service';
import { SignInService } from '../../auth/sign-in.service';
import { SIGN_IN_LINK_REQUESTS, ThrottleBucket } from '../../auth/sign-in-throttling';
import { formView, type FormView } from '../forms/form-errors';
import { signInFormErrors, submittedEmail } from './sign-in-form';

/** Why the sign-in page was opened, when it was not simply to sign in. */
type Notice = 'link-expired' | 'signed-out' | null;

interface SignInPage {
  form: FormView;
  /** Where the person goes once signed in, kept through the whole flow; `/` is not written out. */
  next: string;
  notice: Notice;
}

type Fields = Readonly<Record<string, unknown>>;

function noticeOf(query: Fields): Notice {
  if (query.link === 'expired') return 'link-expired';
  if (query.signedOut === 'true') return 'signed-out';
  return null;
}

/** A path on this site with `next` (when it is not the start page) in its query. */
function withNext(path: string, next: string): string {
  return next === '/' ? path : `${path}?${new URLSearchParams({ next }).toString()}`;
}

/**
 * Signing in with an emailed link, and signing out. The sign-in form is posted by someone not
 * signed in, so it carries no CSRF token. Forging it gains an attacker nothing: the link goes to
 * the address's owner, never to whoever posted the form, and asking is rate limited like
 * `POST /auth/sign-in` (the same counters). The link itself (`/auth/callback`) starts the session.
 */
@ApiExcludeController()
@Controller()
export class SignInPagesController {
  constructor(
    private readonly signIn: SignInService,
    private readonly sessions: SessionService,
  ) {}

  @Get('sign-in')
  @Public()
  @Render('sign-in/sign-in')
  page(@Query() query: Fields): SignInPage {
    return { form: formView(), next: safeNextPath(query.next), notice: noticeOf(query) };
  }

  @Post('sign-in')
  @Public()
  @UseGuards(ThrottlerGuard)
  @ThrottleBucket(SIGN_IN_LINK_REQUESTS)
  async askForLink(@Body() body: Fields, @Res() response: Response): Promise<void> {
    const next = safeNextPath(body.next);
    const errors = signInFormErrors(body);
    if (errors.hasErrors) {
      const page: SignInPage = { form: formView(body, errors), next, notice: null };
      response.status(422).render('sign-in/sign-in', page);
      return;
    }
    await this.signIn.requestLink(submittedEmail(body), next);
    response.redirect(303, withNext('/sign-in/check-email', next));
  }

  /** The same words whether or not the address has an account. */
  @Get('sign-in/check-email')
  @Public()
  @Render('sign-in/check-email')
  checkEmail(@Query() query: Fields): { newLinkHref: string } {
    return { newLinkHref: withNext('/sign-in', safeNextPath(query.next)) };
  }

  @Post('sign-out')
  @Permission('own-account')
  async signOut(@Req() request: Request, @Res() response: Response): Promise<void> {
    await this.sessions.signOut(request, response);
    response.redirect(303, '/sign-in?signedOut=true');
  }
}
