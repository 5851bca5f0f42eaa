import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import type IORedis from 'ioredis';
import type { DataSource } from 'typeorm';
import {
  OUTBOX_JOB_OPTIONS,
  outboxJobId,
  outboxQueueName,
  type OutboxJobData,
} from '../queue-names';

interface OutboxRow {
  id: string;
  partnership_id: string;
  instance_id: string;
  event_id: string;
  topic: string;
  payload: Record<string, unknown>;
  created_at: Date;
}

export interface OutboxRelayOptions {
  batchSize?: number;
  /** Test seam: runs after the jobs are in Redis and before the rows are marked dispatched. */
  afterEnqueue?: (outboxIds: string[]) => Promise<void>;
}

/**
 * Moves committed outbox rows to BullMQ. Rows are claimed with FOR UPDATE SKIP LOCKED (several
 * relays share the work), enqueued with a job id derived from the row, then marked dispatched in
 * the same transaction. A crash after enqueueing leaves the rows undispatched; the next pass adds
 * them again under the same job ids, which BullMQ ignores: nothing is lost and nothing doubles.
 */
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private readonly queues = new Map<string, Queue<OutboxJobData>>();
  private readonly batchSize: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly connection: IORedis,
    private readonly options: OutboxRelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 200;
  }

  /** Relays one batch; returns how many rows were dispatched. */
  async relayOnce(): Promise<number> {
    const failures: Array<{ ids: string[]; error: string }> = [];
    const dispatched = await this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, partnership_id, instance_id, event_id, topic, payload, created_at
           FROM outbox WHERE dispatched_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      if (rows.length === 0) return 0;
      const done: string[] = [];
      for (const [topic, group] of groupBy(rows, (row) => row.topic)) {
        try {
          await this.queue(topic).addBulk(
            group.map((row) => ({
              name: topic,
              data: {
                outboxId: row.id,
                topic,
                partnershipId: row.partnership_id,
                instanceId: row.instance_id,
                eventId: row.event_id,
                payload: row.payload,
                createdAt: row.created_at.toISOString(),
              },
              opts: { ...OUTBOX_JOB_OPTIONS, jobId: outboxJobId(row.id, row.event_id) },
            })),
          );
          done.push(...group.map((row) => row.id));
        } catch (error) {
          failures.push({
            ids: group.map((row) => row.id),
            error: error instanceof Error ? error.message.slice(0, 500) : 'enqueue failed',
          });
        }
      }
      await this.options.afterEnqueue?.(done);
      if (done.length > 0) {
        await manager.query(
          `UPDATE outbox SET dispatched_at = now(), attempts = attempts + 1, last_error = NULL
            WHERE id = ANY($1::bigint[])`,
          [done],
        );
      }
      return done.length;
    });
    for (const failure of failures) {
      this.logger.warn(
        { outboxIds: failure.ids, err: failure.error },
        'outbox rows not enqueued; will retry',
      );
      await this.dataSource.query(
        `UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])`,
        [failure.ids, failure.error],
      );
    }
    return dispatched;
  }

  /** Relays until nothing is waiting; returns how many rows were dispatched. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const count = await this.relayOnce();
      total += count;
      if (count < this.batchSize) return total;
    }
  }

  get fullBatch(): number {
    return this.batchSize;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
  }

  private queue(topic: string): Queue<OutboxJobData> {
    let queue = this.queues.get(topic);
    if (!queue) {
      queue = new Queue<OutboxJobData>(outboxQueueName(topic), { connection: this.connection });
      this.queues.set(topic, queue);
    }
    return queue;
  }
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}
