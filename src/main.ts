import 'reflect-metadata';
import { loadConfigOrExit } from './config/config';
import { createHttpApp } from './http-app';
import { exitWhenParentLeaves } from './process-lifecycle';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createHttpApp();
  exitWhenParentLeaves(app);
  await app.listen(config.port);
}

void main();
