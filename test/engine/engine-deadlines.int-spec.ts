import { SYSTEM, type CommandResult } from '../../src/engine/engine.types';
import { DeadlineSweep } from '../../src/engine/worker/deadline-sweep';
import { EngineHarness, type Partnership } from './support/engine-harness';

describe('deadlines: due moments fire events through the engine exactly once', () => {
  let h: EngineHarness;
  let rscp: Partnership;
  let manager: string;
  let reviewer: string;

  beforeAll(async () => {
    h = await EngineHarness.start();
    rscp = await h.partnership('RSCP');
    manager = await h.person('Business Manager', {
      partnership: rscp,
      roles: ['business-manager'],
    });
    reviewer = await h.person('Independent Reviewer');
  });

  afterAll(async () => {
    await h.stop();
  });

  beforeEach(() => {
    h.clock.set('2026-03-30T09:00:00Z');
  });

  const sweep = () => new DeadlineSweep(h.dataSource, h.engine, h.clock);

  async function start(awareOn = '2026-03-30'): Promise<CommandResult> {
    return h.engine.start(
      { personId: manager },
      {
        partnershipId: rscp.id,
        definitionKey: 'test-review',
        title: 'Child K',
        input: { awareOn, agencies: [] },
      },
    );
  }

  async function events(instanceId: string, type: string) {
    return h.rows<{ actor_kind: string; payload: Record<string, unknown> }>(
      `SELECT actor_kind, payload FROM workflow_events WHERE instance_id = $1 AND type = $2 ORDER BY version`,
      [instanceId, type],
    );
  }

  it('fires nothing before the end of the due day in London and fires once when it ends', async () => {
    const started = await start();
    h.clock.set('2026-04-08T22:59:59Z'); // still 8 April in London (BST)
    expect((await sweep().sweepOnce()).fired).toBe(0);

    h.clock.set('2026-04-08T23:00:00Z');
    expect(await sweep().sweepOnce()).toMatchObject({ fired: 1 });
    const fired = await events(started.instanceId, 'DEADLINE_PASSED');
    expect(fired).toHaveLength(1);
    expect(fired[0].actor_kind).toBe('system');
    expect(fired[0].payload).toMatchObject({ stepKey: 'notify-panel', dueOn: '2026-04-08' });
    const [deadline] = await h.rows<{ status: string; fired_event_id: string | null }>(
      `SELECT status, fired_event_id FROM deadlines WHERE instance_id = $1`,
      [started.instanceId],
    );
    expect(deadline.status).toBe('fired');
    expect(deadline.fired_event_id).not.toBeNull();
    expect(
      await h.count(`SELECT 1 FROM outbox WHERE instance_id = $1 AND topic = 'escalate'`, [
        started.instanceId,
      ]),
    ).toBe(1);

    h.clock.advance(24 * 3600 * 1000);
    await sweep().sweepOnce();
    expect(await events(started.instanceId, 'DEADLINE_PASSED')).toHaveLength(1);
  });

  it('fires each deadline once when several sweepers race', async () => {
    const started = await Promise.all(Array.from({ length: 8 }, () => start('2026-03-02')));
    h.clock.set('2026-03-10T00:00:00Z'); // past 9 March, 5 working days after 2 March
    const results = await Promise.all([
      sweep().sweepOnce(),
      sweep().sweepOnce(),
      sweep().sweepOnce(),
    ]);
    expect(results.reduce((sum, result) => sum + result.fired, 0)).toBe(8);
    for (const instance of started) {
      expect(await events(instance.instanceId, 'DEADLINE_PASSED')).toHaveLength(1);
    }
  });

  it('moves the instance on when the machine reacts to time passing', async () => {
    const started = await start('2026-03-30');
    await h.engine.send(SYSTEM, started.instanceId, {
      type: 'NOTIFICATION_SENT',
      payload: { sentOn: '2026-04-01' },
    });
    await h.engine.send(SYSTEM, started.instanceId, {
      type: 'DECIDE',
      payload: { decision: 'lcspr', reviewerId: reviewer },
    });
    h.clock.set('2026-04-20T10:00:00Z');
    const commenting = await h.engine.send(SYSTEM, started.instanceId, {
      type: 'SEND_DRAFT',
      payload: { on: '2026-04-20' },
    });
    // 10 working days after Monday 20 April 2026, skipping the early May bank holiday (4 May).
    expect(commenting.tasksOpened).toEqual([
      { id: expect.any(String), stepKey: 'panel-comments', dueOn: '2026-05-05' },
    ]);

    h.clock.set('2026-05-05T23:00:00Z');
    expect((await sweep().sweepOnce()).fired).toBe(1);
    const view = await h.reader.getInstance(SYSTEM, started.instanceId);
    expect(view.state).toEqual({ review: 'drafting' });
    expect(view.openTasks.map((task) => task.stepKey)).toEqual(['draft-report']);
    const [closed] = await h.rows<{ status: string }>(`SELECT status FROM tasks WHERE id = $1`, [
      commenting.tasksOpened[0].id,
    ]);
    expect(closed.status).toBe('completed');
    const [deadline] = await h.rows<{ status: string }>(
      `SELECT status FROM deadlines WHERE task_id = $1`,
      [commenting.tasksOpened[0].id],
    );
    expect(deadline.status).toBe('fired');
    expect(
      await h.count(
        `SELECT 1 FROM outbox WHERE instance_id = $1 AND topic = 'comments-closed-on-deadline'`,
        [started.instanceId],
      ),
    ).toBe(1);
  });

  it('re-arms a fired deadline when its due date is moved, and fires it again at the new moment', async () => {
    const started = await start();
    h.clock.set('2026-04-09T00:00:00Z');
    await sweep().sweepOnce();
    await h.engine.send({ personId: manager }, started.instanceId, {
      type: 'SET_DUE_DATE',
      payload: { stepKey: 'notify-panel', dueOn: '2026-04-15' },
    });
    expect(
      await h.rows(`SELECT status, due_at FROM deadlines WHERE instance_id = $1`, [
        started.instanceId,
      ]),
    ).toEqual([{ status: 'pending', due_at: new Date('2026-04-15T23:00:00Z') }]);
    h.clock.set('2026-04-16T08:00:00Z');
    await sweep().sweepOnce();
    expect(await events(started.instanceId, 'DEADLINE_PASSED')).toHaveLength(2);
  });

  it('cancels a deadline when its task closes, so it never fires', async () => {
    const started = await start();
    await h.engine.send({ personId: manager }, started.instanceId, { type: 'WITHDRAW' });
    h.clock.set('2026-05-01T00:00:00Z');
    await sweep().sweepOnce();
    expect(await events(started.instanceId, 'DEADLINE_PASSED')).toHaveLength(0);
    expect(
      await h.rows(`SELECT status FROM deadlines WHERE instance_id = $1`, [started.instanceId]),
    ).toEqual([{ status: 'cancelled' }]);
    const view = await h.reader.getInstance(SYSTEM, started.instanceId);
    expect(view).toMatchObject({ status: 'closed', stage: 'Withdrawn', openTasks: [] });
    expect(view.closedAt).not.toBeNull();
  });
});
