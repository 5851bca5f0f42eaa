/**
 * `npm run bench:dashboard`: the server-side render of a partnership's dashboard with 500 live
 * audits and reviews, over HTTP as a signed-in business manager (median and 95th percentile of
 * BENCH_REQUESTS requests after a warm-up), beside two baselines measured in the same run: the
 * start page over the same HTTP stack (what any page costs) and the bare listing read
 * (`InstanceOverview.liveInstances`, the dashboard's one statement over the instances).
 *
 * The data: the demo partnership made by the demo seeds through the real services (an audit with
 * cases and returns, reviews at several stages, an action plan), then its live instances cloned
 * row for row with SQL (instances, events, tasks, deadlines, members, audits, recommendations,
 * actions and their history) until the partnership has BENCH_INSTANCES live ones, so every row
 * is one the engine wrote.
 *
 * Without DATABASE_URL / REDIS_URL / SMTP_URL it starts its own PostgreSQL (in .data/bench-dashboard,
 * emptied first), Redis and an SMTP sink, and stops them afterwards. With DATABASE_URL the database
 * must be empty (the demo seeds only run on an empty one).
 *
 * Settings: BENCH_INSTANCES (default 500), BENCH_REQUESTS (default 50), BENCH_TARGET_MS (200).
 */
import 'reflect-metadata';
import { rmSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { join } from 'node:path';
import { Logger, type INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { cookieSettings } from '../src/auth/auth.settings';
import { SessionService } from '../src/auth/session.service';
import { BusinessCalendar } from '../src/calendar';
import { createDataSource } from '../src/database/data-source';
import { migrate } from '../src/database/migrate';
import { freePort } from '../src/dev/free-port';
import { LocalPostgres } from '../src/dev/local-postgres';
import { LocalRedis } from '../src/dev/local-redis';
import { SmtpSink } from '../src/dev/smtp-sink';
import { createHttpApp } from '../src/http-app';
import { InstanceOverview } from '../src/instances/instance-overview.service';
import { seedFullDemoWhenEmpty } from '../src/seed/full-demo';

const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 500);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 50);
const TARGET_MS = Number(process.env.BENCH_TARGET_MS ?? 200);
const WARMUP = 10;
const MANAGER_EMAIL = 'business.manager@riverside.example';
const DATA_DIR = join(__dirname, '..', '.data', 'bench-dashboard');

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;

interface Services {
  databaseUrl: string;
  redisUrl: string;
  smtpUrl: string;
  stop(): Promise<void>;
}

async function startServices(): Promise<Services> {
  const stops: Array<() => Promise<void>> = [];
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    rmSync(join(DATA_DIR, 'postgres'), { recursive: true, force: true });
    const postgres = new LocalPostgres({
      dataDir: join(DATA_DIR, 'postgres'),
      port: await freePort(),
      database: 'bench',
    });
    say('starting PostgreSQL in .data/bench-dashboard…');
    await postgres.start();
    stops.push(() => postgres.stop());
    databaseUrl = postgres.url;
  }
  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    const redis = new LocalRedis({
      dataDir: join(DATA_DIR, 'redis'),
      port: await freePort(),
      persistent: false,
    });
    await redis.start();
    stops.push(() => redis.stop());
    redisUrl = redis.url;
  }
  let smtpUrl = process.env.SMTP_URL;
  if (!smtpUrl) {
    const sink = new SmtpSink({ port: await freePort() });
    await sink.start();
    stops.push(() => sink.stop());
    smtpUrl = sink.url;
  }
  return {
    databaseUrl,
    redisUrl,
    smtpUrl,
    stop: async () => {
      for (const stop of stops.reverse()) await stop();
    },
  };
}

/** The columns of `table` an INSERT may name (identity columns number themselves). */
async function insertableColumns(dataSource: DataSource, table: string): Promise<string[]> {
  const columns: Array<{ column_name: string }> = await dataSource.query(
    `SELECT column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = $1 AND is_identity = 'NO'
        AND is_generated = 'NEVER'
      ORDER BY ordinal_position`,
    [table],
  );
  return columns.map((column) => column.column_name);
}

/**
 * Copies `table`'s rows of the cloned instances (`clone_map`), giving each copy a new id (kept in
 * `map_<table>` for the tables after it) and pointing `references` columns at the copies' ids.
 * `parent` copies the rows of a table without `instance_id` through its parent's map instead.
 */
async function cloneRows(
  dataSource: DataSource,
  table: string,
  options: { references?: Record<string, string>; parent?: { column: string; map: string } } = {},
): Promise<void> {
  const names = await insertableColumns(dataSource, table);
  const references = options.references ?? {};
  const source = options.parent
    ? `${table} t JOIN ${options.parent.map} c ON c.old_id = t.${options.parent.column}`
    : `${table} t JOIN clone_map c ON c.old_id = t.instance_id`;
  const joins: string[] = [];
  const values = names.map((name) => {
    if (name === 'id') return 'own.new_id';
    if (name === 'instance_id' && !options.parent) return 'c.new_id';
    if (options.parent && name === options.parent.column) return 'c.new_id';
    const map = references[name];
    if (!map) return `t.${name}`;
    joins.push(`LEFT JOIN ${map} m_${name} ON m_${name}.old_id = t.${name} AND m_${name}.n = c.n`);
    return `m_${name}.new_id`;
  });
  const hasId = names.includes('id');
  if (hasId) {
    await dataSource.query(
      `CREATE TEMP TABLE map_${table} AS
         SELECT t.id AS old_id, c.n, gen_random_uuid() AS new_id FROM ${source}`,
    );
  }
  await dataSource.query(
    `INSERT INTO ${table} (${names.join(', ')})
     SELECT ${values.join(', ')}
       FROM ${source}
       ${hasId ? `JOIN map_${table} own ON own.old_id = t.id AND own.n = c.n` : ''}
       ${joins.join(' ')}`,
  );
}

/** The demo partnership, its live instances cloned until it has `INSTANCES` of them. */
async function seed(dataSource: DataSource): Promise<{ partnershipId: string; managerId: string }> {
  if (!(await seedFullDemoWhenEmpty(dataSource))) {
    throw new Error('The database is not empty: give the bench an empty one (or none)');
  }
  const [{ partnership_id: partnershipId, person_id: managerId }]: Array<{
    partnership_id: string;
    person_id: string;
  }> = await dataSource.query(
    `SELECT m.partnership_id, m.person_id FROM partnership_members m
       JOIN people p ON p.id = m.person_id WHERE p.email = $1`,
    [MANAGER_EMAIL],
  );
  const live: Array<{ id: string }> = await dataSource.query(
    `SELECT id FROM workflow_instances WHERE partnership_id = $1 AND status = 'live' ORDER BY created_at`,
    [partnershipId],
  );
  const copies = Math.max(0, INSTANCES - live.length);
  await dataSource.query(
    `CREATE TEMP TABLE clone_map AS
       SELECT old_id, n, gen_random_uuid() AS new_id FROM (
         SELECT i.id AS old_id, g AS n, i.created_at
           FROM workflow_instances i CROSS JOIN generate_series(1, $2::int) g
          WHERE i.partnership_id = $1 AND i.status = 'live'
          ORDER BY g, i.created_at LIMIT $3) picked`,
    [partnershipId, Math.ceil(copies / Math.max(live.length, 1)), copies],
  );
  await dataSource.query(
    `INSERT INTO workflow_instances
       SELECT (jsonb_populate_record(i, jsonb_build_object('id', c.new_id,
                'reference', i.reference || '-' || lpad(c.n::text, 3, '0')))).*
         FROM workflow_instances i JOIN clone_map c ON c.old_id = i.id`,
  );
  await cloneRows(dataSource, 'workflow_events');
  await cloneRows(dataSource, 'instance_members');
  const events = {
    references: {
      opened_by_event_id: 'map_workflow_events',
      closed_by_event_id: 'map_workflow_events',
    },
  };
  await cloneRows(dataSource, 'tasks', events);
  await cloneRows(dataSource, 'deadlines', { references: { task_id: 'map_tasks' } });
  await cloneRows(dataSource, 'audits');
  await cloneRows(dataSource, 'recommendations');
  await cloneRows(dataSource, 'actions', {
    references: { recommendation_id: 'map_recommendations' },
  });
  await cloneRows(dataSource, 'action_updates', {
    parent: { column: 'action_id', map: 'map_actions' },
  });
  await dataSource.query('ANALYZE');
  return { partnershipId, managerId };
}

/** Milliseconds from sending a GET to having read the whole answer; fails on anything but 200. */
function timedGet(
  url: string,
  cookie: string,
  agent: Agent,
): Promise<{ ms: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const request = get(url, { agent, headers: { cookie, accept: 'text/html' } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => {
        if (response.statusCode !== 200) {
          reject(new Error(`GET ${url} answered ${response.statusCode}`));
          return;
        }
        resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, bytes });
      });
    });
    request.on('error', reject);
  });
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function main(): Promise<void> {
  // The demo seeds log what they do through Nest's logger; the figures are what matter here.
  Logger.overrideLogger(['error', 'warn']);
  const services = await startServices();
  let app: INestApplication | undefined;
  let dataSource: DataSource | undefined;
  try {
    await migrate(services.databaseUrl);
    dataSource = createDataSource(services.databaseUrl);
    await dataSource.initialize();
    say(`seeding the demo partnership and cloning it to ${INSTANCES} live instances…`);
    const seeded = await seed(dataSource);
    const port = await freePort();
    Object.assign(process.env, {
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      DATABASE_URL: services.databaseUrl,
      REDIS_URL: services.redisUrl,
      SMTP_URL: services.smtpUrl,
      PORT: String(port),
      APP_URL: `http://127.0.0.1:${port}`,
    });
    app = await createHttpApp();
    await app.listen(port, '127.0.0.1');
    const cookie = `${cookieSettings({ environment: 'production' }).sessionCookie}=${await app
      .get(SessionService)
      .start(seeded.managerId)}`;
    const base = `http://127.0.0.1:${port}`;
    const dashboardUrl = `${base}/partnerships/${seeded.partnershipId}/dashboard`;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const overview = app.get(InstanceOverview);
    const today = new BusinessCalendar().todayInLondon(new Date());
    const [{ live }]: Array<{ live: number }> = await dataSource.query(
      `SELECT count(*)::int AS live FROM workflow_instances WHERE partnership_id = $1 AND status = 'live'`,
      [seeded.partnershipId],
    );
    const mix: Array<{ definition_key: string; count: number }> = await dataSource.query(
      `SELECT definition_key, count(*)::int AS count FROM workflow_instances
        WHERE partnership_id = $1 AND status = 'live' GROUP BY 1 ORDER BY 1`,
      [seeded.partnershipId],
    );
    const [{ tasks, actions }]: Array<{ tasks: number; actions: number }> = await dataSource.query(
      `SELECT (SELECT count(*)::int FROM tasks WHERE partnership_id = $1 AND status = 'open') AS tasks,
              (SELECT count(*)::int FROM actions WHERE partnership_id = $1) AS actions`,
      [seeded.partnershipId],
    );
    say(
      `partnership: ${live} live instances (${mix.map((m) => `${m.count} ${m.definition_key}`).join(', ')}), ${tasks} open tasks, ${actions} actions`,
    );

    let pageBytes = 0;
    for (let i = 0; i < WARMUP; i++) {
      pageBytes = (await timedGet(dashboardUrl, cookie, agent)).bytes;
      await timedGet(`${base}/`, cookie, agent);
      await overview.liveInstances(seeded.managerId, seeded.partnershipId, today);
    }
    const rows = (await overview.liveInstances(seeded.managerId, seeded.partnershipId, today))
      .length;
    const dashboard: number[] = [];
    const startPage: number[] = [];
    const listing: number[] = [];
    // Interleaved, so drift on a shared machine hits all three alike.
    for (let i = 0; i < REQUESTS; i++) {
      dashboard.push((await timedGet(dashboardUrl, cookie, agent)).ms);
      startPage.push((await timedGet(`${base}/`, cookie, agent)).ms);
      listing.push(
        await timed(() => overview.liveInstances(seeded.managerId, seeded.partnershipId, today)),
      );
    }
    agent.destroy();

    const report = (name: string, values: number[]) =>
      say(
        `  ${name.padEnd(44)} median ${ms(percentile(values, 50)).padStart(9)}   p95 ${ms(percentile(values, 95)).padStart(9)}`,
      );
    say(`\n${REQUESTS} requests each after ${WARMUP} warm-up, one at a time:`);
    report(`dashboard page (${rows} rows, ${Math.round(pageBytes / 1024)} KB of HTML)`, dashboard);
    report('start page (same HTTP stack, no data)', startPage);
    report('bare listing read (InstanceOverview)', listing);
    const median = percentile(dashboard, 50);
    say(
      `\nratios of medians: dashboard / start page ${(median / percentile(startPage, 50)).toFixed(1)}x, ` +
        `dashboard / bare listing ${(median / percentile(listing, 50)).toFixed(1)}x`,
    );
    const p95 = percentile(dashboard, 95);
    say(
      `target: under ${TARGET_MS} ms — ${p95 < TARGET_MS ? 'met' : 'NOT met'} (p95 ${ms(p95)}, median ${ms(median)})`,
    );
  } finally {
    await app?.close();
    await dataSource?.destroy();
    await services.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
