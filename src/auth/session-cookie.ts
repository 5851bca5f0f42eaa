import { Inject, Injectable } from '@nestjs/common';
import type { CookieOptions, Request, Response } from 'express';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { cookieSettings, CookieSettings } from './auth.settings';

/**
 * The session cookie: HttpOnly, SameSite=Lax (so arriving from the emailed link still carries
 * it), Secure outside development, no Max-Age (the server ends idle sessions).
 */
@Injectable()
export class SessionCookie {
  readonly settings: CookieSettings;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.settings = cookieSettings(config);
  }

  private get options(): CookieOptions {
    return { httpOnly: true, sameSite: 'lax', secure: this.settings.secure, path: '/' };
  }

  read(request: Request): string | undefined {
    const cookies = request.cookies as Record<string, unknown> | undefined;
    const value = cookies?.[this.settings.sessionCookie];
    return typeof value === 'string' ? value : undefined;
  }

  set(response: Response, token: string): void {
    response.cookie(this.settings.sessionCookie, token, this.options);
  }

  clear(response: Response): void {
    response.clearCookie(this.settings.sessionCookie, this.options);
    response.clearCookie(this.settings.csrfCookie, { ...this.options, sameSite: 'strict' });
  }
}
