import type { LoggerService } from '@nestjs/common';

/**
 * Calls `tick` every `intervalMs`, or again at once while it reports more work waiting. `stop()`
 * waits for a running tick to finish, for a graceful shutdown.
 */
export class PollingLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly tick: () => Promise<boolean>,
    private readonly logger: LoggerService,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.run();
    }, delayMs);
  }

  private async run(): Promise<void> {
    let busy = false;
    try {
      busy = await this.tick();
    } catch (error) {
      this.logger.error(
        { loop: this.name, err: error instanceof Error ? error.name : String(error) },
        'polling loop tick failed',
      );
    }
    this.schedule(busy ? 0 : this.intervalMs);
  }
}
