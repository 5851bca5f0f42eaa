import { INestApplicationContext } from '@nestjs/common';

/**
 * When started by `npm start` (with an IPC channel), close cleanly if the launcher disappears,
 * so a killed launcher leaves no orphaned api or worker process.
 */
export function exitWhenParentLeaves(app: INestApplicationContext): void {
  if (!process.send) return;
  process.once('disconnect', () => {
    void app.close().finally(() => process.exit(0));
  });
}
