import { INestApplication } from '@nestjs/common';
import { freePort } from '../../src/dev/free-port';
import { SmtpSink } from '../../src/dev/smtp-sink';
import { createHttpApp } from '../../src/http-app';
import { createTestDatabase, TestDatabase } from './test-database';

export interface AppHarness {
  app: INestApplication;
  database: TestDatabase;
  smtp: SmtpSink;
  close(): Promise<void>;
}

/**
 * The real HTTP app, in-process, on a fresh database, the run's Redis and its own SMTP sink.
 * `env` overrides settings (e.g. a Redis URL nobody listens on).
 */
export async function startApp(env: Record<string, string> = {}): Promise<AppHarness> {
  const database = await createTestDatabase();
  const smtp = new SmtpSink({ port: await freePort() });
  await smtp.start();
  const savedEnv = { ...process.env };
  Object.assign(
    process.env,
    {
      DATABASE_URL: database.url,
      SMTP_URL: smtp.url,
      PORT: '3999',
      APP_URL: 'http://localhost:3999',
    },
    env,
  );
  const app = await createHttpApp();
  await app.init();
  return {
    app,
    database,
    smtp,
    close: async () => {
      await app.close();
      await smtp.stop();
      await database.drop();
      process.env = savedEnv;
    },
  };
}
