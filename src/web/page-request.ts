import type { Request } from 'express';

/** Paths whose callers are programs: an error there is always problem details JSON. */
export const API_PATH_PREFIXES = ['/api', '/auth', '/health'] as const;

/**
 * The one rule for how an error is shown. A request gets an HTML error page in the service's
 * layout when its path is outside the API prefixes and it prefers HTML to JSON (a browser
 * following a link or submitting a form). Everything else gets RFC 9457 problem details.
 */
export function wantsHtmlPage(request: Request): boolean {
  const path = request.path;
  const api = API_PATH_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
  return !api && request.accepts(['json', 'html']) === 'html';
}
