import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Templates see only their typed input: they import each other, the calendar's date check and the
 * pure reminder policy's types, and nothing that could fetch data (no database, queue or mailer).
 */
const ALLOWED = [
  /^\.\/[a-z-.]+$/,
  /^\.\.\/\.\.\/calendar$/,
  /^\.\.\/\.\.\/reminders\/policy\/[a-z-]+$/,
];

describe('email templates are pure', () => {
  const files = readdirSync(__dirname).filter(
    (name) => name.endsWith('.ts') && !name.endsWith('.spec.ts'),
  );

  it.each(files)('%s imports nothing that could fetch data', (file) => {
    const source = readFileSync(join(__dirname, file), 'utf8');
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((match) => match[1]);
    expect(imports.filter((path) => !ALLOWED.some((pattern) => pattern.test(path)))).toEqual([]);
  });
});
