// `npm start`: everything a fresh machine needs, then the product with embedded defaults.
const { join } = require('node:path');
const {
  ROOT,
  say,
  runOrExit,
  ensureNodeModules,
  ensureSystemPackages,
  pruneStaleBuildOutput,
} = require('./lib/setup');

ensureNodeModules();
if (!process.env.REDIS_URL)
  ensureSystemPackages([{ command: 'redis-server', pkg: 'redis-server' }]);
say('building…');
runOrExit(process.execPath, [
  join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
  '-p',
  'tsconfig.build.json',
]);
pruneStaleBuildOutput();
require(join(ROOT, 'dist', 'src', 'dev', 'launcher.js'));
