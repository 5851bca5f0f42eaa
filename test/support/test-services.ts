import { join, resolve } from 'node:path';

/** Where test runs keep their throwaway servers, apart from `npm start`'s data. */
export const TEST_ROOT_DIR = resolve(__dirname, '..', '..', '.data', 'test');
export const TEMPLATE_DATABASE = 'reviews_template';

/**
 * This run's own folder: several Jest runs may work side by side (e.g. a developer's and CI's),
 * so each gets its own servers. Global setup picks it; test workers inherit it via the environment.
 */
export function testRunDir(): string {
  const dir = process.env.REVIEWS_TEST_RUN_DIR;
  if (!dir) throw new Error('REVIEWS_TEST_RUN_DIR is not set: run integration tests through Jest');
  return dir;
}

export function testEnvFile(): string {
  return join(testRunDir(), 'env.json');
}

export interface TestEnvironment {
  POSTGRES_ADMIN_URL: string;
  TEMPLATE_DATABASE_URL: string;
  REDIS_URL: string;
}
