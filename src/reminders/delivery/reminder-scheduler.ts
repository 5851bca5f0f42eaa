import { Queue, type JobsOptions } from 'bullmq';
import type IORedis from 'ioredis';
import type { Clock } from '../../common/clock';
import type { PlanChanges, ScheduledReminder } from '../planning/reminder-planner';
import {
  DELIVERY_JOB_OPTIONS,
  DIGEST_QUEUE,
  digestJobId,
  queueForKind,
  reminderJobId,
  REMINDER_QUEUES,
  type DigestJobData,
  type ReminderJobData,
} from '../reminder-queues';

const BULK_CHUNK = 1_000;
/** A delayed job this close to where it should be is left alone. */
const DELAY_TOLERANCE_MS = 1_000;

/**
 * Mirrors PostgreSQL's planned reminders as BullMQ delayed jobs, one per reminder under its
 * deterministic id, with the delay worked out from the injected clock. Only a latency
 * optimisation: the handler re-reads PostgreSQL, and the sweep sends whatever a lost job missed.
 */
export class ReminderScheduler {
  private readonly queues = new Map<string, Queue>();

  constructor(
    private readonly connection: IORedis,
    private readonly clock: Clock,
  ) {}

  queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection });
      this.queues.set(name, queue);
    }
    return queue;
  }

  allQueues(): Queue[] {
    return REMINDER_QUEUES.map((name) => this.queue(name));
  }

  /** Applies a plan's changes: each scheduled reminder gets its job at its time, cancelled ones lose theirs. */
  async apply(changes: PlanChanges): Promise<void> {
    for (const reminder of changes.schedule) await this.ensure(reminder);
    for (const { key, kind } of changes.cancel) {
      const job = await this.queue(queueForKind(kind)).getJob(reminderJobId(key));
      // A job that is running or already gone is fine: the handler reads the cancelled row.
      await job?.remove().catch(() => undefined);
    }
  }

  /** Makes sure the reminder's job exists and is due when the reminder is. */
  async ensure(reminder: ScheduledReminder): Promise<void> {
    const queue = this.queue(queueForKind(reminder.kind));
    const id = reminderJobId(reminder.key);
    const delay = this.delayUntil(reminder.sendAt);
    const job = await queue.getJob(id);
    if (job) {
      const state = await job.getState();
      if (state === 'delayed') {
        const due = job.timestamp + job.delay;
        if (Math.abs(due - (Date.now() + delay)) > DELAY_TOLERANCE_MS) {
          await job.changeDelay(delay).catch(() => undefined);
        }
        return;
      }
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return;
      await job.remove().catch(() => undefined);
    }
    await queue.add(reminder.kind, this.dataOf(reminder), this.options(id, delay));
  }

  /**
   * Adds jobs for many reminders at once (after Redis lost its data, or for the coming hours);
   * BullMQ ignores an id it already holds, so repeating this adds nothing.
   */
  async addMissing(reminders: readonly ScheduledReminder[]): Promise<void> {
    const byQueue = new Map<string, ScheduledReminder[]>();
    for (const reminder of reminders) {
      const name = queueForKind(reminder.kind);
      byQueue.set(name, [...(byQueue.get(name) ?? []), reminder]);
    }
    for (const [name, group] of byQueue) {
      for (let start = 0; start < group.length; start += BULK_CHUNK) {
        await this.queue(name).addBulk(
          group.slice(start, start + BULK_CHUNK).map((reminder) => ({
            name: reminder.kind,
            data: this.dataOf(reminder),
            opts: this.options(reminderJobId(reminder.key), this.delayUntil(reminder.sendAt)),
          })),
        );
      }
    }
  }

  async ensureDigest(personId: string, date: string, sendAt: Date): Promise<void> {
    const data: DigestJobData = { personId, date };
    await this.queue(DIGEST_QUEUE).add(
      'digest',
      data,
      this.options(digestJobId(personId, date), this.delayUntil(sendAt)),
    );
  }

  /** Milliseconds of real time until `instant` on the injected clock. */
  delayUntil(instant: Date): number {
    return Math.max(0, instant.getTime() - this.clock.now().getTime());
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
  }

  private dataOf(reminder: ScheduledReminder): ReminderJobData {
    return { key: reminder.key, taskId: reminder.taskId };
  }

  private options(jobId: string, delay: number): JobsOptions {
    return { ...DELIVERY_JOB_OPTIONS, jobId, delay };
  }
}
