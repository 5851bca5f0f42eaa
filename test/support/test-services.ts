import { join, resolve } from 'node:path';

/** Where the test run keeps its throwaway servers, apart from `npm start`'s data. */
export const TEST_DATA_DIR = resolve(__dirname, '..', '..', '.data', 'test');
export const TEST_ENV_FILE = join(TEST_DATA_DIR, 'env.json');
export const TEMPLATE_DATABASE = 'reviews_template';

export interface TestEnvironment {
  POSTGRES_ADMIN_URL: string;
  TEMPLATE_DATABASE_URL: string;
  REDIS_URL: string;
}
