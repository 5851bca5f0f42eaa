import type { JobsOptions } from 'bullmq';
import type { ReminderKind } from './policy';

/** Delayed jobs, one per planned assignee reminder (before, due, overdue). */
export const REMINDER_QUEUE = 'reminders.send';
/** Delayed jobs, one per planned escalation: a queue of its own so Bull Board shows them apart. */
export const ESCALATION_QUEUE = 'reminders.escalate';
/** Delayed jobs, one per person choosing the daily digest and working day. */
export const DIGEST_QUEUE = 'reminders.digest';
/** The repeatable reconcile sweep. */
export const SWEEP_QUEUE = 'reminders.sweep';

export const REMINDER_QUEUES = [REMINDER_QUEUE, ESCALATION_QUEUE, DIGEST_QUEUE, SWEEP_QUEUE];

export function queueForKind(kind: ReminderKind): string {
  return kind === 'escalation' ? ESCALATION_QUEUE : REMINDER_QUEUE;
}

/**
 * The job id of a reminder: its key with `:` (which BullMQ reserves) as `.`, so the same reminder
 * is one job however often it is scheduled. Keys hold ids and a date only.
 */
export function reminderJobId(key: string): string {
  return `r.${key.replaceAll(':', '.')}`;
}

export function digestJobId(personId: string, date: string): string {
  return `d.${personId}.${date}`;
}

/** What a reminder job carries: the key, which names the task, due date and slot. Nothing else. */
export interface ReminderJobData {
  key: string;
  taskId: string;
}

export interface DigestJobData {
  personId: string;
  date: string;
}

/**
 * Transient failures retry with exponential backoff (30 s, 1, 2, 4, 8 min); permanent ones throw
 * UnrecoverableError and stop. Finished jobs are bounded: PostgreSQL, not Redis, remembers what
 * was sent, so Redis keeps only enough for the dashboard.
 */
export const DELIVERY_JOB_OPTIONS: JobsOptions = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 30_000 },
  removeOnComplete: { age: 24 * 3600, count: 5_000 },
  removeOnFail: { age: 14 * 24 * 3600, count: 5_000 },
};

export const SWEEP_JOB_OPTIONS: JobsOptions = {
  attempts: 1,
  removeOnComplete: { count: 100 },
  removeOnFail: { count: 100 },
};

/** Delivery attempts of one reminder before a transient failure is given up as failed. */
export const MAX_DELIVERY_ATTEMPTS = 6;

/** The DB-side backoff after the n-th transient failure, matching the jobs' own. */
export function retryDelayMs(attempts: number): number {
  return 30_000 * 2 ** Math.max(0, attempts - 1);
}
