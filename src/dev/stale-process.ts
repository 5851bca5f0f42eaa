import { existsSync, readFileSync, rmSync } from 'node:fs';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/**
 * Clears what a crashed run left behind: a pid file whose process is gone is removed; one whose
 * process is still ours (e.g. the launcher was killed with SIGKILL) is asked to stop first.
 */
export async function clearStalePidFile(
  pidFile: string,
  expectedCommand: string,
  signal: NodeJS.Signals = 'SIGINT',
): Promise<'none' | 'removed' | 'stopped'> {
  if (!existsSync(pidFile)) return 'none';
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (
    Number.isInteger(pid) &&
    pid > 0 &&
    isAlive(pid) &&
    commandOf(pid).includes(expectedCommand)
  ) {
    process.kill(pid, signal);
    for (let waited = 0; isAlive(pid) && waited < 30_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    if (existsSync(pidFile)) rmSync(pidFile);
    return 'stopped';
  }
  rmSync(pidFile);
  return 'removed';
}
