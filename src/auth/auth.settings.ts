import type { AppConfig } from '../config/config';

/** How long a sign-in link works. */
export const SIGN_IN_LINK_TTL_MS = 15 * 60 * 1000;
/** A session ends after this long without a request. */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
/** And in any case this long after sign-in. */
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;
/** Activity is written back at most this often, not on every request. */
export const TOUCH_INTERVAL_MS = 60 * 1000;
/** API tokens live at most a year. */
export const MAX_TOKEN_DAYS = 365;

/** Sign-in rate limits, per client address and per email address, over a window. */
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const SIGN_IN_LIMIT_PER_IP = 30;
export const SIGN_IN_LIMIT_PER_ADDRESS = 5;

export interface CookieSettings {
  secure: boolean;
  sessionCookie: string;
  csrfCookie: string;
}

/**
 * Cookies are Secure outside development; there they also take the `__Host-` prefix, so no
 * subdomain can plant or overwrite them.
 */
export function cookieSettings(config: Pick<AppConfig, 'environment'>): CookieSettings {
  const secure = config.environment !== 'development';
  const prefix = secure ? '__Host-' : '';
  return { secure, sessionCookie: `${prefix}sr_session`, csrfCookie: `${prefix}sr_csrf` };
}
