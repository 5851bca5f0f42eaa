import { ChildProcess, fork } from 'node:child_process';
import { join, resolve } from 'node:path';
import { ConfigError, loadConfig } from '../config/config';
import { migrate } from '../database/migrate';
import { seedFullDemoWhenEmpty } from '../seed/full-demo';
import { freePort, isPortFree } from './free-port';
import { LocalRedis, redisServerInstalled } from './local-redis';
import { SmtpSink } from './smtp-sink';

const ROOT = resolve(__dirname, '..', '..', '..');
const DATA = resolve(process.env.REVIEWS_DATA_DIR ?? join(ROOT, '.data'));
const DIST = join(ROOT, 'dist', 'src');

function say(line: string): void {
  process.stdout.write(`[start] ${line}\n`);
}

async function preferredPort(preferred: number): Promise<number> {
  return (await isPortFree(preferred)) ? preferred : freePort();
}

interface Stoppable {
  name: string;
  stop(): Promise<void>;
}

/** A child Node process that is told to stop with SIGTERM and waited for. */
function childStopper(name: string, child: ChildProcess, graceMs = 20_000): Stoppable {
  return {
    name,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        child.once('exit', () => {
          clearTimeout(timer);
          done();
        });
        child.kill('SIGTERM');
      }),
  };
}

/**
 * `npm start`: starts what is missing (embedded PostgreSQL, loopback Redis, an SMTP sink), migrates,
 * seeds a demo, runs the api and worker processes, and on Ctrl-C or SIGTERM stops everything it
 * started, in reverse order.
 */
async function launch(): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
  };
  const started: Stoppable[] = [];
  let shuttingDown = false;

  const shutdown = async (code: number): Promise<never> => {
    if (!shuttingDown) {
      shuttingDown = true;
      say('stopping…');
      for (const service of started.reverse()) {
        await service
          .stop()
          .catch((error: unknown) => say(`${service.name} did not stop cleanly: ${String(error)}`));
      }
      say('stopped');
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    if (!env.DATABASE_URL) {
      const port = await preferredPort(54329);
      const postgres = fork(join(DIST, 'dev', 'postgres-process.js'), [], {
        env: {
          ...env,
          PG_DATA_DIR: join(DATA, 'postgres'),
          PG_PORT: String(port),
          PG_DATABASE: 'reviews',
        },
        detached: true,
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      started.push(childStopper('postgres', postgres, 60_000));
      env.DATABASE_URL = await new Promise<string>((ready, fail) => {
        postgres.once('message', (message: { url: string }) => ready(message.url));
        postgres.once('exit', (exitCode) =>
          fail(new Error(`embedded PostgreSQL exited with code ${exitCode}`)),
        );
      });
      say(`embedded PostgreSQL on port ${port}, data in ${join(DATA, 'postgres')}`);
    }

    if (!env.REDIS_URL) {
      if (!redisServerInstalled()) {
        throw new Error(
          'redis-server is not installed: run `sudo apt-get install -y redis-server`, or set REDIS_URL',
        );
      }
      const redis = new LocalRedis({
        dataDir: join(DATA, 'redis'),
        port: await preferredPort(63790),
        persistent: true,
      });
      await redis.start();
      started.push({ name: 'redis', stop: () => redis.stop() });
      env.REDIS_URL = redis.url;
      say(`local Redis at ${redis.url}`);
    }

    if (!env.SMTP_URL) {
      const sink = new SmtpSink({
        port: await preferredPort(2525),
        mailboxDir: join(DATA, 'mailbox'),
      });
      await sink.start();
      started.push({ name: 'smtp sink', stop: () => sink.stop() });
      env.SMTP_URL = sink.url;
      env.MAILBOX_DIR = join(DATA, 'mailbox');
      say(`SMTP sink at ${sink.url}; mail is kept in ${join(DATA, 'mailbox')}`);
    }

    const config = loadConfig(env);
    if (!(await isPortFree(config.port))) {
      throw new ConfigError(
        `PORT ${config.port} is already in use: stop what is using it or set PORT`,
      );
    }

    const seeded = await migrate(config.databaseUrl, seedFullDemoWhenEmpty);
    say(seeded ? 'database migrated and demo partnership seeded' : 'database migrated');

    for (const [name, entry] of [
      ['worker', 'worker.js'],
      ['api', 'main.js'],
    ] as const) {
      const child = fork(join(DIST, entry), [], {
        env,
        detached: true,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      started.push(childStopper(name, child));
      child.once('exit', (exitCode, signal) => {
        if (shuttingDown) return;
        say(`${name} process stopped unexpectedly (${signal ?? `code ${exitCode}`})`);
        void shutdown(1);
      });
    }
    await waitForHealth(`http://127.0.0.1:${config.port}/health`);
    say(
      `ready: ${config.appUrl}  (API docs at ${config.appUrl}/api/docs; Ctrl-C stops everything)`,
    );
  } catch (error) {
    say(error instanceof Error ? error.message : String(error));
    await shutdown(1);
  }
}

async function waitForHealth(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the api did not report healthy at ${url} within ${timeoutMs / 1000}s`);
}

void launch();
