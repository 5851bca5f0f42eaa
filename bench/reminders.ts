/**
 * `npm run bench:reminders`: 100,000 planned reminders across 10,000 tasks, 10,000 of them due at
 * the same moment (09:00 London on a working day); how late their emails reach a local SMTP sink
 * (median and 99th percentile) and how fast they go, beside BullMQ's raw delayed-job rate (10,000
 * no-op jobs due at once) measured in the same run, plus planning and rebuild times.
 *
 * The reminder system is the worker's own (`ReminderSystem` + `ReminderWorkers`), over a clock
 * running at real speed but shifted so that 09:00 on the bench's working day comes a minute after
 * the jobs are in Redis. Each task's first reminder (6 working days before its due date, with the
 * partnership set to remind 6..1 working days before, on the day and 3 times overdue: 10 each) is
 * the one due at 09:00; the other 90,000 wait days ahead.
 *
 * Without DATABASE_URL / REDIS_URL / SMTP_URL it starts its own PostgreSQL (durable, in
 * .data/bench-reminders), Redis and an SMTP sink (in a child process, so receiving does not take
 * the workers' CPU) and stops them afterwards. With DATABASE_URL it removes only what it created;
 * a REDIS_URL must name an empty database index, which it flushes at the end; with SMTP_URL the
 * lateness is read from the email log instead of the sink.
 *
 * Settings: BENCH_TASKS (default 10000), BENCH_CONCURRENCY (reminder jobs at once; default the
 * worker's own, 8).
 */
import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import type IORedis from 'ioredis';
import type { Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { BusinessCalendar } from '../src/calendar';
import { Clock, SettableClock } from '../src/common/clock';
import type { AppConfig } from '../src/config/config';
import { createDataSource } from '../src/database/data-source';
import { migrate } from '../src/database/migrate';
import { freePort } from '../src/dev/free-port';
import { LocalPostgres } from '../src/dev/local-postgres';
import { LocalRedis } from '../src/dev/local-redis';
import { SmtpSink } from '../src/dev/smtp-sink';
import { MailSender } from '../src/mail/mail-sender';
import { createMailTransport } from '../src/mail/mail-transport';
import { createRedisConnection } from '../src/queue/redis';
import { ReminderPlanner } from '../src/reminders/planning/reminder-planner';
import { ReminderSystem } from '../src/reminders/reminder-system';
import { DEFAULT_WORKER_OPTIONS, ReminderWorkers } from '../src/reminders/worker/reminder-workers';

const TASKS = Number(process.env.BENCH_TASKS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? DEFAULT_WORKER_OPTIONS.concurrency);
const PEOPLE = 100;
const CODE = 'BRMD';
/** The bench's working day: its 09:00 is the moment 10,000 reminders are due. */
const DAY = '2026-03-02';
/** How long after the jobs are in Redis the moment comes (real time). */
const LEAD_MS = 30_000;
const MAIL_FROM = 'Bench <bench@bench.invalid>';

/** Real time shifted by a settable offset: runs at real speed, so BullMQ delays are honest. */
class OffsetClock extends Clock {
  offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (value: number): string => `${Math.round(value).toLocaleString('en-GB')} ms`;
const n = (value: number): string => Math.round(value).toLocaleString('en-GB');

async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// ---------------------------------------------------------------------------------------------
// The SMTP sink in a child process (`bench/reminders.ts --sink`).

interface SinkReport {
  received: Array<{ at: number; messageId: string }>;
}

async function runSink(): Promise<void> {
  const sink = new SmtpSink({ port: Number(process.argv[3]) });
  const received: SinkReport['received'] = [];
  sink.onMessage((mail) => {
    received.push({
      at: Date.now(),
      messageId: /^Message-ID:\s*(\S+)/im.exec(mail.raw)?.[1] ?? '',
    });
    sink.clear();
  });
  await sink.start();
  process.on('message', (message: string) => {
    if (message === 'count') process.send?.(received.length);
    if (message === 'report') process.send?.({ received } satisfies SinkReport);
    if (message === 'stop') void sink.stop().finally(() => process.exit(0));
  });
  process.send?.('ready');
}

class SinkProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(): Promise<SinkProcess> {
    const port = await freePort();
    const child = fork(__filename, ['--sink', String(port)], {
      execArgv: ['-r', 'ts-node/register/transpile-only'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await new Promise<void>((resolve) => child.once('message', () => resolve()));
    return new SinkProcess(child, `smtp://127.0.0.1:${port}`);
  }

  ask<T>(question: 'count' | 'report'): Promise<T> {
    return new Promise((resolve) => {
      this.child.once('message', (answer) => resolve(answer as T));
      this.child.send(question);
    });
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.send('stop');
    await exited;
  }
}

// ---------------------------------------------------------------------------------------------

interface Services {
  databaseUrl: string;
  redisUrl: string;
  smtpUrl: string;
  sink: SinkProcess | null;
  ownDatabase: boolean;
  stop(): Promise<void>;
}

async function startServices(): Promise<Services> {
  const stops: Array<() => Promise<void>> = [];
  let databaseUrl = process.env.DATABASE_URL;
  const ownDatabase = !databaseUrl;
  if (!databaseUrl) {
    const postgres = new LocalPostgres({
      dataDir: join(__dirname, '..', '.data', 'bench-reminders', 'postgres'),
      port: await freePort(),
      database: 'bench',
    });
    say('starting PostgreSQL in .data/bench-reminders (durable: fsync on)…');
    await postgres.start();
    stops.push(() => postgres.stop());
    databaseUrl = postgres.url;
  }
  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    const redis = new LocalRedis({
      dataDir: join(__dirname, '..', '.data', 'bench-reminders', 'redis'),
      port: await freePort(),
      persistent: false,
    });
    say('starting Redis…');
    await redis.start();
    stops.push(() => redis.stop());
    redisUrl = redis.url;
  }
  let sink: SinkProcess | null = null;
  let smtpUrl = process.env.SMTP_URL;
  if (!smtpUrl) {
    say('starting an SMTP sink in a child process…');
    sink = await SinkProcess.start();
    const started = sink;
    stops.push(() => started.stop());
    smtpUrl = sink.url;
  }
  return {
    databaseUrl,
    redisUrl,
    smtpUrl,
    sink,
    ownDatabase,
    stop: async () => {
      for (const stop of stops.reverse()) await stop();
    },
  };
}

/** A partnership reminding 6..1 working days before, on the day and 3 times overdue (10 each). */
async function seed(dataSource: DataSource, dueOn: string): Promise<string> {
  const partnershipId = randomUUID();
  await dataSource.query(
    `INSERT INTO partnerships (id, code, name) VALUES ($1, $2, 'Bench partnership')`,
    [partnershipId, CODE],
  );
  await dataSource.query(
    `INSERT INTO reminder_settings (partnership_id, overrides, version, applied_version, updated_at)
     VALUES ($1, '{"daysBefore": [6, 5, 4, 3, 2, 1], "escalateAfterOverdueReminders": null}', 1, 1, now())`,
    [partnershipId],
  );
  await dataSource.query(
    `INSERT INTO people (id, email, display_name)
     SELECT gen_random_uuid(), 'bench-' || g || '@bench.invalid', 'Bench Person' FROM generate_series(1, $1) g`,
    [PEOPLE],
  );
  await dataSource.query(
    `INSERT INTO workflow_instances (id, partnership_id, definition_key, definition_version, reference, title,
       state_value, snapshot, version, status, created_at, updated_at)
     SELECT gen_random_uuid(), $1, 'test-review', 1, 'BRMD-TEST-2026-' || lpad(g::text, 6, '0'), 'Bench ' || g,
       '"rapidReview"', '{}', 1, 'live', now(), now()
     FROM generate_series(1, $2) AS g`,
    [partnershipId, TASKS],
  );
  await dataSource.query(
    `INSERT INTO workflow_events (id, partnership_id, instance_id, version, definition_version, type, payload,
       actor_kind, to_state, occurred_at)
     SELECT gen_random_uuid(), partnership_id, id, 1, 1, 'engine.started', '{}', 'system', state_value, now()
       FROM workflow_instances WHERE partnership_id = $1`,
    [partnershipId],
  );
  await dataSource.query(
    `WITH people AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM people WHERE email LIKE 'bench-%@bench.invalid'),
          events AS (SELECT e.*, row_number() OVER (ORDER BY e.id) - 1 AS n FROM workflow_events e WHERE e.partnership_id = $1)
     INSERT INTO tasks (id, partnership_id, instance_id, step_key, title, assignee_kind, assignee_person_id,
       due_on, remind, status, opened_at, opened_by_event_id)
     SELECT gen_random_uuid(), e.partnership_id, e.instance_id, 'agency-summary', 'Return the agency summary',
       'person', p.id, $2::date, true, 'open', now(), e.id
       FROM events e JOIN people p ON p.n = e.n % $3`,
    [partnershipId, dueOn, PEOPLE],
  );
  return partnershipId;
}

async function cleanUp(dataSource: DataSource, partnershipId: string | null): Promise<void> {
  if (partnershipId) {
    await dataSource.query(`DELETE FROM workflow_instances WHERE partnership_id = $1`, [
      partnershipId,
    ]);
    await dataSource.query(`DELETE FROM partnerships WHERE id = $1`, [partnershipId]);
  }
  await dataSource.query(`DELETE FROM people WHERE email LIKE 'bench-%@bench.invalid'`);
}

async function pool<T>(
  items: readonly T[],
  size: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/** 10,000 no-op delayed jobs due at the same instant, on a queue of their own. */
async function rawBullmq(
  redis: IORedis,
  redisUrl: string,
): Promise<{ lateness: number[]; rate: number }> {
  const queue = new Queue('bench.raw', { connection: redis });
  const connection = createRedisConnection(redisUrl, 'worker');
  const finished: Array<{ late: number; at: number }> = [];
  const worker = new Worker(
    'bench.raw',
    async (job) => {
      finished.push({ late: Date.now() - (job.timestamp + (job.opts.delay ?? 0)), at: Date.now() });
    },
    { connection, concurrency: CONCURRENCY, autorun: true },
  );
  const dueAt = Date.now() + 8_000;
  for (let start = 0; start < TASKS; start += 1_000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1_000, TASKS - start) }, (_, i) => ({
        name: 'raw',
        data: { i: start + i },
        opts: { jobId: `raw.${start + i}`, delay: dueAt - Date.now(), removeOnComplete: true },
      })),
    );
  }
  await waitFor(async () => finished.length >= TASKS, 120_000, 'raw jobs');
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  await connection.quit();
  const last = Math.max(...finished.map((f) => f.at));
  return {
    lateness: finished.map((f) => f.late),
    rate: TASKS / Math.max(0.001, (last - dueAt) / 1000),
  };
}

async function main(): Promise<void> {
  if (process.argv[2] === '--sink') return runSink();
  const services = await startServices();
  let dataSource: DataSource | undefined;
  let redis: IORedis | undefined;
  let partnershipId: string | null = null;
  const transports: Transporter[] = [];
  try {
    await migrate(services.databaseUrl);
    dataSource = createDataSource(services.databaseUrl);
    await dataSource.initialize();
    redis = createRedisConnection(services.redisUrl, 'producer');
    if (!process.env.REDIS_URL) await redis.flushdb();
    else if ((await redis.dbsize()) > 0) {
      throw new Error('REDIS_URL must name an empty database index (e.g. redis://host:6379/9)');
    }
    const leftovers: Array<{ id: string }> = await dataSource.query(
      `SELECT id FROM partnerships WHERE code = $1`,
      [CODE],
    );
    for (const { id } of leftovers) await cleanUp(dataSource, id);
    await cleanUp(dataSource, null);

    const calendar = new BusinessCalendar();
    const dueOn = calendar.addWorkingDays(DAY, 6);
    const moment = calendar.londonWallClockToUtc(DAY, 9);
    say(`seeding ${n(TASKS)} tasks due ${dueOn} (first reminder ${moment.toISOString()})…`);
    partnershipId = await seed(dataSource, dueOn);

    const planningClock = new SettableClock(calendar.londonWallClockToUtc(DAY, 7));
    const planner = new ReminderPlanner(dataSource, calendar, planningClock);
    const taskRows: Array<{ id: string }> = await dataSource.query(
      `SELECT id FROM tasks WHERE partnership_id = $1`,
      [partnershipId],
    );
    const taskIds = taskRows.map((row) => row.id);
    let started = Date.now();
    await pool(taskIds, 8, async (taskId) => {
      await planner.syncTask(taskId);
    });
    const planningMs = Date.now() - started;
    const planned: Array<{ all: number; due: number }> = await dataSource.query(
      `SELECT count(*)::int AS all, count(*) FILTER (WHERE send_at = $2)::int AS due
         FROM reminders WHERE partnership_id = $1 AND status = 'planned'`,
      [partnershipId, moment],
    );
    const { all, due } = planned[0];
    say(`planned ${n(all)} reminders (${n(due)} due at the moment) in ${ms(planningMs)}`);

    say(`BullMQ raw: ${n(TASKS)} no-op delayed jobs due at once, concurrency ${CONCURRENCY}…`);
    const raw = await rawBullmq(redis, services.redisUrl);

    const clock = new OffsetClock();
    clock.offsetMs = moment.getTime() - LEAD_MS - Date.now();
    const transport = createMailTransport(services.smtpUrl, MAIL_FROM);
    transports.push(transport);
    const system = new ReminderSystem({
      dataSource,
      redis,
      mail: new MailSender(transport, { mailFrom: MAIL_FROM } as AppConfig),
      clock,
      calendar,
      appUrl: 'https://reviews.example.org',
      databaseUrl: services.databaseUrl,
    });
    started = Date.now();
    const jobs = await system.sweep.rebuild();
    const rebuildMs = Date.now() - started;
    say(
      `${n(jobs)} delayed jobs added from PostgreSQL (the reconcile rebuild) in ${ms(rebuildMs)}`,
    );
    const realMoment = moment.getTime() - clock.offsetMs;
    if (Date.now() > realMoment - 5_000)
      say('warning: the rebuild ran into the moment; lateness includes it');

    const workers = new ReminderWorkers(system, {
      redisUrl: services.redisUrl,
      concurrency: CONCURRENCY,
      sweepEveryMs: 60_000,
      watchdogMs: 30_000,
    });
    await workers.start();
    say(
      `waiting for 09:00 (${Math.round((realMoment - Date.now()) / 1000)} s), then for ${n(due)} emails…`,
    );
    const db = dataSource;
    const sentCount = async (): Promise<number> => {
      const rows: Array<{ count: number }> = await db.query(
        `SELECT count(*)::int AS count FROM reminders
          WHERE partnership_id = $1 AND send_at = $2 AND status = 'sent'`,
        [partnershipId, moment],
      );
      return rows[0].count;
    };
    await waitFor(async () => (await sentCount()) >= due, 10 * 60_000, 'the reminder emails');
    await workers.close();

    const log: Array<{ finished_at: Date; message_key: string }> = await dataSource.query(
      `SELECT e.finished_at, e.message_key FROM email_log e JOIN reminders r ON r.id = e.reminder_id
        WHERE r.partnership_id = $1 AND r.send_at = $2 AND e.status = 'sent'`,
      [partnershipId, moment],
    );
    let lateness: number[];
    let messages = log.length;
    let distinct = new Set(log.map((row) => row.message_key)).size;
    if (services.sink) {
      const report = await services.sink.ask<SinkReport>('report');
      lateness = report.received.map((mail) => mail.at - realMoment);
      messages = report.received.length;
      distinct = new Set(report.received.map((mail) => mail.messageId)).size;
    } else {
      lateness = log.map((row) => row.finished_at.getTime() - moment.getTime());
    }
    const spanMs = Math.max(...lateness);
    say('');
    say(
      `reminders bench: ${n(TASKS)} tasks, ${n(all)} planned reminders, ${n(due)} due at 09:00 London`,
    );
    say(
      `  planning (ReminderPlanner.syncTask, 8 at once):   ${ms(planningMs)} (${n(TASKS / (planningMs / 1000))} tasks/s)`,
    );
    say(
      `  rebuilding every job from PostgreSQL:              ${ms(rebuildMs)} (${n(jobs / (rebuildMs / 1000))} jobs/s)`,
    );
    say(
      `  BullMQ raw delayed jobs, ${n(TASKS)} due at once:       late by median ${ms(percentile(raw.lateness, 50))}, p99 ${ms(percentile(raw.lateness, 99))}; ${n(raw.rate)} jobs/s`,
    );
    say(
      `  reminder emails, ${n(due)} due at once:             late by median ${ms(percentile(lateness, 50))}, p99 ${ms(percentile(lateness, 99))}; ${n(due / (spanMs / 1000))} emails/s`,
    );
    say(
      `  emails received: ${n(messages)}, distinct Message-IDs: ${n(distinct)} (exactly once: ${messages === due && distinct === due ? 'yes' : 'NO'})`,
    );
    say(
      `  (concurrency ${CONCURRENCY} reminder jobs, SMTP pool of 4 connections, ${services.sink ? 'sink in a child process' : 'SMTP_URL given'})`,
    );
    await system.stop();
  } finally {
    for (const transport of transports) transport.close();
    if (dataSource) {
      if (!services.ownDatabase) await cleanUp(dataSource, partnershipId).catch(() => undefined);
      await dataSource.destroy();
    }
    if (redis) {
      await redis.flushdb().catch(() => undefined);
      await redis.quit();
    }
    await services.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:reminders failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
