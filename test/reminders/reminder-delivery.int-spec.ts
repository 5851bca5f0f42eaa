import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { inScope, partnershipScope } from '../../src/database/tenancy';
import { freePort } from '../../src/dev/free-port';
import { FailedEmailsService } from '../../src/reminders/api/failed-emails.service';
import { MAX_DELIVERY_ATTEMPTS } from '../../src/reminders/reminder-queues';
import { eventually } from './support/eventually';
import { ReminderHarness, type Partnership } from './support/reminder-harness';

const DUE = '2026-01-05T09:00:00.000Z';

/**
 * Exactly once, against real PostgreSQL, Redis and SMTP: workers killed mid-batch, two workers at
 * once, addresses the server refuses for good, and a server that is down for a while.
 */
describe('reminder delivery (PostgreSQL, Redis, SMTP)', () => {
  let h: ReminderHarness;
  let partnership: Partnership;
  let manager: { id: string; email: string };
  const failedEmails = new FailedEmailsService();

  beforeAll(async () => {
    h = await ReminderHarness.start({ redisDb: 12 });
    partnership = await h.partnership('DSCP');
    manager = await h.person('Asha Patel', partnership, ['business-manager']);
  });

  afterAll(async () => {
    await h.stop();
  });

  beforeEach(async () => {
    h.smtp.clear();
    h.rejectRecipient = () => false;
    h.clock.set('2026-01-05T07:00:00Z');
    await h.dataSource.query(`UPDATE tasks SET status = 'completed' WHERE status = 'open'`);
    await h.planAll();
  });

  /** `count` reviews whose first reminder (to the business manager) is due at 09:00. */
  async function dueReminders(count: number): Promise<string[]> {
    const tasks: string[] = [];
    for (let i = 0; i < count; i++) tasks.push((await h.startReview(partnership)).taskId);
    await h.planAll();
    h.clock.set(DUE);
    return tasks;
  }

  async function statuses(taskIds: string[]): Promise<string[]> {
    const rows: Array<{ status: string }> = await h.dataSource.query(
      `SELECT status FROM reminders WHERE task_id = ANY($1::uuid[]) AND send_at = $2 ORDER BY key`,
      [taskIds, DUE],
    );
    return rows.map((row) => row.status);
  }

  interface WorkerProcess {
    child: ChildProcess;
    exited: Promise<NodeJS.Signals | null>;
    /**
     * Resolves once PostgreSQL has dropped the killed worker's connections and with them its
     * lease: the moment its claims become reclaimable (a few milliseconds after the kill).
     */
    leaseReleased(): Promise<void>;
  }

  function startWorkerProcess(): WorkerProcess {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(__dirname, 'fixtures', 'dispatch-worker.ts')],
      {
        env: {
          ...process.env,
          DATABASE_URL: h.databaseUrl,
          REDIS_URL: h.redisUrl,
          SMTP_URL: h.smtp.url,
          CLOCK_AT: DUE,
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    const leaseReleased = async (): Promise<void> => {
      const leaseId = Number(/ready (\d+)/.exec(output)?.[1]);
      expect(leaseId).toBeGreaterThan(0);
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        const held = await h.count(
          `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = $1::bigint::oid AND objsubid = 2`,
          [leaseId],
        );
        if (held === 0) return;
        await new Promise((resolve) => setImmediate(resolve));
      }
      throw new Error('the killed worker still holds its lease');
    };
    return { child, exited, leaseReleased };
  }

  it('loses nothing and sends nothing twice when a worker is killed mid-batch before the server took the message', async () => {
    const tasks = await dueReminders(6);
    let recipients = 0;
    const worker = startWorkerProcess();
    const { child, exited } = worker;
    // Killed while the third message is being addressed (RCPT TO), before the server has it.
    h.rejectRecipient = () => {
      if (++recipients === 3) child.kill('SIGKILL');
      return false;
    };
    expect(await exited).toBe('SIGKILL');
    h.rejectRecipient = () => false;
    expect(h.smtp.messages).toHaveLength(2);
    expect((await statuses(tasks)).sort()).toEqual([
      'planned',
      'planned',
      'planned',
      'sending',
      'sent',
      'sent',
    ]);

    await worker.leaseReleased();
    const report = await h.system.sweep.runOnce();
    expect(report.reclaimed).toBe(1);
    expect(await statuses(tasks)).toEqual(Array(6).fill('sent'));
    const mails = await h.mailsTo(manager.email);
    expect(mails).toHaveLength(6);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(6);
    expect(await h.count(`SELECT 1 FROM email_log WHERE status = 'sent'`)).toBeGreaterThanOrEqual(
      6,
    );
  }, 60_000);

  it('when killed after the server took a message but before recording it, sends that one again under the same Message-ID and nothing else twice', async () => {
    const tasks = await dueReminders(5);
    const worker = startWorkerProcess();
    const { child, exited } = worker;
    let seen = 0;
    const stop = h.smtp.onMessage(() => {
      if (++seen === 2) child.kill('SIGKILL');
    });
    expect(await exited).toBe('SIGKILL');
    stop();
    await worker.leaseReleased();
    const report = await h.system.sweep.runOnce();
    expect(report.reclaimed).toBe(1);
    expect(await statuses(tasks)).toEqual(Array(5).fill('sent'));
    const mails = await h.mailsTo(manager.email);
    const ids = mails.map((m) => m.messageId);
    // Five reminders, five Message-IDs; the one in flight at the kill was delivered twice with the
    // same Message-ID, which mail systems treat as one message.
    expect(new Set(ids).size).toBe(5);
    expect(mails).toHaveLength(6);
    expect(ids.filter((id) => id === ids[1])).toHaveLength(2);
  }, 60_000);

  it('never sends twice when two workers sweep and dispatch the same reminders at once', async () => {
    const tasks = await dueReminders(20);
    const other = await h.anotherWorker({ concurrency: 4 });
    await Promise.all([
      h.system.sweep.runOnce(),
      other.sweep.runOnce(),
      ...tasks.flatMap((taskId) => [
        h.system.dispatcher.dispatchTask(taskId),
        other.dispatcher.dispatchTask(taskId),
      ]),
    ]);
    await Promise.all([h.system.sweep.runOnce(), other.sweep.runOnce()]);
    expect(await statuses(tasks)).toEqual(Array(20).fill('sent'));
    const mails = await h.mailsTo(manager.email);
    expect(mails).toHaveLength(20);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(20);
  }, 60_000);

  it('stops at a refused address, lists it for the business unit without the address, and a retry reaches only whom it missed', async () => {
    const officer = await h.person('Tom Reid', partnership, ['business-officer']);
    const bouncing = await h.person('Bounce Back', partnership, ['business-officer']);
    const { instanceId } = await h.startReview(partnership);
    await h.dataSource.query(
      `UPDATE tasks SET assignee_role = 'business-officer' WHERE instance_id = $1 AND status = 'open'`,
      [instanceId],
    );
    await h.planAll();
    h.rejectRecipient = (address) => address === bouncing.email;
    await h.at(DUE);
    expect(await h.mailsTo(officer.email)).toHaveLength(1);

    const listed = await inScope(h.dataSource, partnershipScope([partnership.id]), (em) =>
      failedEmails.list(em, partnership.id),
    );
    expect(listed).toEqual([
      expect.objectContaining({
        kind: 'before',
        stepTitle: 'Notify the national Panel',
        reference: expect.stringMatching(/^DSCP-TEST-2026-\d{3}$/),
        dueOn: '2026-01-12',
        errorCode: 'recipient-rejected',
        smtpStatus: 550,
        recipients: [
          {
            personId: bouncing.id,
            displayName: 'Bounce Back',
            errorCode: 'recipient-rejected',
            smtpStatus: 550,
          },
        ],
      }),
    ]);
    expect(JSON.stringify(listed)).not.toContain('@');
    // Permanent: the next sweeps do not try again on their own.
    await h.at('2026-01-05T10:00:00Z');
    expect(h.smtp.messages).toHaveLength(1);

    h.rejectRecipient = () => false;
    const reminderId = listed[0].reminderId ?? '';
    await inScope(h.dataSource, partnershipScope([partnership.id]), (em) =>
      failedEmails.retry(em, partnership.id, reminderId, h.clock.now()),
    );
    await h.system.sweep.runOnce();
    expect(await h.mailsTo(bouncing.email)).toHaveLength(1);
    expect(await h.mailsTo(officer.email)).toHaveLength(1);
    expect(
      await inScope(h.dataSource, partnershipScope([partnership.id]), (em) =>
        failedEmails.list(em, partnership.id),
      ),
    ).toEqual([]);
  });

  it('retries with backoff while the mail server is down, then gives up as failed, visible to the business unit', async () => {
    const [taskId] = await dueReminders(1);
    const down = await h.anotherWorker({}, `smtp://127.0.0.1:${await freePort()}`);
    const attempts = async (): Promise<
      Array<{ status: string; attempts: number; error_code: string; next: Date }>
    > =>
      h.dataSource.query(
        `SELECT status, attempts, error_code, next_attempt_at AS next FROM reminders
          WHERE task_id = $1 AND send_at = $2`,
        [taskId, DUE],
      );

    await down.sweep.runOnce();
    expect(await attempts()).toEqual([
      {
        status: 'planned',
        attempts: 1,
        error_code: 'connection-failed',
        next: new Date('2026-01-05T09:00:30Z'),
      },
    ]);
    h.clock.set('2026-01-05T09:00:29Z');
    await down.sweep.runOnce();
    expect((await attempts())[0].attempts).toBe(1);
    for (let n = 1; n < MAX_DELIVERY_ATTEMPTS; n++) {
      h.clock.set((await attempts())[0].next);
      await down.sweep.runOnce();
    }
    expect(await attempts()).toEqual([
      expect.objectContaining({
        status: 'failed',
        attempts: MAX_DELIVERY_ATTEMPTS,
        error_code: 'connection-failed',
      }),
    ]);
    expect(h.smtp.messages).toHaveLength(0);
    const listed = await inScope(h.dataSource, partnershipScope([partnership.id]), (em) =>
      failedEmails.list(em, partnership.id),
    );
    expect(listed.map((entry) => entry.errorCode)).toContain('connection-failed');
  });

  it('takes its lease again under the same id after losing its database connection', async () => {
    const id = h.system.lease.id;
    await h.dataSource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks
        WHERE locktype = 'advisory' AND objid = $1::bigint::oid AND objsubid = 2`,
      [id],
    );
    await eventually(async () => !(await h.system.lease.isHeld()), 'the lease to be lost');
    expect(await h.system.lease.ensureHeld()).toBe(true);
    expect(await h.system.lease.isHeld()).toBe(true);
    expect(h.system.lease.id).toBe(id);
    expect(await h.system.lease.ensureHeld()).toBe(false);
  });
});
