import { Controller, Get, Render, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../access/access.decorators';
import { Authenticator } from '../auth/authenticator.service';
import { CsrfService } from '../auth/csrf.service';
import { setPageLocals } from './signed-in/page-locals.interceptor';

/** The start page: what the service is for and who uses it, and the way in or on. */
@ApiExcludeController()
@Public()
@Controller()
export class HomeController {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly csrf: CsrfService,
  ) {}

  /** Open to everyone; someone already signed in sees their name and where to go next. */
  @Get()
  @Render('home')
  async home(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Record<string, never>> {
    const authentication = await this.authenticator.authenticate(request);
    if (authentication.outcome === 'authenticated') {
      setPageLocals(authentication.principal, request, response, this.csrf);
    }
    return {};
  }
}
