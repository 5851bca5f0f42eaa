import { rmSync } from 'node:fs';

/** Stops the servers the run started and removes its folder. */
export default async function globalTeardown(): Promise<void> {
  const services = globalThis.testServices;
  if (!services) return;
  await Promise.all([services.redis.stop(), services.postgres.stop()]);
  rmSync(services.runDir, { recursive: true, force: true });
}
