import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Imports the pure reminder policy may use: itself, the business calendar and shared role names. */
const ALLOWED = [
  /^\.\/[a-z-]+$/,
  /^\.\.\/\.\.\/calendar$/,
  /^\.\.\/\.\.\/\.\.\/workflows\/shared\/roles$/,
];

describe('the reminder policy is pure', () => {
  const dir = __dirname;
  const files = readdirSync(dir).filter(
    (name) => name.endsWith('.ts') && !name.endsWith('.spec.ts'),
  );

  it.each(files)('%s imports only the policy, the calendar and role names', (file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((match) => match[1]);
    expect(imports.filter((path) => !ALLOWED.some((pattern) => pattern.test(path)))).toEqual([]);
  });

  it('checks every source file', () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
    expect(resolve(dir)).toMatch(/src\/reminders\/policy$/);
  });
});
