import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Express, Request, Response } from 'express';
import { GOVUK_FRONTEND_DIST, PUBLIC_DIR } from './web-paths';

const GOVUK_DIR = join(GOVUK_FRONTEND_DIST, 'govuk');
const GOVUK_FILES = [
  'govuk-frontend.min.css',
  'govuk-frontend.min.css.map',
  'govuk-frontend.min.js',
  'govuk-frontend.min.js.map',
];
const ONE_YEAR = '365d';
const ONE_DAY = '1d';

/**
 * A short hash of govuk-frontend's version and our public files. Asset URLs carry it
 * (`/assets/<build>/app.css`) so they can be cached for a year: a release that changes any of
 * them changes every URL, and every copy of the same release computes the same one.
 */
function computeBuildId(): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(join(GOVUK_FRONTEND_DIST, '..', 'package.json')));
  for (const name of readdirSync(PUBLIC_DIR).sort()) {
    hash.update(name).update(readFileSync(join(PUBLIC_DIR, name)));
  }
  return hash.digest('hex').slice(0, 12);
}

let buildId: string | undefined;

export function assetBuildId(): string {
  return (buildId ??= computeBuildId());
}

/** The URL of one of our assets or govuk-frontend's compiled CSS/JS, e.g. `assetHref('app.js')`. */
export function assetHref(name: string): string {
  return `/assets/${assetBuildId()}/${name}`;
}

/**
 * Serves govuk-frontend's compiled CSS and JS and our `public/` folder under `/assets/<build>/`,
 * and govuk-frontend's fonts and images under `/assets/fonts` and `/assets/images`, where its CSS
 * looks for them. In development nothing is cached, so an edited file shows on reload.
 */
export function mountAssets(app: NestExpressApplication, development: boolean): void {
  const versioned = development ? { maxAge: 0 } : { maxAge: ONE_YEAR, immutable: true };
  const prefix = `/assets/${assetBuildId()}`;
  const express: Express = app.getHttpAdapter().getInstance();
  for (const name of GOVUK_FILES) {
    express.get(`${prefix}/${name}`, (_request: Request, response: Response) => {
      response.sendFile(join(GOVUK_DIR, name), versioned);
    });
  }
  app.useStaticAssets(PUBLIC_DIR, { ...versioned, prefix: `${prefix}/`, index: false });
  // Font file names carry a content hash; image names do not, so they are kept for a day only.
  app.useStaticAssets(join(GOVUK_DIR, 'assets', 'fonts'), {
    maxAge: ONE_YEAR,
    immutable: true,
    prefix: '/assets/fonts/',
    index: false,
  });
  app.useStaticAssets(join(GOVUK_DIR, 'assets', 'images'), {
    maxAge: ONE_DAY,
    prefix: '/assets/images/',
    index: false,
  });
}
