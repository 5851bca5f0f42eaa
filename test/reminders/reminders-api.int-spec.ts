import { Queue } from 'bullmq';
import type { Transporter } from 'nodemailer';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { BusinessCalendar } from '../../src/calendar';
import { SettableClock } from '../../src/common/clock';
import type { AppConfig } from '../../src/config/config';
import { freePort } from '../../src/dev/free-port';
import { SmtpSink } from '../../src/dev/smtp-sink';
import { MailSender } from '../../src/mail/mail-sender';
import { createMailTransport } from '../../src/mail/mail-transport';
import { createRedisConnection } from '../../src/queue/redis';
import { DASHBOARD_REFUSAL } from '../../src/reminders/admin/queue-dashboard';
import { PERMISSION_TABLE } from '../../src/access/permission-table';
import { REMINDER_QUEUE, reminderJobId } from '../../src/reminders/reminder-queues';
import { ReminderSystem } from '../../src/reminders/reminder-system';
import {
  apiToken,
  createPartnership,
  dataSourceOf,
  httpServer,
  signedInBrowser,
  type PersonFixture,
} from '../access/support/access-fixtures';
import { startPracticeReview } from '../instances/support/instance-fixtures';
import { startApp, type AppHarness } from '../support/app-harness';

const REDIS_DB = 14;
const MAIL_FROM = 'Safeguarding Reviews <no-reply@reviews.example.org>';

/**
 * The reminders API and the queue dashboard through HTTP, with real sign-in: failed emails and
 * their retry for the business unit, the partnership's reminder numbers, a person's digest choice,
 * and Bull Board for business managers only.
 */
describe('reminders API and queue dashboard (HTTP)', () => {
  let harness: AppHarness;
  let people: Record<'manager' | 'officer' | 'chair' | 'bouncing', PersonFixture>;
  let partnershipId: string;
  let bouncingSink: SmtpSink;
  let worker: ReminderSystem;
  let dataSource: DataSource;
  let transport: Transporter;
  const redisUrl = `${process.env.REDIS_URL ?? ''}/${REDIS_DB}`;

  const server = () => httpServer(harness);

  beforeAll(async () => {
    harness = await startApp({ REDIS_URL: redisUrl });
    dataSource = dataSourceOf(harness);
    const partnership = await createPartnership(dataSource, 'ASCP', [
      { email: 'manager@ascp.example.org', name: 'Asha Patel', roles: ['business-manager'] },
      { email: 'officer@ascp.example.org', name: 'Tom Reid', roles: ['business-officer'] },
      { email: 'chair@ascp.example.org', name: 'Helen Moss', roles: ['partnership-chair'] },
      { email: 'bounce@ascp.example.org', name: 'Bo Unce', roles: ['business-manager'] },
    ]);
    partnershipId = partnership.id;
    const [manager, officer, chair, bouncing] = partnership.people;
    people = { manager, officer, chair, bouncing };

    // A worker beside the app, whose mail server refuses one address for good.
    bouncingSink = new SmtpSink({
      port: await freePort(),
      rejectRecipients: (address) => address === bouncing.email,
    });
    await bouncingSink.start();
    transport = createMailTransport(bouncingSink.url, MAIL_FROM);
    worker = new ReminderSystem({
      dataSource,
      redis: createRedisConnection(redisUrl, 'producer'),
      mail: new MailSender(transport, {
        mailFrom: MAIL_FROM,
      } as AppConfig),
      clock: new SettableClock('2026-01-05T07:00:00Z'),
      calendar: new BusinessCalendar(),
      appUrl: 'http://localhost:3999',
      databaseUrl: harness.database.url,
      sweep: { dueGraceMs: 0 },
    });
    await worker.start();
  });

  afterAll(async () => {
    await worker.stop();
    await worker.deps.redis.quit();
    transport.close();
    await bouncingSink.stop();
    await harness.close();
  });

  async function failedReminder(): Promise<string> {
    const review = await startPracticeReview(harness.app, { partnershipId, awareOn: '2026-01-05' });
    const taskId = review.tasksOpened[0].id;
    await worker.scheduler.apply(await worker.planner.syncTask(taskId));
    const rows: Array<{ send_at: Date }> = await dataSource.query(
      `SELECT send_at FROM reminders WHERE task_id = $1 ORDER BY send_at LIMIT 1`,
      [taskId],
    );
    (worker.deps.clock as SettableClock).set(rows[0].send_at);
    await worker.sweep.runOnce();
    const failed: Array<{ id: string }> = await dataSource.query(
      `SELECT id FROM reminders WHERE task_id = $1 AND status = 'failed'`,
      [taskId],
    );
    expect(failed).toHaveLength(1);
    return failed[0].id;
  }

  describe('failed emails', () => {
    let reminderId: string;

    beforeAll(async () => {
      reminderId = await failedReminder();
    });

    it('lists a reminder the mail server refused, with the SMTP status and who missed it, never an address', async () => {
      const browser = await signedInBrowser(harness, people.officer.id);
      const response = await request(server())
        .get(`/api/partnerships/${partnershipId}/failed-emails`)
        .set('Cookie', browser.cookie)
        .expect(200);
      expect(response.body).toEqual([
        expect.objectContaining({
          reminderId,
          kind: 'before',
          reference: expect.stringMatching(/^ASCP-/),
          errorCode: 'recipient-rejected',
          smtpStatus: 550,
          recipients: [
            {
              personId: people.bouncing.id,
              displayName: 'Bo Unce',
              errorCode: 'recipient-rejected',
              smtpStatus: 550,
            },
          ],
        }),
      ]);
      expect(JSON.stringify(response.body)).not.toContain('@');
      // The other business manager got theirs.
      expect(bouncingSink.messages.map((m) => m.to[0])).toEqual([people.manager.email]);
    });

    it('refuses the partnership chair with the reason', async () => {
      const response = await request(server())
        .get(`/api/partnerships/${partnershipId}/failed-emails`)
        .set('Authorization', `Bearer ${await apiToken(harness, people.chair.id)}`)
        .expect(403);
      expect(response.body.detail).toBe(PERMISSION_TABLE['failed-emails.manage'].refusal);
    });

    it('retries a failed reminder at once: planned again with a job due now, and a second retry is a conflict', async () => {
      const browser = await signedInBrowser(harness, people.manager.id);
      const retry = () =>
        request(server())
          .post(`/api/partnerships/${partnershipId}/failed-emails/${reminderId}/retry`)
          .set('Cookie', browser.cookie)
          .set('x-csrf-token', browser.csrfToken)
          .send({});
      expect((await retry().expect(202)).body).toEqual({ reminderId, status: 'planned' });
      const rows: Array<{ key: string; status: string }> = await dataSource.query(
        `SELECT key, status FROM reminders WHERE id = $1`,
        [reminderId],
      );
      expect(rows[0].status).toBe('planned');
      const queue = new Queue(REMINDER_QUEUE, { connection: worker.deps.redis });
      try {
        const job = await queue.getJob(reminderJobId(rows[0].key));
        expect(job?.data).toEqual({ key: rows[0].key, taskId: expect.any(String) });
      } finally {
        await queue.close();
      }
      const again = await retry().expect(409);
      expect(again.body.code).toBe('reminder-not-failed');
    });
  });

  describe('reminder settings', () => {
    const path = () => `/api/partnerships/${partnershipId}/reminder-settings`;

    it('shows the defaults, then changes the numbers with the version read, refusing a stale version and naming a bad field', async () => {
      const browser = await signedInBrowser(harness, people.manager.id);
      const read = await request(server()).get(path()).set('Cookie', browser.cookie).expect(200);
      expect(read.headers.etag).toBe('"1"');
      expect(read.body.settings).toEqual({
        daysBefore: [5, 1],
        onDueDate: true,
        overdueEveryWorkingDays: 2,
        escalateAfterOverdueReminders: 2,
        sendAtHour: 9,
      });
      const put = (body: object, version?: string) => {
        const call = request(server())
          .put(path())
          .set('Cookie', browser.cookie)
          .set('x-csrf-token', browser.csrfToken);
        return (version === undefined ? call : call.set('If-Match', version)).send(body);
      };
      const unconditional = await put({ sendAtHour: 10 }).expect(428);
      expect(unconditional.body.code).toBe('precondition-required');

      const bad = await put({ sendAtHour: 7 }, '"1"').expect(400);
      expect(bad.body.errors).toEqual([
        { field: 'sendAtHour', message: expect.stringMatching(/from 8 to 17/) },
      ]);
      const unknown = await put({ reminderEmailsOn: true }, '"1"').expect(400);
      expect(unknown.body.errors[0].field).toBe('reminderEmailsOn');

      const saved = await put({ daysBefore: [3], sendAtHour: 10 }, '"1"').expect(200);
      expect(saved.headers.etag).toBe('"2"');
      expect(saved.body).toMatchObject({
        version: 2,
        overrides: { daysBefore: [3], sendAtHour: 10 },
        settings: { daysBefore: [3], sendAtHour: 10, onDueDate: true },
      });
      const stale = await put({ sendAtHour: 11 }, '"1"').expect(409);
      expect(stale.body).toMatchObject({ code: 'version-conflict', currentVersion: 2 });
    });

    it('refuses someone outside the business unit with the reason', async () => {
      const browser = await signedInBrowser(harness, people.chair.id);
      const response = await request(server())
        .get(path())
        .set('Cookie', browser.cookie)
        .expect(403);
      expect(response.body.detail).toBe(PERMISSION_TABLE['reminder-settings.manage'].refusal);
    });
  });

  it('lets anyone signed in choose the daily digest instead of separate reminders', async () => {
    const browser = await signedInBrowser(harness, people.chair.id);
    const path = '/api/me/reminder-preferences';
    expect(
      (await request(server()).get(path).set('Cookie', browser.cookie).expect(200)).body,
    ).toEqual({ delivery: 'individual' });
    const put = (body: object) =>
      request(server())
        .put(path)
        .set('Cookie', browser.cookie)
        .set('x-csrf-token', browser.csrfToken)
        .send(body);
    await put({ delivery: 'weekly' }).expect(400);
    expect((await put({ delivery: 'daily-digest' }).expect(200)).body).toEqual({
      delivery: 'daily-digest',
    });
    expect(
      (await request(server()).get(path).set('Cookie', browser.cookie).expect(200)).body,
    ).toEqual({ delivery: 'daily-digest' });
  });

  describe('queue dashboard at /admin/queues', () => {
    it('asks an anonymous caller to sign in', async () => {
      await request(server()).get('/admin/queues').expect(401);
      await request(server()).get('/admin/queues/api/queues').expect(401);
    });

    it('refuses someone who is not a business manager, with the reason', async () => {
      const browser = await signedInBrowser(harness, people.officer.id);
      const response = await request(server())
        .get('/admin/queues')
        .set('Cookie', browser.cookie)
        .expect(403);
      expect(response.body.detail).toBe(DASHBOARD_REFUSAL);
    });

    it('shows a business manager the queues, read-only', async () => {
      const browser = await signedInBrowser(harness, people.manager.id);
      const page = await request(server())
        .get('/admin/queues')
        .set('Cookie', browser.cookie)
        .expect(200);
      expect(page.text).toContain('__UI_CONFIG__');
      const queues = await request(server())
        .get('/admin/queues/api/queues')
        .set('Cookie', browser.cookie)
        .expect(200);
      const names = (queues.body as { queues: Array<{ name: string; readOnlyMode: boolean }> })
        .queues;
      expect(names.map((q) => q.name)).toContain(REMINDER_QUEUE);
      expect(names.every((q) => q.readOnlyMode)).toBe(true);
      await request(server())
        .put(`/admin/queues/api/queues/${REMINDER_QUEUE}/pause`)
        .set('Cookie', browser.cookie)
        .set('x-csrf-token', browser.csrfToken)
        .expect(405);
    });
  });
});
