import { readFileSync } from 'node:fs';
import { testEnvFile, TestEnvironment } from './test-services';

const environment = JSON.parse(readFileSync(testEnvFile(), 'utf8')) as TestEnvironment;
Object.assign(process.env, environment, {
  NODE_ENV: 'test',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
});
