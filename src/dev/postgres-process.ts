import { LocalPostgres } from './local-postgres';

/**
 * Runs the embedded PostgreSQL in its own small process, so the launcher can stop it last, after
 * the api and worker have closed their connections. It stops the server when told to (SIGTERM)
 * and also when its parent vanishes (the IPC channel closes), so a killed launcher leaves no
 * orphaned postgres behind.
 */
async function main(): Promise<void> {
  const postgres = new LocalPostgres({
    dataDir: process.env.PG_DATA_DIR ?? '.data/postgres',
    port: Number(process.env.PG_PORT ?? 5433),
    database: process.env.PG_DATABASE ?? 'reviews',
  });
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await postgres.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.on('disconnect', () => void stop());
  await postgres.start();
  process.send?.({ ready: true, url: postgres.url });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `PostgreSQL could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
