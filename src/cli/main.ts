import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createDataSource } from '../database/data-source';
import { CliUsageError, usage } from './cli-args';
import { adminServices, CliFailure, COMMANDS, runCommand } from './commands';

/** Where `npm start` runs its embedded PostgreSQL when DATABASE_URL is not set. */
const NPM_START_DATABASE = 'postgres://postgres:postgres@127.0.0.1:54329/reviews';

const EX_USAGE = 64;
const EX_UNAVAILABLE = 69;

async function connect(url: string): Promise<DataSource> {
  const dataSource = createDataSource(url);
  try {
    await dataSource.initialize();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `Cannot reach the database at ${new URL(url).host}: ${reason}\n` +
        'Start it with `npm start`, or set DATABASE_URL.\n',
    );
    process.exit(EX_UNAVAILABLE);
  }
  if (await dataSource.showMigrations()) {
    await dataSource.destroy();
    process.stderr.write(
      'The database is not fully migrated: run `npm start` or `npm run migration:run` first.\n',
    );
    process.exit(EX_UNAVAILABLE);
  }
  return dataSource;
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help') {
    process.stdout.write(`${usage(COMMANDS)}\n`);
    return argv.length === 0 ? EX_USAGE : 0;
  }
  if (!(argv[0] in COMMANDS)) {
    process.stderr.write(`Unknown command "${argv[0]}".\n\n${usage(COMMANDS)}\n`);
    return EX_USAGE;
  }
  const dataSource = await connect(process.env.DATABASE_URL ?? NPM_START_DATABASE);
  try {
    await runCommand(adminServices(dataSource), argv, {
      out: (line) => process.stdout.write(`${line}\n`),
      note: (line) => process.stderr.write(`${line}\n`),
    });
    return 0;
  } catch (error) {
    if (error instanceof CliUsageError) {
      process.stderr.write(`${error.message}\n\nRun \`npm run cli -- help\` for the options.\n`);
      return EX_USAGE;
    }
    if (error instanceof CliFailure) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `Unexpected error: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
