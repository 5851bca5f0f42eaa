import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import type IORedis from 'ioredis';
import type { Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { BusinessCalendar } from '../../../src/calendar';
import { SettableClock } from '../../../src/common/clock';
import type { AppConfig } from '../../../src/config/config';
import { createDataSource } from '../../../src/database/data-source';
import { freePort } from '../../../src/dev/free-port';
import { SmtpSink, type CapturedMail } from '../../../src/dev/smtp-sink';
import { DefinitionRegistry } from '../../../src/engine/definitions/definition-registry';
import { SYSTEM, type MemberInput } from '../../../src/engine/engine.types';
import { TEST_REVIEW_V1 } from '../../../src/engine/testing/test-review.workflow';
import { OutboxRelay } from '../../../src/engine/worker/outbox-relay';
import { WorkflowEngine } from '../../../src/engine/workflow-engine.service';
import { MailSender } from '../../../src/mail/mail-sender';
import { createMailTransport } from '../../../src/mail/mail-transport';
import { createRedisConnection } from '../../../src/queue/redis';
import type { SweepOptions } from '../../../src/reminders/delivery/reconcile-sweep';
import { ReminderSystem } from '../../../src/reminders/reminder-system';
import type { PartnershipRole } from '../../../workflows/shared/roles';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

export const APP_URL = 'https://reviews.example.org';
const MAIL_FROM = 'Safeguarding Reviews <no-reply@reviews.example.org>';

export interface Partnership {
  id: string;
  code: string;
  police: string;
}

export interface HarnessOptions {
  /** The run's Redis, on a database index of this test file's own. */
  redisDb: number;
  /** Addresses the SMTP sink refuses (550). */
  rejectRecipients?: (address: string) => boolean;
  sweep?: Partial<SweepOptions>;
}

/** One delivered message as the sink saw it. */
export interface SeenMail {
  to: string;
  subject: string;
  text: string;
  messageId: string;
  raw: string;
}

/**
 * A fresh database with the engine (test-review workflow), the run's Redis on a database index of
 * the test file's own (so flushing it touches nobody else), a real SMTP sink, and the reminder
 * system wired as the worker wires it, over a clock the test sets. The sweep sends reminders as
 * soon as their time comes (no grace), so a test moves the clock and runs the sweep: no sleeps.
 */
export class ReminderHarness {
  readonly clock = new SettableClock('2026-01-05T07:00:00Z');
  readonly calendar = new BusinessCalendar();
  smtp!: SmtpSink;
  dataSource!: DataSource;
  engine!: WorkflowEngine;
  redis!: IORedis;
  redisUrl!: string;
  system!: ReminderSystem;
  relay!: OutboxRelay;
  private database!: TestDatabase;
  private readonly transports: Transporter[] = [];
  private readonly extraSystems: Array<{ system: ReminderSystem; dataSource: DataSource }> = [];
  rejectRecipient: (address: string) => boolean = () => false;

  static async start(options: HarnessOptions): Promise<ReminderHarness> {
    const h = new ReminderHarness();
    if (options.rejectRecipients) h.rejectRecipient = options.rejectRecipients;
    h.database = await createTestDatabase();
    h.dataSource = createDataSource(h.database.url);
    await h.dataSource.initialize();
    h.engine = new WorkflowEngine(
      h.dataSource,
      new DefinitionRegistry([TEST_REVIEW_V1]),
      h.clock,
      h.calendar,
    );
    h.smtp = new SmtpSink({
      port: await freePort(),
      rejectRecipients: (address) => h.rejectRecipient(address),
    });
    await h.smtp.start();
    h.redisUrl = `${process.env.REDIS_URL ?? ''}/${options.redisDb}`;
    h.redis = createRedisConnection(h.redisUrl, 'producer');
    await h.redis.flushdb();
    h.relay = new OutboxRelay(h.dataSource, h.redis);
    h.system = h.buildSystem(h.dataSource, options.sweep);
    await h.system.start();
    return h;
  }

  /** Another worker's reminder system: its own connection pool, lease and SMTP connections. */
  async anotherWorker(
    sweep: Partial<SweepOptions> = {},
    smtpUrl = this.smtp.url,
  ): Promise<ReminderSystem> {
    const dataSource = createDataSource(this.database.url);
    await dataSource.initialize();
    const system = this.buildSystem(dataSource, sweep, smtpUrl);
    await system.start();
    this.extraSystems.push({ system, dataSource });
    return system;
  }

  get databaseUrl(): string {
    return this.database.url;
  }

  /** A MailSender over its own pooled SMTP transport to `smtpUrl` (the sink by default). */
  mailSender(smtpUrl = this.smtp.url): MailSender {
    const transport = createMailTransport(smtpUrl, MAIL_FROM);
    this.transports.push(transport);
    return new MailSender(transport, { mailFrom: MAIL_FROM } as AppConfig);
  }

  async stop(): Promise<void> {
    for (const extra of this.extraSystems) {
      await extra.system.stop();
      await extra.dataSource.destroy();
    }
    await this.system.stop();
    await this.relay.close();
    await this.redis.quit();
    for (const transport of this.transports) transport.close();
    await this.smtp.stop();
    await this.dataSource.destroy();
    await this.database.drop();
  }

  async partnership(code: string): Promise<Partnership> {
    const id = randomUUID();
    await this.dataSource.query(`INSERT INTO partnerships (id, code, name) VALUES ($1, $2, $3)`, [
      id,
      code,
      `${code} Safeguarding Children Partnership`,
    ]);
    const police = randomUUID();
    await this.dataSource.query(
      `INSERT INTO agencies (id, partnership_id, name, kind) VALUES ($1, $2, $3, 'police')`,
      [police, id, `${code} Police`],
    );
    return { id, code, police };
  }

  /** A person (email `<slug>@example.org`), optionally a member of a partnership with roles. */
  async person(
    name: string,
    partnership?: Partnership,
    roles: PartnershipRole[] = [],
  ): Promise<{ id: string; email: string }> {
    const id = randomUUID();
    const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${id.slice(0, 6)}@example.org`;
    await this.dataSource.query(
      `INSERT INTO people (id, email, display_name) VALUES ($1, $2, $3)`,
      [id, email, name],
    );
    if (partnership) {
      await this.dataSource.query(
        `INSERT INTO partnership_members (partnership_id, person_id, roles) VALUES ($1, $2, $3)`,
        [partnership.id, id, roles],
      );
    }
    return { id, email };
  }

  /**
   * A test review aware on Monday 5 January 2026: its "Notify the national Panel" task (for the
   * business manager) is due on Monday 12 January.
   */
  async startReview(
    partnership: Partnership,
    members: MemberInput[] = [],
    awareOn = '2026-01-05',
  ): Promise<{ instanceId: string; taskId: string }> {
    const started = await this.engine.start(SYSTEM, {
      partnershipId: partnership.id,
      definitionKey: 'test-review',
      title: 'Child H',
      input: { awareOn, agencies: [partnership.police] },
      members,
    });
    return { instanceId: started.instanceId, taskId: started.tasksOpened[0].id };
  }

  /** Plans every task's reminders, as the outbox consumers would, and mirrors them in BullMQ. */
  async planAll(): Promise<void> {
    const tasks: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM tasks`);
    for (const { id } of tasks) {
      await this.system.scheduler.apply(await this.system.planner.syncTask(id));
    }
  }

  async reminders(
    taskId: string,
  ): Promise<
    Array<{ key: string; slot: string; status: string; sendAt: string; errorCode: string | null }>
  > {
    const rows: Array<{ key: string; status: string; send_at: Date; error_code: string | null }> =
      await this.dataSource.query(
        `SELECT key, status, send_at, error_code FROM reminders WHERE task_id = $1 ORDER BY send_at, key`,
        [taskId],
      );
    return rows.map((row) => ({
      key: row.key,
      slot: `${row.key.split(':')[1]}:${row.key.split(':')[2]}`,
      status: row.status,
      sendAt: row.send_at.toISOString(),
      errorCode: row.error_code,
    }));
  }

  /** Every message the sink received, parsed. */
  async mails(filter: (mail: CapturedMail) => boolean = () => true): Promise<SeenMail[]> {
    return Promise.all(
      this.smtp.messages.filter(filter).map(async (mail) => {
        const parsed = await simpleParser(mail.raw);
        return {
          to: mail.to.join(','),
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          messageId: parsed.messageId ?? '',
          raw: mail.raw,
        };
      }),
    );
  }

  async mailsTo(address: string): Promise<SeenMail[]> {
    return this.mails((mail) => mail.to.some((to) => to.toLowerCase() === address.toLowerCase()));
  }

  /** Sets the clock and runs one reconcile sweep, as the worker's repeatable job would. */
  async at(instant: string): Promise<Awaited<ReturnType<ReminderSystem['sweep']['runOnce']>>> {
    this.clock.set(instant);
    return this.system.sweep.runOnce();
  }

  async count(sql: string, values: unknown[] = []): Promise<number> {
    const rows: Array<{ count: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM (${sql}) AS counted`,
      values,
    );
    return rows[0].count;
  }

  private buildSystem(
    dataSource: DataSource,
    sweep: Partial<SweepOptions> = {},
    smtpUrl = this.smtp.url,
  ): ReminderSystem {
    return new ReminderSystem({
      dataSource,
      redis: this.redis,
      mail: this.mailSender(smtpUrl),
      clock: this.clock,
      calendar: this.calendar,
      appUrl: APP_URL,
      databaseUrl: this.database.url,
      sweep: { dueGraceMs: 0, concurrency: 2, ...sweep },
    });
  }
}
