import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findRepoRoot, PUBLIC_DIR, VIEWS_DIR } from './web-paths';

describe('web paths', () => {
  const root = resolve(__dirname, '..', '..');

  it('finds the same repository root from the sources and from the compiled dist folder', () => {
    expect(findRepoRoot(join(root, 'src', 'web'))).toBe(root);
    expect(findRepoRoot(join(root, 'dist', 'src', 'web'))).toBe(root);
  });

  it('reads templates and public files from src/web, which the tsc build does not copy', () => {
    expect(VIEWS_DIR).toBe(join(root, 'src', 'web', 'views'));
    expect(existsSync(join(VIEWS_DIR, 'layout.njk'))).toBe(true);
    expect(existsSync(join(PUBLIC_DIR, 'app.js'))).toBe(true);
  });
});
