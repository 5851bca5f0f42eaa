import { SMTPServer } from 'smtp-server';
import { SYSTEM } from '../../src/engine/engine.types';
import { freePort } from '../../src/dev/free-port';
import { RECONCILED_MARKER } from '../../src/reminders/delivery/reconcile-sweep';
import type { ReminderSystem } from '../../src/reminders/reminder-system';
import { queueForKind, REMINDER_QUEUE, reminderJobId } from '../../src/reminders/reminder-queues';
import { ReminderWorkers } from '../../src/reminders/worker/reminder-workers';
import { eventually } from './support/eventually';
import { ReminderHarness, type Partnership } from './support/reminder-harness';

const DUE = '2026-01-05T09:00:00.000Z';
/** The worker's own sweep stays out of the way: these tests exercise the jobs. */
const JOBS_ONLY = { dueGraceMs: 24 * 3600_000 };

/**
 * The BullMQ side, against real Redis: delayed jobs named by the reminder key, handlers that read
 * PostgreSQL, permanent failures that stop, Redis losing everything, the outbox consumers, and a
 * graceful shutdown that finishes the job in hand.
 */
describe('reminder queues (BullMQ on Redis, PostgreSQL, SMTP)', () => {
  let h: ReminderHarness;
  let partnership: Partnership;
  let manager: { id: string; email: string };
  const running: ReminderWorkers[] = [];

  async function startWorkers(
    system: ReminderSystem,
    watchdogMs = 3600_000,
  ): Promise<ReminderWorkers> {
    const workers = new ReminderWorkers(system, {
      redisUrl: h.redisUrl,
      concurrency: 2,
      sweepEveryMs: 3600_000,
      watchdogMs,
    });
    await workers.start();
    running.push(workers);
    return workers;
  }

  beforeAll(async () => {
    h = await ReminderHarness.start({ redisDb: 13 });
    partnership = await h.partnership('QSCP');
    manager = await h.person('Asha Patel', partnership, ['business-manager']);
  });

  afterEach(async () => {
    while (running.length > 0) await running.pop()?.close();
    await h.dataSource.query(`UPDATE tasks SET status = 'completed' WHERE status = 'open'`);
    await h.planAll();
    h.smtp.clear();
    h.rejectRecipient = () => false;
    h.clock.set('2026-01-05T07:00:00Z');
  });

  afterAll(async () => {
    await h.stop();
  });

  async function jobState(key: string): Promise<string> {
    const kind = key.endsWith(':escalation') ? 'escalation' : 'before';
    const job = await h.system.scheduler.queue(queueForKind(kind)).getJob(reminderJobId(key));
    return job ? job.getState() : 'none';
  }

  it('sends a reminder when its delayed job comes due, and completes the job', async () => {
    const { taskId } = await h.startReview(partnership);
    await h.planAll();
    const [first] = await h.reminders(taskId);
    expect(await jobState(first.key)).toBe('delayed');
    await startWorkers(await h.anotherWorker(JOBS_ONLY));

    h.clock.set(DUE); // the job's delay, worked out again from the clock, is now nothing
    await h.system.scheduler.ensure({
      key: first.key,
      taskId,
      kind: 'before',
      sendAt: new Date(DUE),
    });
    const [mail] = await eventually(async () => {
      const mails = await h.mailsTo(manager.email);
      return mails.length > 0 && mails;
    }, 'the reminder email');
    expect(mail.subject).toMatch(/is due in 5 working days/);
    expect(
      await eventually(async () => (await jobState(first.key)) === 'completed' && 'done', 'job'),
    ).toBe('done');
    expect((await h.reminders(taskId))[0].status).toBe('sent');
  });

  it('puts a job that fires before its reminder’s time back to wait, sending nothing', async () => {
    const { taskId } = await h.startReview(partnership);
    await h.planAll();
    const [first] = await h.reminders(taskId);
    await h.system.scheduler.queue(REMINDER_QUEUE).remove(reminderJobId(first.key));
    await h.system.scheduler
      .queue(REMINDER_QUEUE)
      .add('before', { key: first.key, taskId }, { jobId: reminderJobId(first.key), delay: 0 });
    await startWorkers(await h.anotherWorker(JOBS_ONLY));
    await eventually(
      async () => (await jobState(first.key)) === 'delayed',
      'the job delayed again',
    );
    const job = await h.system.scheduler.queue(REMINDER_QUEUE).getJob(reminderJobId(first.key));
    expect((job?.timestamp ?? 0) + (job?.delay ?? 0) - Date.now()).toBeGreaterThan(3600_000);
    expect(h.smtp.messages).toHaveLength(0);
  });

  it('fails a job for good, without retrying, when the address is refused, and marks the reminder failed', async () => {
    const { taskId } = await h.startReview(partnership);
    await h.planAll();
    const [first] = await h.reminders(taskId);
    h.rejectRecipient = () => true;
    await startWorkers(await h.anotherWorker(JOBS_ONLY));
    h.clock.set(DUE);
    await h.system.scheduler.ensure({
      key: first.key,
      taskId,
      kind: 'before',
      sendAt: new Date(DUE),
    });
    await eventually(async () => (await jobState(first.key)) === 'failed', 'the failed job');
    const job = await h.system.scheduler.queue(REMINDER_QUEUE).getJob(reminderJobId(first.key));
    expect(job?.attemptsMade).toBe(1);
    expect(job?.failedReason).toBe('not delivered: recipient-rejected');
    expect((await h.reminders(taskId))[0]).toMatchObject({
      status: 'failed',
      errorCode: 'recipient-rejected',
    });
  });

  it('rebuilds every pending reminder’s job from PostgreSQL after Redis loses its data, and sends nothing twice', async () => {
    const tasks = [await h.startReview(partnership), await h.startReview(partnership)];
    await h.planAll();
    await h.at(DUE);
    expect(h.smtp.messages).toHaveLength(2);
    const planned = async () =>
      (await Promise.all(tasks.map(({ taskId }) => h.reminders(taskId))))
        .flat()
        .filter((r) => r.status === 'planned');
    const keys = (await planned()).map((r) => r.key);
    expect(keys).toHaveLength(12);

    await h.redis.flushdb();
    expect(await Promise.all(keys.map(jobState))).toEqual(keys.map(() => 'none'));
    await startWorkers(await h.anotherWorker(JOBS_ONLY), 50);
    await eventually(async () => (await h.redis.exists(RECONCILED_MARKER)) === 1, 'the rebuild');
    expect(await Promise.all(keys.map(jobState))).toEqual(keys.map(() => 'delayed'));
    const before1 = (await planned())[0];
    const job = await h.system.scheduler.queue(REMINDER_QUEUE).getJob(reminderJobId(before1.key));
    expect(job?.opts.delay).toBe(new Date(before1.sendAt).getTime() - new Date(DUE).getTime());

    // Flushed again while the worker runs: its watchdog notices and rebuilds.
    await h.redis.flushdb();
    await eventually(async () => (await jobState(keys[0])) === 'delayed', 'the watchdog rebuild');
    await h.system.sweep.runOnce();
    expect(h.smtp.messages).toHaveLength(2);
  });

  it('plans reminders from the engine’s outbox messages and cancels them when the task is completed', async () => {
    await startWorkers(await h.anotherWorker(JOBS_ONLY));
    const { instanceId, taskId } = await h.startReview(partnership);
    await h.relay.drain();
    await eventually(async () => (await h.reminders(taskId)).length === 7, 'planned reminders');
    const plannedKey = (await h.reminders(taskId))[1].key;
    await eventually(async () => (await jobState(plannedKey)) === 'delayed', 'the delayed job');

    await h.engine.send(SYSTEM, instanceId, {
      type: 'NOTIFICATION_SENT',
      payload: { sentOn: '2026-01-05' },
    });
    await h.relay.drain();
    await eventually(
      async () => (await h.reminders(taskId)).every((r) => r.status === 'cancelled'),
      'cancelled reminders',
    );
    // The jobs go just after the commit that cancelled the rows.
    const cancelledKey = (await h.reminders(taskId))[1].key;
    await eventually(async () => (await jobState(cancelledKey)) === 'none', 'the job removed');
  });

  it('on shutdown stops taking jobs but finishes the email in hand', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let received = 0;
    const slow = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      // The worker's pooled SMTP connection stays open: do not wait for it when closing.
      closeTimeout: 100,
      onData: (stream, _session, callback) => {
        stream.resume();
        stream.on('end', () => {
          received++;
          void held.then(() => callback());
        });
      },
    });
    const port = await freePort();
    await new Promise<void>((resolve) => slow.listen(port, '127.0.0.1', () => resolve()));
    try {
      const { taskId } = await h.startReview(partnership);
      await h.planAll();
      const [first] = await h.reminders(taskId);
      const workers = await startWorkers(
        await h.anotherWorker(JOBS_ONLY, `smtp://127.0.0.1:${port}`),
      );
      running.pop();
      h.clock.set(DUE);
      await h.system.scheduler.ensure({
        key: first.key,
        taskId,
        kind: 'before',
        sendAt: new Date(DUE),
      });
      await eventually(async () => received === 1, 'the email at the server');

      let closed = false;
      const closing = workers.close().then(() => (closed = true));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(closed).toBe(false);
      release();
      await closing;
      expect((await h.reminders(taskId))[0].status).toBe('sent');
      expect(await jobState(first.key)).toBe('completed');
    } finally {
      release();
      await new Promise<void>((resolve) => slow.close(() => resolve()));
    }
  });
});
