import { Logger } from '@nestjs/common';
import { DelayedError, Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type IORedis from 'ioredis';
import { PollingLoop } from '../../engine/worker/polling-loop';
import { ENGINE_TOPICS, outboxQueueName, type OutboxJobData } from '../../engine/queue-names';
import { createRedisConnection } from '../../queue/redis';
import type { DigestOutcome } from '../delivery/digest-dispatcher';
import type { ReminderSystem } from '../reminder-system';
import {
  DIGEST_QUEUE,
  ESCALATION_QUEUE,
  REMINDER_QUEUE,
  SWEEP_JOB_OPTIONS,
  SWEEP_QUEUE,
  type DigestJobData,
  type ReminderJobData,
} from '../reminder-queues';

export interface ReminderWorkerOptions {
  redisUrl: string;
  /** Reminder and escalation jobs handled at once per queue. */
  concurrency: number;
  /** How often the repeatable reconcile sweep runs (one worker takes each run). */
  sweepEveryMs: number;
  /** How often each worker checks that Redis still holds what it was given. */
  watchdogMs: number;
}

export const DEFAULT_WORKER_OPTIONS: Omit<ReminderWorkerOptions, 'redisUrl'> = {
  concurrency: 8,
  sweepEveryMs: 60_000,
  watchdogMs: 30_000,
};

/** The outbox topics that change a task's reminders. */
export const TASK_TOPICS = [
  ENGINE_TOPICS.taskOpened,
  ENGINE_TOPICS.taskClosed,
  ENGINE_TOPICS.taskRedated,
  ENGINE_TOPICS.taskReassigned,
] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The worker side's BullMQ consumers: task outbox topics (replan), reminder and escalation jobs
 * (dispatch the task), digest jobs, and the repeatable reconcile sweep, plus a watchdog that
 * rebuilds every job from PostgreSQL when Redis has lost its data and takes the worker's lease
 * again if its connection was lost. `close()` stops taking jobs
 * and waits for the ones in hand to finish (graceful shutdown on SIGTERM).
 */
export class ReminderWorkers {
  private readonly logger = new Logger('ReminderWorkers');
  private readonly workers: Worker[] = [];
  private readonly connections: IORedis[] = [];
  private sweepQueue: Queue | null = null;
  private watchdog: PollingLoop | null = null;
  private startupSweep: Promise<void> | null = null;

  constructor(
    private readonly system: ReminderSystem,
    private readonly options: ReminderWorkerOptions,
  ) {}

  async start(): Promise<void> {
    await this.system.start();
    const reminder = (job: Job<ReminderJobData>, token?: string) => this.onReminder(job, token);
    this.consume(REMINDER_QUEUE, reminder, this.options.concurrency);
    this.consume(ESCALATION_QUEUE, reminder, Math.max(1, Math.ceil(this.options.concurrency / 4)));
    this.consume(DIGEST_QUEUE, (job: Job<DigestJobData>, token) => this.onDigest(job, token), 2);
    this.consume(SWEEP_QUEUE, async () => this.onSweep(), 1);
    for (const topic of TASK_TOPICS) {
      this.consume(outboxQueueName(topic), (job: Job<OutboxJobData>) => this.onTaskEvent(job), 4);
    }
    this.sweepQueue = new Queue(SWEEP_QUEUE, { connection: this.system.deps.redis });
    await this.scheduleSweep();
    this.watchdog = new PollingLoop(
      'reminders-watchdog',
      this.options.watchdogMs,
      async () => {
        if (await this.system.lease.ensureHeld()) {
          this.logger.warn({ lease: this.system.lease.id }, 'worker lease lost and taken again');
        }
        if (await this.system.sweep.rebuildIfLost()) await this.scheduleSweep();
        return false;
      },
      this.logger,
    );
    // The start-up reconcile runs beside the consumers: a large rebuild must not hold up delivery.
    this.startupSweep = this.reconcileAtStart();
  }

  /** Stops taking jobs, waits for those in hand, then lets go of Redis and the lease. */
  async close(): Promise<void> {
    await this.watchdog?.stop();
    await this.startupSweep?.catch(() => undefined);
    await Promise.all(this.workers.map((worker) => worker.close()));
    await this.sweepQueue?.close();
    await Promise.all(
      this.connections.map((connection) => connection.quit().catch(() => connection.disconnect())),
    );
    this.workers.length = 0;
    this.connections.length = 0;
    await this.system.stop();
  }

  private async reconcileAtStart(): Promise<void> {
    try {
      if (await this.system.sweep.rebuildIfLost()) await this.scheduleSweep();
      await this.system.sweep.runOnce();
    } catch (error) {
      this.logger.error(
        { err: errorName(error) },
        'start-up reconcile failed; the sweep will retry',
      );
    }
    this.watchdog?.start();
  }

  private async scheduleSweep(): Promise<void> {
    await this.sweepQueue?.upsertJobScheduler(
      'reconcile',
      { every: this.options.sweepEveryMs },
      { name: 'reconcile', data: {}, opts: SWEEP_JOB_OPTIONS },
    );
  }

  private consume<T>(
    queue: string,
    handler: (job: Job<T>, token?: string) => Promise<unknown>,
    concurrency: number,
  ): void {
    const connection = createRedisConnection(this.options.redisUrl, 'worker');
    this.connections.push(connection);
    const worker = new Worker<T>(queue, handler, { connection, concurrency });
    worker.on('failed', (job, error) => {
      this.logger.warn(
        { queue, jobId: job?.id, attempts: job?.attemptsMade, err: error.name },
        'reminder job failed',
      );
    });
    worker.on('error', (error) => this.logger.error({ queue, err: error.name }, 'worker error'));
    this.workers.push(worker);
  }

  private async onReminder(job: Job<ReminderJobData>, token?: string): Promise<void> {
    const { key, taskId } = job.data;
    if (!UUID.test(taskId) || !key.startsWith(`${taskId}:`)) {
      throw new UnrecoverableError('malformed reminder job');
    }
    const dispatch = await this.system.dispatcher.dispatchTask(taskId);
    const mine = dispatch.delivered.find((result) => result.key === key);
    if (mine?.result === 'failed') throw new UnrecoverableError(`not delivered: ${mine.code}`);
    const later =
      mine?.result === 'retry'
        ? mine.retryAt
        : dispatch.later.find((entry) => entry.key === key)?.at;
    if (later) await this.delay(job, later, token);
  }

  private async onDigest(job: Job<DigestJobData>, token?: string): Promise<void> {
    const { personId, date } = job.data;
    if (!UUID.test(personId) || !ISO_DATE.test(date)) {
      throw new UnrecoverableError('malformed digest job');
    }
    const outcome: DigestOutcome = await this.system.digests.sendDigest(personId, date);
    if (outcome.outcome === 'later') await this.delay(job, outcome.at, token);
    if (outcome.outcome === 'unsafe-content') throw new UnrecoverableError('digest refused');
    if (outcome.outcome !== 'delivery') return;
    const result = outcome.result;
    if (result.outcome === 'failed' && result.permanent) {
      throw new UnrecoverableError(`digest not delivered: ${result.code}`);
    }
    if (result.outcome === 'failed' || result.outcome === 'in-flight') {
      throw new Error(
        `digest not delivered yet: ${result.outcome === 'failed' ? result.code : 'in-flight'}`,
      );
    }
  }

  private async onSweep(): Promise<void> {
    const report = await this.system.sweep.runOnce();
    if (report.dispatched > 0 || report.reclaimed > 0 || report.resynced > 0) {
      this.logger.log(
        {
          dispatched: report.dispatched,
          reclaimed: report.reclaimed,
          resynced: report.resynced,
          errors: report.errors,
        },
        'reminder sweep',
      );
    }
  }

  private async onTaskEvent(job: Job<OutboxJobData>): Promise<void> {
    const taskId = job.data.payload.taskId;
    if (typeof taskId !== 'string' || !UUID.test(taskId)) return;
    // Reassigning changes no reminder (recipients are resolved when each is sent); replanning is
    // harmless and keeps one path for every topic.
    const changes = await this.system.planner.syncTask(taskId);
    await this.system.scheduler.apply(changes);
  }

  /** Puts the job back as delayed until `at` on the injected clock, without counting an attempt. */
  private async delay(job: Job, at: Date, token?: string): Promise<never> {
    await job.moveToDelayed(Date.now() + this.system.scheduler.delayUntil(at), token);
    throw new DelayedError();
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown';
}
