/**
 * `npm run bench:engine`: events applied through the real engine (durable commits) against bare
 * single-row update-plus-insert transactions on the same database, at 1,000 and 100,000 instances.
 *
 * Without DATABASE_URL it starts its own PostgreSQL in .data/bench/ with durable settings (fsync
 * and synchronous_commit on) and stops it afterwards. With DATABASE_URL it uses that database and
 * removes only what it created (a partnership coded BNCH and its instances, and two bench tables).
 *
 * Settings: BENCH_SIZES (default "1000,100000"), BENCH_EVENTS (events timed per size, default 4000).
 *
 * Where an event's time goes (profiled with pg_stat_statements and timings around each statement,
 * 1,000 instances, a lightly loaded 2-CPU machine): two round trips, BEGIN with the lock-and-read
 * statement (~0.25 ms executing, the rest network and protocol) and the one write statement with
 * the COMMIT (~0.4 ms executing: 7 rows in 6 tables, ~27 WAL records and 3.6 kB, of which ~0.1 ms
 * foreign-key checks; then the WAL flush), and ~0.4 ms in Node between them (XState, due dates,
 * the pg protocol). The bare transaction executes ~0.05 ms in four round trips. Before, the write
 * was re-planned on every execution (~0.5 ms) and BEGIN and COMMIT were round trips of their own.
 * The figures move a lot with other load on the machine (fsync waits hit the bare rate hardest).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { BusinessCalendar } from '../src/calendar';
import { SystemClock } from '../src/common/clock';
import { createDataSource } from '../src/database/data-source';
import { migrate } from '../src/database/migrate';
import { freePort } from '../src/dev/free-port';
import { LocalPostgres } from '../src/dev/local-postgres';
import { DefinitionRegistry } from '../src/engine/definitions/definition-registry';
import { persistSnapshot } from '../src/engine/runtime/snapshot';
import { TEST_REVIEW_V1, testReviewMachineV1 } from '../src/engine/testing/test-review.workflow';
import { WorkflowEngine } from '../src/engine/workflow-engine.service';
import { SYSTEM_ACTOR } from '../workflows/shared/roles';

const SIZES = (process.env.BENCH_SIZES ?? '1000,100000').split(',').map(Number);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 4000);
const WARMUP = Math.min(500, Math.ceil(EVENTS / 8));
/**
 * Engine and bare runs alternate in rounds, so drift on a shared machine hits both alike, and each
 * figure is the median round: one round slowed by a neighbour's load does not skew it.
 */
const ROUNDS = 8;
const BENCH_CODE = 'BNCH';

interface Measurement {
  instances: number;
  /** Milliseconds per event or transaction in the median round. */
  engineMs: number;
  bareMs: number;
  events: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** The persisted snapshot of an instance in review.drafting, as the machine itself builds it. */
function draftingSnapshot(reviewerId: string): { value: unknown; snapshot: unknown } {
  const event = (payload: Record<string, unknown>) =>
    ({ ...payload, actor: SYSTEM_ACTOR }) as never;
  let [snapshot] = initialTransition(testReviewMachineV1, {
    awareOn: '2026-03-02',
    agencies: [],
  }) as [AnyMachineSnapshot, unknown];
  [snapshot] = transition(
    testReviewMachineV1,
    snapshot,
    event({ type: 'NOTIFICATION_SENT', sentOn: '2026-03-04' }),
  ) as [AnyMachineSnapshot, unknown];
  [snapshot] = transition(
    testReviewMachineV1,
    snapshot,
    event({ type: 'SET_DATE', anchor: 'draftDueOn', date: '2026-09-30' }),
  ) as [AnyMachineSnapshot, unknown];
  [snapshot] = transition(
    testReviewMachineV1,
    snapshot,
    event({ type: 'DECIDE', decision: 'lcspr', reviewerId }),
  ) as [AnyMachineSnapshot, unknown];
  return { value: snapshot.value, snapshot: persistSnapshot(testReviewMachineV1, snapshot) };
}

/**
 * Removes what the bench made; in its own database, by truncating the engine's tables outright (and
 * the tables that refer to them, e.g. reminders, which the bench's own database has no other use for).
 */
async function cleanUp(dataSource: DataSource, ownDatabase: boolean): Promise<void> {
  await dataSource.query(`DROP TABLE IF EXISTS bench_bare_log, bench_bare_rows`);
  if (ownDatabase) {
    await dataSource.query(
      `TRUNCATE workflow_instances, instance_members, workflow_events, tasks, deadlines, outbox,
         workflow_reference_counters CASCADE`,
    );
  }
  const partnerships: Array<{ id: string }> = await dataSource.query(
    `SELECT id FROM partnerships WHERE code = $1`,
    [BENCH_CODE],
  );
  for (const { id } of partnerships) {
    await dataSource.query(`DELETE FROM workflow_instances WHERE partnership_id = $1`, [id]);
    await dataSource.query(`DELETE FROM partnerships WHERE id = $1`, [id]);
  }
  await dataSource.query(`DELETE FROM people WHERE email LIKE '%@bench.invalid'`);
}

/** Bulk-inserts `count` instances in review.drafting, each with its start event and open task. */
async function seed(
  dataSource: DataSource,
  count: number,
): Promise<{ personId: string; instanceIds: string[] }> {
  const partnershipId = randomUUID();
  const personId = randomUUID();
  await dataSource.query(
    `INSERT INTO partnerships (id, code, name) VALUES ($1, $2, 'Bench partnership')`,
    [partnershipId, BENCH_CODE],
  );
  await dataSource.query(
    `INSERT INTO people (id, email, display_name) VALUES ($1, $2, 'Bench manager')`,
    [personId, `${personId}@bench.invalid`],
  );
  await dataSource.query(
    `INSERT INTO partnership_members (partnership_id, person_id, roles) VALUES ($1, $2, '{business-manager}')`,
    [partnershipId, personId],
  );
  const { value, snapshot } = draftingSnapshot(personId);
  await dataSource.query(
    `INSERT INTO workflow_instances (id, partnership_id, definition_key, definition_version, reference, title,
       state_value, snapshot, version, status, created_at, updated_at)
     SELECT gen_random_uuid(), $1, 'test-review', 1, 'BNCH-TEST-2026-' || lpad(g::text, 6, '0'), 'Bench ' || g,
       $2::jsonb, $3::jsonb, 1, 'live', now(), now()
     FROM generate_series(1, $4) AS g`,
    [partnershipId, JSON.stringify(value), JSON.stringify(snapshot), count],
  );
  await dataSource.query(
    `INSERT INTO workflow_events (id, partnership_id, instance_id, version, definition_version, type, payload,
       actor_kind, to_state, occurred_at)
     SELECT gen_random_uuid(), partnership_id, id, 1, 1, 'engine.started', '{}', 'system', state_value, now()
     FROM workflow_instances WHERE partnership_id = $1`,
    [partnershipId],
  );
  await dataSource.query(
    `INSERT INTO tasks (id, partnership_id, instance_id, step_key, title, assignee_kind, assignee_person_id,
       due_on, due_rule, remind, status, opened_at, opened_by_event_id)
     SELECT gen_random_uuid(), e.partnership_id, e.instance_id, 'draft-report', 'Write the draft report', 'person', $2,
       '2026-09-30', '{"kind":"fixed","anchor":"draftDueOn"}', true, 'open', now(), e.id
     FROM workflow_events e WHERE e.partnership_id = $1`,
    [partnershipId, personId],
  );
  await dataSource.query(
    `INSERT INTO instance_members (id, partnership_id, instance_id, person_id, role, added_at)
     SELECT gen_random_uuid(), partnership_id, id, $2, 'panel-chair', now() FROM workflow_instances WHERE partnership_id = $1`,
    [partnershipId, personId],
  );
  await dataSource.query(
    `CREATE TABLE bench_bare_rows (id int PRIMARY KEY, counter int NOT NULL, updated_at timestamptz NOT NULL)`,
  );
  await dataSource.query(
    `CREATE TABLE bench_bare_log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, row_id int NOT NULL, at timestamptz NOT NULL)`,
  );
  await dataSource.query(
    `INSERT INTO bench_bare_rows SELECT g, 0, now() FROM generate_series(1, $1) AS g`,
    [count],
  );
  for (const table of [
    'workflow_instances',
    'workflow_events',
    'tasks',
    'instance_members',
    'deadlines',
    'outbox',
    'bench_bare_rows',
  ]) {
    await dataSource.query(`VACUUM ANALYZE ${table}`);
  }
  const ids: Array<{ id: string }> = await dataSource.query(
    `SELECT id FROM workflow_instances WHERE partnership_id = $1`,
    [partnershipId],
  );
  return { personId, instanceIds: ids.map((row) => row.id) };
}

async function measure(
  dataSource: DataSource,
  count: number,
  ownDatabase: boolean,
): Promise<Measurement> {
  await cleanUp(dataSource, ownDatabase);
  const seeded = Date.now();
  const { personId, instanceIds } = await seed(dataSource, count);
  say(
    `  seeded ${count.toLocaleString('en-GB')} instances in ${((Date.now() - seeded) / 1000).toFixed(1)} s`,
  );

  const registry = new DefinitionRegistry([TEST_REVIEW_V1]);
  const calendar = new BusinessCalendar();
  const clock = new SystemClock();
  const engine = new WorkflowEngine(dataSource, registry, clock, calendar);
  const today = calendar.todayInLondon(clock.now());
  const commenting = new Set<string>();
  const actor = { personId };

  const engineEvent = async (): Promise<void> => {
    const instanceId = instanceIds[Math.floor(Math.random() * instanceIds.length)];
    if (commenting.has(instanceId)) {
      await engine.send(actor, instanceId, { type: 'CLOSE_COMMENTS' });
      commenting.delete(instanceId);
    } else {
      await engine.send(actor, instanceId, { type: 'SEND_DRAFT', payload: { on: today } });
      commenting.add(instanceId);
    }
  };
  const bareTransaction = async (): Promise<void> => {
    const rowId = 1 + Math.floor(Math.random() * count);
    await dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE bench_bare_rows SET counter = counter + 1, updated_at = now() WHERE id = $1`,
        [rowId],
      );
      await manager.query(`INSERT INTO bench_bare_log (row_id, at) VALUES ($1, now())`, [rowId]);
    });
  };
  const timed = async (times: number, work: () => Promise<void>): Promise<number> => {
    const started = process.hrtime.bigint();
    for (let i = 0; i < times; i++) await work();
    return Number(process.hrtime.bigint() - started) / 1e6;
  };

  await timed(WARMUP, engineEvent);
  await timed(WARMUP, bareTransaction);
  const engineRounds: number[] = [];
  const bareRounds: number[] = [];
  const perRound = Math.ceil(EVENTS / ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    bareRounds.push((await timed(perRound, bareTransaction)) / perRound);
    engineRounds.push((await timed(perRound, engineEvent)) / perRound);
  }
  return {
    instances: count,
    engineMs: median(engineRounds),
    bareMs: median(bareRounds),
    events: perRound * ROUNDS,
  };
}

function report(results: Measurement[], settings: Record<string, string>): void {
  const pad = (text: string, width: number) => text.padStart(width);
  say('');
  say(
    `Engine benchmark: ${results[0]?.events ?? 0} events per size in ${ROUNDS} rounds (median round shown), one at a time, durable commits (fsync=${settings.fsync}, synchronous_commit=${settings.synchronous_commit})`,
  );
  say(
    `${pad('instances', 10)} ${pad('engine ev/s', 12)} ${pad('ms/event', 9)} ${pad('bare tx/s', 10)} ${pad('ms/tx', 7)} ${pad('engine/bare', 12)}`,
  );
  for (const result of results) {
    const engineRate = 1000 / result.engineMs;
    const bareRate = 1000 / result.bareMs;
    say(
      `${pad(result.instances.toLocaleString('en-GB'), 10)} ${pad(engineRate.toFixed(0), 12)} ${pad(result.engineMs.toFixed(3), 9)} ${pad(bareRate.toFixed(0), 10)} ${pad(result.bareMs.toFixed(3), 7)} ${pad((engineRate / bareRate).toFixed(2), 12)}`,
    );
  }
  const small = results.find((result) => result.instances === Math.min(...SIZES));
  const large = results.find((result) => result.instances === Math.max(...SIZES));
  say('');
  for (const result of results) {
    const ratio = result.bareMs / result.engineMs;
    say(
      `engine at ${result.instances.toLocaleString('en-GB')} instances: ${ratio.toFixed(2)} of the bare rate (target at least 0.50): ${ratio >= 0.5 ? 'met' : 'MISSED'}`,
    );
  }
  if (small && large && small !== large) {
    const slowdown = (large.engineMs / small.engineMs - 1) * 100;
    say(
      `per-event time at ${large.instances.toLocaleString('en-GB')} vs ${small.instances.toLocaleString('en-GB')} instances: ${slowdown >= 0 ? '+' : ''}${slowdown.toFixed(1)}% (target at most +20%): ${slowdown <= 20 ? 'met' : 'MISSED'}`,
    );
  }
}

async function main(): Promise<void> {
  let postgres: LocalPostgres | undefined;
  let url = process.env.DATABASE_URL;
  if (!url) {
    postgres = new LocalPostgres({
      dataDir: join(__dirname, '..', '.data', 'bench', 'postgres'),
      port: await freePort(),
      database: 'bench',
    });
    say('starting PostgreSQL in .data/bench (durable: fsync on)…');
    await postgres.start();
    url = postgres.url;
  }
  let dataSource: DataSource | undefined;
  try {
    await migrate(url);
    dataSource = createDataSource(url);
    await dataSource.initialize();
    const settings: Record<string, string> = {};
    for (const name of ['fsync', 'synchronous_commit']) {
      const rows: Array<Record<string, string>> = await dataSource.query(`SHOW ${name}`);
      settings[name] = rows[0][name];
    }
    const results: Measurement[] = [];
    for (const size of SIZES) {
      say(`measuring at ${size.toLocaleString('en-GB')} instances…`);
      results.push(await measure(dataSource, size, postgres !== undefined));
    }
    await cleanUp(dataSource, postgres !== undefined);
    report(results, settings);
  } finally {
    await dataSource?.destroy();
    await postgres?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:engine failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
