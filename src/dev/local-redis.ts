import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { clearStalePidFile } from './stale-process';

export interface LocalRedisOptions {
  dataDir: string;
  port: number;
  /** Keep an append-only file so queued jobs survive a restart (off for throwaway test servers). */
  persistent: boolean;
  log?: (line: string) => void;
}

export function redisServerInstalled(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** A redis-server bound to loopback, owned by this process. */
export class LocalRedis {
  private child?: ChildProcess;

  constructor(private readonly options: LocalRedisOptions) {}

  get url(): string {
    return `redis://127.0.0.1:${this.options.port}`;
  }

  async start(): Promise<void> {
    const { dataDir, port, persistent, log = () => undefined } = this.options;
    mkdirSync(dataDir, { recursive: true });
    const pidFile = join(dataDir, 'redis.pid');
    await clearStalePidFile(pidFile, 'redis-server', 'SIGTERM');
    const args = [
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--dir',
      dataDir,
      '--pidfile',
      pidFile,
      '--daemonize',
      'no',
      '--protected-mode',
      'yes',
      '--save',
      '',
      '--appendonly',
      persistent ? 'yes' : 'no',
      '--maxmemory-policy',
      'noeviction',
    ];
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const onData = (chunk: Buffer): void => {
        const text = chunk.toString();
        output += text;
        text
          .split('\n')
          .filter(Boolean)
          .forEach((line) => log(line));
        if (text.includes('Ready to accept connections')) resolve();
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('error', reject);
      child.once('exit', (code) =>
        reject(
          new Error(
            `redis-server exited with code ${code} before it was ready: ${output.slice(-500)}`,
          ),
        ),
      );
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
    this.child = undefined;
  }
}
