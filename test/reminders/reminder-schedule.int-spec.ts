import { SYSTEM } from '../../src/engine/engine.types';
import { inScope, SYSTEM_SCOPE } from '../../src/database/tenancy';
import { REMINDER_QUEUE, reminderJobId } from '../../src/reminders/reminder-queues';
import { ReminderHarness, type Partnership } from './support/reminder-harness';

/**
 * When reminders go out, to whom, and what stops them: against real PostgreSQL, Redis and SMTP,
 * with the clock set by the test and the reconcile sweep run by hand (as its repeatable job would).
 * The "Notify the national Panel" task of a review aware on Monday 5 January 2026 is due on
 * Monday 12 January, for the business manager.
 */
describe('reminder schedule (PostgreSQL, Redis, SMTP)', () => {
  let h: ReminderHarness;
  let rscp: Partnership;
  let manager: { id: string; email: string };
  let chair: { id: string; email: string };

  beforeAll(async () => {
    h = await ReminderHarness.start({ redisDb: 11 });
    rscp = await h.partnership('RSCP');
    manager = await h.person('Asha Patel', rscp, ['business-manager']);
    chair = await h.person('Helen Moss', rscp, ['partnership-chair']);
  });

  afterAll(async () => {
    await h.stop();
  });

  beforeEach(() => {
    h.smtp.clear();
    h.clock.set('2026-01-05T07:00:00Z');
  });

  async function closeEverything(): Promise<void> {
    await h.dataSource.query(
      `UPDATE tasks SET status = 'cancelled', closed_at = now() WHERE status = 'open'`,
    );
    await h.planAll();
  }

  afterEach(async () => {
    await closeEverything();
  });

  it('plans 5 and 1 working days before, the due date, overdue every 2 working days and the escalation, at 09:00 London time, each with a delayed job named by its key', async () => {
    const { taskId } = await h.startReview(rscp);
    await h.planAll();
    const reminders = await h.reminders(taskId);
    expect(reminders.map((r) => `${r.slot} ${r.sendAt} ${r.status}`)).toEqual([
      '2026-01-12:before-5 2026-01-05T09:00:00.000Z planned',
      '2026-01-12:before-1 2026-01-09T09:00:00.000Z planned',
      '2026-01-12:due 2026-01-12T09:00:00.000Z planned',
      '2026-01-12:overdue-1 2026-01-14T09:00:00.000Z planned',
      '2026-01-12:overdue-2 2026-01-16T09:00:00.000Z planned',
      '2026-01-12:escalation 2026-01-20T09:00:00.000Z planned',
      '2026-01-12:overdue-3 2026-01-20T09:00:00.000Z planned',
    ]);
    const job = await h.system.scheduler
      .queue(REMINDER_QUEUE)
      .getJob(reminderJobId(reminders[0].key));
    expect(job?.data).toEqual({ key: reminders[0].key, taskId });
    expect(job?.opts.delay).toBe(2 * 3600_000);
    expect(await job?.getState()).toBe('delayed');
  });

  it('sends each reminder at its moment, not a millisecond before, never at a weekend, and escalates to the partnership chair after the second overdue reminder', async () => {
    const { taskId } = await h.startReview(rscp);
    await h.planAll();

    await h.at('2026-01-05T08:59:59.999Z');
    expect(h.smtp.messages).toHaveLength(0);
    await h.at('2026-01-05T09:00:00.000Z');
    const [first] = await h.mailsTo(manager.email);
    expect(first.subject).toMatch(
      /^Reminder: Notify the national Panel is due in 5 working days \(RSCP-TEST-2026-\d{3}\)$/,
    );
    expect(first.text).toContain(`https://reviews.example.org/tasks/${taskId}`);

    await h.at('2026-01-05T15:00:00Z');
    await h.at('2026-01-09T09:00:00Z');
    await h.at('2026-01-10T09:00:00Z'); // Saturday
    await h.at('2026-01-11T12:00:00Z'); // Sunday
    expect(h.smtp.messages).toHaveLength(2);
    await h.at('2026-01-12T09:00:00Z');
    await h.at('2026-01-14T09:00:00Z');
    await h.at('2026-01-16T09:00:00Z');
    expect((await h.mailsTo(manager.email)).map((m) => m.subject.replace(/ \(.*\)$/, ''))).toEqual([
      'Reminder: Notify the national Panel is due in 5 working days',
      'Reminder: Notify the national Panel is due in 1 working day',
      'Notify the national Panel is due today',
      'Notify the national Panel is 2 working days overdue',
      'Notify the national Panel is 4 working days overdue',
    ]);
    expect(await h.mailsTo(chair.email)).toHaveLength(0);

    await h.at('2026-01-20T09:00:00Z');
    const escalation = await h.mailsTo(chair.email);
    expect(escalation.map((m) => m.subject)).toEqual([
      expect.stringMatching(/^Escalation: Notify the national Panel is 6 working days overdue/),
    ]);
    expect(escalation[0].text).toContain('Asha Patel');
    expect(escalation[0].text).toContain('2 overdue reminders');
    expect(await h.mailsTo(manager.email)).toHaveLength(6);
    // Still overdue: the reminders go on, the plan extended each time the task is dispatched.
    expect(
      (await h.reminders(taskId)).filter((r) => r.status === 'planned').map((r) => r.slot),
    ).toEqual(['2026-01-12:overdue-4', '2026-01-12:overdue-5']);
    await h.at('2026-01-22T09:00:00Z');
    expect(
      (await h.reminders(taskId)).filter((r) => r.status === 'planned').map((r) => r.slot),
    ).toEqual(['2026-01-12:overdue-5', '2026-01-12:overdue-6']);
  });

  it('cancels the pending reminders when the task is completed, even before its outbox message is seen', async () => {
    const { instanceId, taskId } = await h.startReview(rscp);
    await h.planAll();
    await h.at('2026-01-05T09:00:00Z');
    expect(await h.mailsTo(manager.email)).toHaveLength(1);

    h.clock.set('2026-01-07T10:00:00Z');
    await h.engine.send(SYSTEM, instanceId, {
      type: 'NOTIFICATION_SENT',
      payload: { sentOn: '2026-01-07' },
    });
    // The outbox relay has not run: the dispatcher replans the task before sending anything.
    await h.at('2026-01-09T09:00:00Z');
    await h.at('2026-01-12T09:00:00Z');
    expect(await h.mailsTo(manager.email)).toHaveLength(1);
    expect((await h.reminders(taskId)).map((r) => r.status)).toEqual([
      'sent',
      'cancelled',
      'cancelled',
      'cancelled',
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
    const job = await h.system.scheduler
      .queue(REMINDER_QUEUE)
      .getJob(reminderJobId((await h.reminders(taskId))[2].key));
    expect(job).toBeUndefined();
  });

  it('moves the reminders of a re-dated task to its new date, with nothing for slots already past', async () => {
    const { instanceId, taskId } = await h.startReview(rscp);
    await h.planAll();
    h.clock.set('2026-01-08T12:00:00Z');
    await h.engine.send(SYSTEM, instanceId, {
      type: 'SET_DUE_DATE',
      payload: { stepKey: 'notify-panel', dueOn: '2026-01-19' },
    });
    await h.planAll();
    const reminders = await h.reminders(taskId);
    expect(
      reminders.filter((r) => r.status === 'planned').map((r) => `${r.slot} ${r.sendAt}`),
    ).toEqual([
      '2026-01-19:before-5 2026-01-12T09:00:00.000Z',
      '2026-01-19:before-1 2026-01-16T09:00:00.000Z',
      '2026-01-19:due 2026-01-19T09:00:00.000Z',
      '2026-01-19:overdue-1 2026-01-21T09:00:00.000Z',
      '2026-01-19:overdue-2 2026-01-23T09:00:00.000Z',
      '2026-01-19:escalation 2026-01-27T09:00:00.000Z',
      '2026-01-19:overdue-3 2026-01-27T09:00:00.000Z',
    ]);
    expect(reminders.filter((r) => r.slot.startsWith('2026-01-12')).map((r) => r.status)).toEqual(
      Array(7).fill('cancelled'),
    );
    await h.at('2026-01-12T09:00:00Z');
    expect((await h.mailsTo(manager.email)).map((m) => m.subject)).toEqual([
      expect.stringMatching(/is due in 5 working days/),
    ]);
  });

  it('sends the next reminder of a reassigned task to the new assignee only', async () => {
    const { instanceId } = await h.startReview(rscp);
    const first = await h.person('Sam Jones', rscp);
    const second = await h.person('Priya Shah', rscp);
    const adHoc = await inScope(h.dataSource, SYSTEM_SCOPE, (em) =>
      h.engine.openAdHocTask(em, {
        actor: SYSTEM,
        instanceId,
        key: 'follow-up',
        title: 'Follow up the action',
        assigneePersonId: first.id,
        dueOn: '2026-01-16',
      }),
    );
    await h.planAll();
    await h.at('2026-01-09T09:00:00Z');
    expect((await h.mailsTo(first.email)).map((m) => m.subject)).toEqual([
      expect.stringMatching(/Follow up the action is due in 5 working days/),
    ]);
    await inScope(h.dataSource, SYSTEM_SCOPE, (em) =>
      h.engine.updateAdHocTask(em, {
        actor: SYSTEM,
        instanceId,
        key: 'follow-up',
        assigneePersonId: second.id,
      }),
    );
    await h.planAll();
    await h.at('2026-01-15T09:00:00Z');
    expect(await h.mailsTo(first.email)).toHaveLength(1);
    expect((await h.mailsTo(second.email)).map((m) => m.subject)).toEqual([
      expect.stringMatching(/Follow up the action is due in 1 working day/),
    ]);
    expect(await h.count(`SELECT 1 FROM reminders WHERE task_id = $1`, [adHoc.taskId])).toBe(7);
  });

  it('stops chasing a task that was cancelled', async () => {
    const { instanceId } = await h.startReview(rscp);
    const owner = await h.person('Lee Ward', rscp);
    const adHoc = await inScope(h.dataSource, SYSTEM_SCOPE, (em) =>
      h.engine.openAdHocTask(em, {
        actor: SYSTEM,
        instanceId,
        key: 'chase',
        title: 'Send the chronology',
        assigneePersonId: owner.id,
        dueOn: '2026-01-16',
      }),
    );
    await h.planAll();
    await h.at('2026-01-09T09:00:00Z');
    expect(await h.mailsTo(owner.email)).toHaveLength(1);
    await inScope(h.dataSource, SYSTEM_SCOPE, (em) =>
      h.engine.closeAdHocTask(em, { actor: SYSTEM, instanceId, key: 'chase', status: 'cancelled' }),
    );
    await h.at('2026-01-15T09:00:00Z');
    await h.at('2026-01-16T09:00:00Z');
    await h.at('2026-01-20T09:00:00Z');
    expect(await h.mailsTo(owner.email)).toHaveLength(1);
    expect(
      (await h.reminders(adHoc.taskId)).filter((r) => r.status !== 'sent').map((r) => r.status),
    ).toEqual(Array(6).fill('cancelled'));
  });

  it('plans nothing for an exempt task: a step declared without reminders, or an ad-hoc task opened with remind off', async () => {
    const { instanceId } = await h.startReview(rscp);
    await h.engine.send(SYSTEM, instanceId, {
      type: 'NOTIFICATION_SENT',
      payload: { sentOn: '2026-01-05' },
    });
    const exempt = await inScope(h.dataSource, SYSTEM_SCOPE, (em) =>
      h.engine.openAdHocTask(em, {
        actor: SYSTEM,
        instanceId,
        key: 'quiet',
        title: 'A quiet task',
        assigneePersonId: manager.id,
        dueOn: '2026-01-16',
        remind: false,
      }),
    );
    await h.planAll();
    const decision: Array<{ id: string }> = await h.dataSource.query(
      `SELECT id FROM tasks WHERE instance_id = $1 AND step_key = 'rapid-review-decision'`,
      [instanceId],
    );
    for (const taskId of [decision[0].id, exempt.taskId]) {
      expect(await h.reminders(taskId)).toEqual([]);
    }
    const summary: Array<{ id: string }> = await h.dataSource.query(
      `SELECT id FROM tasks WHERE instance_id = $1 AND step_key = 'agency-summary'`,
      [instanceId],
    );
    expect((await h.reminders(summary[0].id)).length).toBeGreaterThan(0);
  });

  it('follows the partnership’s own numbers once it changes them, moving the pending reminders', async () => {
    const wscb = await h.partnership('WSCB');
    const wscbManager = await h.person('Tom Reid', wscb, ['business-manager']);
    const { taskId } = await h.startReview(wscb);
    await h.planAll();
    await h.dataSource.query(
      `INSERT INTO reminder_settings (partnership_id, overrides, version, updated_at)
       VALUES ($1, '{"daysBefore": [3], "sendAtHour": 10, "escalateAfterOverdueReminders": null}', 1, now())`,
      [wscb.id],
    );
    const report = await h.at('2026-01-05T08:00:00Z');
    expect(report.resynced).toBeGreaterThan(0);
    expect(
      (await h.reminders(taskId))
        .filter((r) => r.status === 'planned')
        .map((r) => `${r.slot} ${r.sendAt}`),
    ).toEqual([
      '2026-01-12:before-3 2026-01-07T10:00:00.000Z',
      '2026-01-12:due 2026-01-12T10:00:00.000Z',
      '2026-01-12:overdue-1 2026-01-14T10:00:00.000Z',
      '2026-01-12:overdue-2 2026-01-16T10:00:00.000Z',
      '2026-01-12:overdue-3 2026-01-20T10:00:00.000Z',
    ]);
    await h.at('2026-01-07T09:59:59Z');
    expect(await h.mailsTo(wscbManager.email)).toHaveLength(0);
    await h.at('2026-01-07T10:00:00Z');
    expect(await h.mailsTo(wscbManager.email)).toHaveLength(1);
  });

  it('after the worker was down for a fortnight sends one reminder per task, the most relevant, and the escalation once', async () => {
    const tasks = [await h.startReview(rscp), await h.startReview(rscp), await h.startReview(rscp)];
    await h.planAll();
    const report = await h.at('2026-01-20T12:00:00Z');
    expect(report.dispatched).toBe(3);
    const toManager = await h.mailsTo(manager.email);
    expect(toManager.map((m) => m.subject.replace(/ \(.*\)$/, ''))).toEqual(
      Array(3).fill('Notify the national Panel is 6 working days overdue'),
    );
    expect(await h.mailsTo(chair.email)).toHaveLength(3);
    for (const { taskId } of tasks) {
      expect((await h.reminders(taskId)).map((r) => `${r.slot.split(':')[1]} ${r.status}`)).toEqual(
        [
          'before-5 skipped',
          'before-1 skipped',
          'due skipped',
          'overdue-1 skipped',
          'overdue-2 skipped',
          'escalation sent',
          'overdue-3 sent',
          'overdue-4 planned',
          'overdue-5 planned',
          'overdue-6 planned',
        ],
      );
    }
    await h.at('2026-01-20T12:05:00Z');
    expect(h.smtp.messages).toHaveLength(6);
  });

  it('escalates an agency’s overdue return to the panel chair and the agency’s safeguarding lead, naming who it is assigned to', async () => {
    const panelChair = await h.person('Dr Ruth Kay', rscp);
    const lead = await h.person('Sam Jones', rscp);
    const auditor = await h.person('Jo Bloggs', rscp);
    const { instanceId } = await h.startReview(rscp, [
      { personId: panelChair.id, role: 'panel-chair' },
      { personId: lead.id, role: 'agency-safeguarding-lead', agencyId: rscp.police },
      { personId: auditor.id, role: 'audit-group-member', agencyId: rscp.police },
    ]);
    await h.engine.send(SYSTEM, instanceId, {
      type: 'NOTIFICATION_SENT',
      payload: { sentOn: '2026-01-05' },
    });
    await h.planAll();
    const summary: Array<{ id: string }> = await h.dataSource.query(
      `SELECT id FROM tasks WHERE instance_id = $1 AND step_key = 'agency-summary'`,
      [instanceId],
    );
    const escalation = (await h.reminders(summary[0].id)).find((r) =>
      r.slot.endsWith('escalation'),
    );
    await h.at(escalation?.sendAt ?? 'missing');
    expect((await h.mailsTo(auditor.email)).map((m) => m.subject)).toEqual([
      expect.stringMatching(/^Return the agency summary is \d+ working days overdue/),
    ]);
    for (const person of [panelChair, lead]) {
      const [mail] = await h.mailsTo(person.email);
      expect(mail.subject).toMatch(/^Escalation: Return the agency summary/);
      expect(mail.text).toContain('Jo Bloggs (RSCP Police)');
    }
    expect(await h.mailsTo(lead.email)).toHaveLength(1);
    expect(await h.mailsTo(manager.email)).toHaveLength(0);
  });

  it('gives a person who chose the daily digest one email each working day at the send hour instead of separate reminders, but escalations still come on their own', async () => {
    const pscp = await h.partnership('PSCP');
    const digestManager = await h.person('Nadia Green', pscp, ['business-manager']);
    const digestChair = await h.person('Owen Price', pscp, ['partnership-chair']);
    for (const person of [digestManager, digestChair]) {
      await h.dataSource.query(
        `INSERT INTO reminder_preferences (person_id, delivery, updated_at) VALUES ($1, 'daily-digest', now())`,
        [person.id],
      );
    }
    const first = await h.startReview(pscp);
    await h.startReview(pscp);
    await h.planAll();

    await h.at('2026-01-05T08:59:00Z');
    expect(h.smtp.messages).toHaveLength(0);
    await h.at('2026-01-05T09:00:00Z');
    await h.at('2026-01-05T09:30:00Z');
    const monday = await h.mailsTo(digestManager.email);
    expect(monday.map((m) => m.subject)).toEqual([
      'Your tasks for Monday 5 January 2026: 2 due soon',
    ]);
    expect(monday[0].text).toMatch(/Notify the national Panel, PSCP-TEST-2026-\d{3}/);
    expect((await h.reminders(first.taskId))[0].status).toBe('skipped');
    // Nothing due within the week for the chair: no digest, and no empty email.
    expect(await h.mailsTo(digestChair.email)).toHaveLength(0);

    await h.at('2026-01-10T09:00:00Z'); // Saturday
    await h.at('2026-01-12T09:00:00Z');
    expect((await h.mailsTo(digestManager.email)).map((m) => m.subject)).toEqual([
      'Your tasks for Monday 5 January 2026: 2 due soon',
      'Your tasks for Monday 12 January 2026: 2 due today',
    ]);

    await h.at('2026-01-20T09:00:00Z');
    const toChair = await h.mailsTo(digestChair.email);
    expect(toChair.map((m) => m.subject)).toEqual([
      expect.stringMatching(/^Escalation: Notify the national Panel/),
      expect.stringMatching(/^Escalation: Notify the national Panel/),
    ]);
    expect((await h.mailsTo(digestManager.email)).at(-1)?.subject).toBe(
      'Your tasks for Tuesday 20 January 2026: 2 overdue',
    );
  });

  it('keeps case content out of every email and every job: a step title, a reference, a date and a link only', async () => {
    const { taskId } = await h.startReview(rscp);
    await h.dataSource.query(
      `UPDATE workflow_instances SET title = 'Harry Whitfield, born 09/03/2014'`,
    );
    await h.planAll();
    await h.at('2026-01-20T09:00:00Z');
    const mails = await h.mails();
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of mails) {
      expect(mail.raw).not.toMatch(/Harry|Whitfield|2014|Child H/);
    }
    const jobs = await h.system.scheduler.queue(REMINDER_QUEUE).getJobs(['delayed', 'completed']);
    for (const job of jobs) {
      expect(Object.keys(job.data as object).sort()).toEqual(['key', 'taskId']);
    }
    expect(jobs.some((job) => (job.data as { taskId: string }).taskId === taskId)).toBe(true);
  });
});
