// Fresh-machine setup shared by `npm start` and `npm test`. Plain Node, no dependencies:
// it runs before node_modules exists.
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, rmSync, statSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..', '..');

function say(line) {
  process.stdout.write(`[setup] ${line}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function runOrExit(command, args, options) {
  const status = run(command, args, options);
  if (status !== 0) process.exit(status);
}

function commandExists(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** `npm install` with the committed lockfile when node_modules is missing or older than it. */
function ensureNodeModules() {
  const installed = join(ROOT, 'node_modules', '.package-lock.json');
  const lock = join(ROOT, 'package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  say('installing npm dependencies (npm install with the lockfile)…');
  // `npm ci` is not used: some registries lack other platforms' optional binaries the lockfile names.
  runOrExit('npm', ['install', '--no-audit', '--no-fund']);
}

/** Debian packages the product needs, e.g. [{ command: 'redis-server', pkg: 'redis-server' }]. */
function ensureSystemPackages(needs) {
  const missing = needs.filter((need) => !commandExists(need.command));
  if (missing.length === 0) return;
  const packages = missing.map((need) => need.pkg);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !commandExists('apt-get')) {
    process.stderr.write(
      `Missing ${missing.map((need) => need.command).join(', ')}. Install with:\n  sudo apt-get install -y ${packages.join(' ')}\n`,
    );
    process.exit(1);
  }
  say(`installing ${packages.join(', ')} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  runOrExit('apt-get', ['update', '-qq'], { env });
  runOrExit('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env });
}

/**
 * Incremental builds never delete output: a renamed or removed source (a migration, say) would
 * leave its old .js behind and still run. Remove compiled files whose source is gone.
 */
function pruneStaleBuildOutput() {
  const dist = join(ROOT, 'dist');
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.js(\.map)?$/.test(entry.name)) {
        const source = join(ROOT, path.slice(dist.length + 1)).replace(/\.js(\.map)?$/, '.ts');
        if (!existsSync(source)) rmSync(path);
      }
    }
  };
  for (const top of ['src', 'workflows', 'migrations']) walk(join(dist, top));
}

module.exports = {
  ROOT,
  say,
  run,
  runOrExit,
  ensureNodeModules,
  ensureSystemPackages,
  pruneStaleBuildOutput,
};
