import 'reflect-metadata';
import { loadConfigOrExit } from '../config/config';
import { seedFullDemoWhenEmpty } from '../seed/full-demo';
import { migrate } from './migrate';

/**
 * Production-like runs (docker compose): apply pending migrations, and seed the demo partnership
 * into an empty database only when SEED_DEMO=true.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const seed = process.env.SEED_DEMO === 'true';
  const seeded = await migrate(config.databaseUrl, seed ? seedFullDemoWhenEmpty : undefined);
  process.stdout.write(`migrations applied${seeded ? '; demo partnership seeded' : ''}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `migration failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
