import type { JobsOptions } from 'bullmq';

/** Topics the engine itself writes to the outbox; machines add their own with `effect.<topic>` actions. */
export const ENGINE_TOPICS = {
  taskOpened: 'task.opened',
  taskClosed: 'task.closed',
  taskRedated: 'task.redated',
  taskReassigned: 'task.reassigned',
} as const;

/** One BullMQ queue per outbox topic: consumers listen on `outboxQueueName('task.opened')`. */
export function outboxQueueName(topic: string): string {
  return `outbox.${topic}`;
}

/**
 * Derived from the outbox row (its id and the event that wrote it), so enqueueing the same row
 * twice adds one job, and a database restored or cloned elsewhere cannot collide with old jobs.
 */
export function outboxJobId(outboxId: string, eventId: string): string {
  return `outbox-${outboxId}-${eventId}`;
}

/**
 * Finished jobs are kept long enough (and bounded) for a re-enqueue after a crash to be recognised
 * as a duplicate; failed ones a little longer for inspection.
 */
export const OUTBOX_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 10_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600, count: 10_000 },
};

/** What a consumer of an outbox queue receives: ids and dates only, never case content. */
export interface OutboxJobData {
  outboxId: string;
  topic: string;
  partnershipId: string;
  instanceId: string;
  eventId: string;
  payload: Record<string, unknown>;
  createdAt: string;
}
