import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadConfigOrExit } from './config/config';
import { exitWhenParentLeaves } from './process-lifecycle';
import { WorkerModule } from './worker/worker.module';

async function main(): Promise<void> {
  loadConfigOrExit();
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  exitWhenParentLeaves(app);
  await app.init();
}

void main();
