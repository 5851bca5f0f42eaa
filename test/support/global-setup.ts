import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from '../../src/database/migrate';
import { freePort } from '../../src/dev/free-port';
import { LocalPostgres } from '../../src/dev/local-postgres';
import { LocalRedis } from '../../src/dev/local-redis';
import { TEMPLATE_DATABASE, TEST_DATA_DIR, TEST_ENV_FILE, TestEnvironment } from './test-services';

declare global {
  var testServices: { postgres: LocalPostgres; redis: LocalRedis } | undefined;
}

/** Starts a real PostgreSQL and Redis for this run and migrates a template database once. */
export default async function globalSetup(): Promise<void> {
  rmSync(TEST_DATA_DIR, { recursive: true, force: true });
  mkdirSync(TEST_DATA_DIR, { recursive: true });
  const postgres = new LocalPostgres({
    dataDir: join(TEST_DATA_DIR, 'postgres'),
    port: await freePort(),
    database: TEMPLATE_DATABASE,
    fast: true,
  });
  const redis = new LocalRedis({
    dataDir: join(TEST_DATA_DIR, 'redis'),
    port: await freePort(),
    persistent: false,
  });
  await Promise.all([postgres.start(), redis.start()]);
  globalThis.testServices = { postgres, redis };

  await migrate(postgres.url);
  const environment: TestEnvironment = {
    POSTGRES_ADMIN_URL: postgres.url.replace(/\/[^/]+$/, '/postgres'),
    TEMPLATE_DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
  };
  writeFileSync(TEST_ENV_FILE, JSON.stringify(environment));
}
