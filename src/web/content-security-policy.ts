import { createHash } from 'node:crypto';
import type { WebViews } from './web-views';

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g;

/**
 * `script-src` for the Helmet content security policy: same-origin files, plus the hash of the one
 * inline script govuk-frontend's page template writes (it adds the `js-enabled` and
 * `govuk-frontend-supported` body classes before first paint). Computed from the installed
 * template, so an upgrade that changes the script cannot silently break it; no other inline
 * script runs, and our own code lives in `src/web/public`.
 */
export function scriptSources(views: WebViews): string[] {
  const page = views.environment.renderString('{% extends "govuk/template.njk" %}', {});
  const hashes = [...page.matchAll(INLINE_SCRIPT)].map(
    ([, body]) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`,
  );
  if (hashes.length === 0) throw new Error('govuk/template.njk has no inline script to allow');
  return ["'self'", ...new Set(hashes)];
}
