import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import type IORedis from 'ioredis';
import { createDataSource } from '../../src/database/data-source';
import { SYSTEM } from '../../src/engine/engine.types';
import { outboxJobId, outboxQueueName, type OutboxJobData } from '../../src/engine/queue-names';
import { OutboxRelay } from '../../src/engine/worker/outbox-relay';
import { WorkflowEngine } from '../../src/engine/workflow-engine.service';
import { createRedisConnection } from '../../src/queue/redis';
import { EngineHarness, type Partnership } from './support/engine-harness';

interface OutboxRow {
  id: string;
  event_id: string;
  topic: string;
  dispatched_at: Date | null;
  attempts: number;
}

describe('the outbox relay (PostgreSQL and Redis)', () => {
  let h: EngineHarness;
  let rscp: Partnership;
  let redis: IORedis;
  const queues = new Map<string, Queue<OutboxJobData>>();

  const queue = (topic: string): Queue<OutboxJobData> => {
    let found = queues.get(topic);
    if (!found) {
      found = new Queue<OutboxJobData>(outboxQueueName(topic), { connection: redis });
      queues.set(topic, found);
    }
    return found;
  };

  beforeAll(async () => {
    h = await EngineHarness.start();
    rscp = await h.partnership('RSCP');
    redis = createRedisConnection(process.env.REDIS_URL ?? '', 'producer');
  });

  afterAll(async () => {
    await Promise.all([...queues.values()].map((q) => q.close()));
    await redis.quit();
    await h.stop();
  });

  async function instanceWithOutbox(): Promise<string> {
    const started = await h.engine.start(SYSTEM, {
      partnershipId: rscp.id,
      definitionKey: 'test-review',
      title: 'Child L',
      input: { awareOn: '2026-03-30', agencies: [rscp.agencies.police] },
    });
    await h.engine.send(SYSTEM, started.instanceId, {
      type: 'NOTIFICATION_SENT',
      payload: { sentOn: '2026-04-01' },
    });
    return started.instanceId;
  }

  async function outboxOf(instanceId: string): Promise<OutboxRow[]> {
    return h.rows<OutboxRow>(
      `SELECT id, event_id, topic, dispatched_at, attempts FROM outbox WHERE instance_id = $1 ORDER BY id`,
      [instanceId],
    );
  }

  /** Jobs in Redis for these outbox rows, counted per row. */
  async function jobsPerRow(rows: OutboxRow[]): Promise<number[]> {
    return Promise.all(
      rows.map(async (row) => {
        const jobs = await queue(row.topic).getJobs([
          'waiting',
          'active',
          'completed',
          'failed',
          'delayed',
          'prioritized',
        ]);
        return jobs.filter(
          (job) => job.data.outboxId === row.id && job.data.eventId === row.event_id,
        ).length;
      }),
    );
  }

  it('moves committed rows to a queue per topic with job ids from the rows, then marks them dispatched', async () => {
    const instanceId = await instanceWithOutbox();
    const relay = new OutboxRelay(h.dataSource, redis);
    expect(await relay.drain()).toBeGreaterThanOrEqual(5);
    const rows = await outboxOf(instanceId);
    expect(rows.map((row) => row.topic)).toEqual([
      'task.opened',
      'task.closed',
      'task.opened',
      'task.opened',
      'national-panel-notified',
    ]);
    expect(rows.every((row) => row.dispatched_at !== null && row.attempts === 1)).toBe(true);
    const effect = rows[4];
    const job = await queue('national-panel-notified').getJob(
      outboxJobId(effect.id, effect.event_id),
    );
    expect(job?.data).toMatchObject({
      outboxId: effect.id,
      topic: 'national-panel-notified',
      instanceId,
      partnershipId: rscp.id,
      payload: { sentOn: '2026-04-01' },
    });
    expect(await relay.relayOnce()).toBe(0);
    await relay.close();
  });

  it('keeps committed rows until a relay runs, even when the process that committed them is gone', async () => {
    const other = createDataSource(h.url);
    await other.initialize();
    const engine = new WorkflowEngine(other, h.registry, h.clock, h.calendar);
    const started = await engine.start(SYSTEM, {
      partnershipId: rscp.id,
      definitionKey: 'test-review',
      title: 'Child M',
      input: { awareOn: '2026-03-30' },
    });
    await other.destroy();
    const rows = await outboxOf(started.instanceId);
    expect(rows).toHaveLength(1);
    expect(rows[0].dispatched_at).toBeNull();
    const relay = new OutboxRelay(h.dataSource, redis);
    await relay.drain();
    await relay.close();
    expect((await outboxOf(started.instanceId))[0].dispatched_at).not.toBeNull();
    expect(await jobsPerRow(rows)).toEqual([1]);
  });

  it('loses nothing and duplicates nothing when the relay is killed between enqueueing and marking', async () => {
    const instanceId = await instanceWithOutbox();
    const before = await outboxOf(instanceId);
    const output = await new Promise<{
      code: number | null;
      signal: NodeJS.Signals | null;
      stdout: string;
    }>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['-r', 'ts-node/register/transpile-only', join(__dirname, 'fixtures', 'relay-crash.ts')],
        { env: { ...process.env, DATABASE_URL: h.url }, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.on('error', reject);
      child.on('exit', (code, signal) => resolve({ code, signal, stdout }));
    });
    expect(output.signal).toBe('SIGKILL');
    expect(output.stdout).toMatch(/enqueued \d+/);

    const afterCrash = await outboxOf(instanceId);
    expect(afterCrash.every((row) => row.dispatched_at === null)).toBe(true);
    expect(await jobsPerRow(before)).toEqual(before.map(() => 1));

    const relay = new OutboxRelay(h.dataSource, redis);
    await relay.drain();
    await relay.close();
    const recovered = await outboxOf(instanceId);
    expect(recovered.every((row) => row.dispatched_at !== null)).toBe(true);
    expect(await jobsPerRow(before)).toEqual(before.map(() => 1));
  }, 60_000);

  it('shares the work between relays running at once: each row is claimed and enqueued once', async () => {
    const instances = await Promise.all(Array.from({ length: 6 }, () => instanceWithOutbox()));
    const relays = [1, 2, 3].map(() => new OutboxRelay(h.dataSource, redis, { batchSize: 4 }));
    await Promise.all(relays.map((relay) => relay.drain()));
    await Promise.all(relays.map((relay) => relay.close()));
    for (const instanceId of instances) {
      const rows = await outboxOf(instanceId);
      expect(rows.map((row) => [row.attempts, row.dispatched_at !== null])).toEqual(
        rows.map(() => [1, true]),
      );
      expect(await jobsPerRow(rows)).toEqual(rows.map(() => 1));
    }
  });
});
