import { readFileSync } from 'node:fs';
import { TEST_ENV_FILE, TestEnvironment } from './test-services';

const environment = JSON.parse(readFileSync(TEST_ENV_FILE, 'utf8')) as TestEnvironment;
Object.assign(process.env, environment, {
  NODE_ENV: 'test',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
});
