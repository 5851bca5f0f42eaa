// `npm test`: installs what tests need, then typecheck, lint, format check and every test
// (unit, and integration against real PostgreSQL, Redis, SMTP and Chromium started for the run).
// Extra arguments go to Jest, e.g. `npm test -- test/health`.
const { join } = require('node:path');
const { ROOT, say, run, ensureNodeModules, ensureSystemPackages } = require('./lib/setup');

ensureNodeModules();
ensureSystemPackages([
  { command: 'redis-server', pkg: 'redis-server' },
  { command: 'chromium', pkg: 'chromium' },
]);

const bin = (name, ...path) => [process.execPath, [join(ROOT, 'node_modules', name, ...path)]];
const steps = [
  ['typecheck', ...bin('typescript', 'bin', 'tsc'), ['-p', 'tsconfig.json', '--noEmit']],
  ['lint', ...bin('eslint', 'bin', 'eslint.js'), ['.', '--max-warnings', '0']],
  ['format', ...bin('prettier', 'bin', 'prettier.cjs'), ['--check', '.', '--log-level', 'warn']],
  ['tests', ...bin('jest', 'bin', 'jest.js'), ['--ci', ...process.argv.slice(2)]],
];

for (const [name, command, baseArgs, extraArgs] of steps) {
  say(`${name}…`);
  const status = run(command, [...baseArgs, ...extraArgs]);
  if (status !== 0) {
    process.stderr.write(`npm test: ${name} failed\n`);
    process.exit(status);
  }
}
say('all checks passed');
