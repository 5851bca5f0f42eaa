import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from '../../src/database/migrate';
import { freePort } from '../../src/dev/free-port';
import { LocalPostgres } from '../../src/dev/local-postgres';
import { LocalRedis } from '../../src/dev/local-redis';
import { clearStalePidFile } from '../../src/dev/stale-process';
import { TEMPLATE_DATABASE, TEST_ROOT_DIR, testEnvFile, TestEnvironment } from './test-services';

declare global {
  var testServices: { postgres: LocalPostgres; redis: LocalRedis; runDir: string } | undefined;
}

/** Starts a real PostgreSQL and Redis for this run and migrates a template database once. */
export default async function globalSetup(): Promise<void> {
  await removeFinishedRuns();
  const runDir = join(TEST_ROOT_DIR, `run-${process.pid}`);
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  writeFileSync(join(runDir, 'owner.pid'), String(process.pid));
  process.env.REVIEWS_TEST_RUN_DIR = runDir;

  const postgres = new LocalPostgres({
    dataDir: join(runDir, 'postgres'),
    port: await freePort(),
    database: TEMPLATE_DATABASE,
    fast: true,
  });
  const redis = new LocalRedis({
    dataDir: join(runDir, 'redis'),
    port: await freePort(),
    persistent: false,
  });
  await Promise.all([postgres.start(), redis.start()]);
  globalThis.testServices = { postgres, redis, runDir };

  await migrate(postgres.url);
  const environment: TestEnvironment = {
    POSTGRES_ADMIN_URL: postgres.url.replace(/\/[^/]+$/, '/postgres'),
    TEMPLATE_DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
  };
  writeFileSync(testEnvFile(), JSON.stringify(environment));
}

/** Folders of earlier runs whose Jest process has gone (a crash or Ctrl-C) are cleared. */
async function removeFinishedRuns(): Promise<void> {
  if (!existsSync(TEST_ROOT_DIR)) return;
  for (const entry of readdirSync(TEST_ROOT_DIR)) {
    const dir = join(TEST_ROOT_DIR, entry);
    const ownerFile = join(dir, 'owner.pid');
    const owner = existsSync(ownerFile) ? Number(readFileSync(ownerFile, 'utf8')) : NaN;
    if (isRunning(owner)) continue;
    // A killed run leaves its servers behind: stop them before removing their folders.
    await clearStalePidFile(join(dir, 'redis', 'redis.pid'), 'redis-server', 'SIGTERM');
    await clearStalePidFile(join(dir, 'postgres', 'postmaster.pid'), 'postgres');
    rmSync(dir, { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    return Number.isInteger(pid) && process.kill(pid, 0);
  } catch {
    return false;
  }
}
