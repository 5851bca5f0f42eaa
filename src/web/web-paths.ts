import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository root: the nearest folder above this file that holds package.json. Found by
 * walking up so the same answer comes from `src/web` (ts-node, Jest) and `dist/src/web` (tsc
 * output, which does not copy templates), where the views are read from `src/` either way.
 */
export function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json above ${from}`);
  }
}

const REPO_ROOT = findRepoRoot(__dirname);

/** Our Nunjucks templates. */
export const VIEWS_DIR = join(REPO_ROOT, 'src', 'web', 'views');
/** Our own small CSS, JS and icon, served under /assets/<build>/. */
export const PUBLIC_DIR = join(REPO_ROOT, 'src', 'web', 'public');
/** govuk-frontend's `dist`: holds `govuk/` with the templates, compiled CSS and JS, and assets. */
export const GOVUK_FRONTEND_DIST = join(
  dirname(require.resolve('govuk-frontend/package.json')),
  'dist',
);
