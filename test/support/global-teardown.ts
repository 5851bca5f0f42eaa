/** Stops the servers the run started. */
export default async function globalTeardown(): Promise<void> {
  const services = globalThis.testServices;
  if (!services) return;
  await Promise.all([services.redis.stop(), services.postgres.stop()]);
}
