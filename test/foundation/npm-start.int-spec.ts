import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '../../src/dev/free-port';
import { testRunDir } from '../support/test-services';

const ROOT = resolve(__dirname, '..', '..');
const DATA = join(testRunDir(), 'launcher');

interface Launch {
  child: ChildProcess;
  output: () => string;
  port: number;
}

function launch(port: number): Launch {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    REVIEWS_DATA_DIR: DATA,
    PORT: String(port),
    LOG_LEVEL: 'warn',
  };
  for (const name of [
    'DATABASE_URL',
    'REDIS_URL',
    'SMTP_URL',
    'APP_URL',
    'NODE_ENV',
    'MAILBOX_DIR',
  ])
    delete env[name];
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.js')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output, port };
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 150_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const found: number[] = [];
  const walk = (id: number): void =>
    (children.get(id) ?? []).forEach((child) => (found.push(child), walk(child)));
  walk(pid);
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
}

async function stop(run: Launch): Promise<number | null> {
  const exited = new Promise<number | null>((done) => run.child.once('exit', (code) => done(code)));
  run.child.kill('SIGTERM');
  return exited;
}

describe('npm start', () => {
  jest.setTimeout(300_000);

  beforeAll(() => rmSync(DATA, { recursive: true, force: true }));

  it('starts PostgreSQL, Redis, an SMTP sink, the api and the worker, then SIGTERM stops every one of them', async () => {
    const run = launch(await freePort());
    await waitFor(
      () => run.output().includes('[start] ready:') || run.child.exitCode !== null,
      'the ready line',
    );
    expect(run.output()).toContain('[start] ready:');
    expect(run.output()).toContain('demo partnership seeded');

    const health = await fetch(`http://127.0.0.1:${run.port}/health`);
    expect(health.status).toBe(200);

    const started = descendants(run.child.pid ?? -1);
    const postgresPid = Number(
      readFileSync(join(DATA, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0],
    );
    const redisPid = Number(readFileSync(join(DATA, 'redis', 'redis.pid'), 'utf8').trim());
    expect(started).toEqual(expect.arrayContaining([postgresPid, redisPid]));
    expect(started.length).toBeGreaterThanOrEqual(4); // postgres runner, redis, worker, api (+ postgres's own children)

    expect(await stop(run)).toBe(0);
    await waitFor(
      () => started.every((pid) => !alive(pid)),
      'every started process to end',
      30_000,
    );
    expect(existsSync(join(DATA, 'postgres', 'postmaster.pid'))).toBe(false);
  });

  it('reuses the data on a second start, without seeding again, even after a crash left a stale postmaster.pid', async () => {
    writeFileSync(join(DATA, 'postgres', 'postmaster.pid'), '4194301\n/nonexistent\n');
    const run = launch(await freePort());
    await waitFor(
      () => run.output().includes('[start] ready:') || run.child.exitCode !== null,
      'the ready line',
    );
    expect(run.output()).toContain('[start] ready:');
    expect(run.output()).toContain('database migrated');
    expect(run.output()).not.toContain('seeded');
    expect(await stop(run)).toBe(0);
  });

  it('stops with one line naming a malformed setting', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, REVIEWS_DATA_DIR: DATA, PORT: 'eighty' };
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    expect(code).toBe(78);
    expect(stderr.trim()).toBe(
      'Configuration error: PORT must be a whole number between 1 and 65535',
    );
  });
});
