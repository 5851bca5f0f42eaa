import { Body, Controller, Get, HttpCode, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { CurrentAccess, Permission, Public } from '../access/access.decorators';
import type { AccessContext } from '../access/access-context';
import { AuthException } from './auth.exception';
import { CsrfService } from './csrf.service';
import { CallbackQueryDto } from './dto/callback-query.dto';
import { SignInDto } from './dto/sign-in.dto';
import { safeNextPath } from './safe-next-path';
import { SessionCookie } from './session-cookie';
import { SessionService } from './session.service';
import { SignInService } from './sign-in.service';
import { PER_ADDRESS, SIGN_IN_LINK_REQUESTS, ThrottleBucket } from './sign-in-throttling';

export const SIGN_IN_ACCEPTED =
  'If that address belongs to an account, a sign-in link is on its way to it. The link works once, for 15 minutes.';

/** The sign-in page (`src/web/sign-in`) explaining that a link no longer works. */
function expiredLinkPage(next: string): string {
  const query = new URLSearchParams({ link: 'expired' });
  if (next !== '/') query.set('next', next);
  return `/sign-in?${query.toString()}`;
}

@ApiTags('sign-in')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly signIn: SignInService,
    private readonly sessions: SessionService,
    private readonly sessionCookie: SessionCookie,
    private readonly csrf: CsrfService,
  ) {}

  /** Always the same answer, whether or not the address has an account. */
  @Post('sign-in')
  @Public()
  @UseGuards(ThrottlerGuard)
  @ThrottleBucket(SIGN_IN_LINK_REQUESTS)
  @HttpCode(202)
  async requestLink(@Body() body: SignInDto): Promise<{ message: string }> {
    await this.signIn.requestLink(body.email, body.next);
    return { message: SIGN_IN_ACCEPTED };
  }

  @Get('callback')
  @Public()
  @UseGuards(ThrottlerGuard)
  @SkipThrottle({ [PER_ADDRESS]: true })
  async useLink(
    @Query() query: CallbackQueryDto,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const sessionToken = await this.signIn.useLink(query.token);
    response.setHeader('Cache-Control', 'no-store');
    const next = safeNextPath(query.next);
    if (sessionToken === null) {
      // A person opening an old link in a browser gets the sign-in page saying why, ready to ask
      // for a new link that still goes where this one would have.
      if (request.accepts(['json', 'html']) === 'html') {
        response.redirect(303, expiredLinkPage(next));
        return;
      }
      throw new AuthException('invalid-sign-in-link');
    }
    this.sessionCookie.set(response, sessionToken);
    response.redirect(303, next);
  }

  @Post('sign-out')
  @Permission('own-account')
  @HttpCode(204)
  async signOut(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.sessions.signOut(request, response);
  }

  /** A token for forms and cookie-based API calls to send back (`_csrf` field or `x-csrf-token`). */
  @Get('csrf')
  @Permission('own-account')
  csrfToken(
    @CurrentAccess() access: AccessContext,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): { csrfToken: string } {
    if (access.principal.authenticatedBy !== 'session')
      throw new AuthException('csrf-needs-session');
    response.setHeader('Cache-Control', 'no-store');
    return { csrfToken: this.csrf.tokenFor(request, response) };
  }
}
