import { randomUUID } from 'node:crypto';
import { EngineErrorCode, EngineException } from '../../src/engine/engine.exception';
import { SYSTEM, type CommandResult } from '../../src/engine/engine.types';
import { EngineHarness, type Partnership } from './support/engine-harness';

/** The refusal a promise rejects with, for asserting its code and problem details. */
async function refusal(promise: Promise<unknown>): Promise<EngineException> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EngineException) return error;
    throw error;
  }
  throw new Error('expected the engine to refuse');
}

function problemOf(error: EngineException): Record<string, unknown> {
  return error.getResponse() as Record<string, unknown>;
}

describe('applying events through the engine (PostgreSQL)', () => {
  let h: EngineHarness;
  let rscp: Partnership;
  let manager: string;
  let chair: string;
  let policeLead: string;
  let healthLead: string;
  let outsider: string;
  let bystander: string;

  beforeAll(async () => {
    h = await EngineHarness.start();
    rscp = await h.partnership('RSCP');
    const other = await h.partnership('OSCP');
    manager = await h.person('Business Manager', {
      partnership: rscp,
      roles: ['business-manager'],
    });
    chair = await h.person('Panel Chair', { partnership: rscp });
    policeLead = await h.person('Police Lead', {
      partnership: rscp,
      agencyId: rscp.agencies.police,
    });
    healthLead = await h.person('Health Lead', {
      partnership: rscp,
      agencyId: rscp.agencies.health,
    });
    outsider = await h.person('Other Manager', { partnership: other, roles: ['business-manager'] });
    bystander = await h.person('Bystander', { partnership: rscp });
  });

  afterAll(async () => {
    await h.stop();
  });

  async function startReview(): Promise<CommandResult> {
    return h.engine.start(
      { personId: manager },
      {
        partnershipId: rscp.id,
        definitionKey: 'test-review',
        title: 'Child H',
        input: { awareOn: '2026-03-30', agencies: [rscp.agencies.police, rscp.agencies.health] },
        members: [
          { personId: chair, role: 'panel-chair' },
          {
            personId: policeLead,
            role: 'agency-safeguarding-lead',
            agencyId: rscp.agencies.police,
          },
          {
            personId: healthLead,
            role: 'agency-safeguarding-lead',
            agencyId: rscp.agencies.health,
          },
        ],
      },
    );
  }

  async function notified(): Promise<CommandResult> {
    const started = await startReview();
    return h.engine.send({ personId: manager }, started.instanceId, {
      type: 'NOTIFICATION_SENT',
      payload: { sentOn: '2026-04-01' },
    });
  }

  async function eventCount(instanceId: string): Promise<number> {
    return h.count(`SELECT 1 FROM workflow_events WHERE instance_id = $1`, [instanceId]);
  }

  it('starts an instance with a reference, version 1 and the first step open with its due date across Easter', async () => {
    const started = await startReview();
    expect(started.reference).toMatch(/^RSCP-TEST-2026-\d{3}$/);
    expect(started).toMatchObject({ version: 1, status: 'live', state: 'notification' });
    // 5 working days after Monday 30 March 2026, skipping Good Friday and Easter Monday.
    expect(started.tasksOpened).toEqual([
      { id: expect.any(String), stepKey: 'notify-panel', dueOn: '2026-04-08' },
    ]);
    const [deadline] = await h.rows<{ due_at: Date; status: string; event_type: string }>(
      `SELECT due_at, status, event_type FROM deadlines WHERE instance_id = $1`,
      [started.instanceId],
    );
    expect(deadline).toEqual({
      due_at: new Date('2026-04-08T23:00:00Z'),
      status: 'pending',
      event_type: 'DEADLINE_PASSED',
    });
    const outbox = await h.rows<{ topic: string; payload: Record<string, unknown> }>(
      `SELECT topic, payload FROM outbox WHERE instance_id = $1 ORDER BY id`,
      [started.instanceId],
    );
    expect(outbox).toEqual([
      {
        topic: 'task.opened',
        payload: {
          taskId: started.tasksOpened[0].id,
          instanceId: started.instanceId,
          stepKey: 'notify-panel',
          dueOn: '2026-04-08',
          assignee: {
            kind: 'partnership-role',
            role: 'business-manager',
            personId: null,
            agencyId: null,
          },
          remind: true,
        },
      },
    ]);
  });

  it('numbers references per partnership, definition and year', async () => {
    const first = await startReview();
    const second = await startReview();
    const number = (reference: string) => Number(reference.split('-').pop());
    expect(number(second.reference)).toBe(number(first.reference) + 1);
  });

  it('writes the snapshot, version, event, tasks, deadlines and outbox rows of one event together', async () => {
    const started = await startReview();
    const result = await h.engine.send({ personId: manager }, started.instanceId, {
      type: 'NOTIFICATION_SENT',
      payload: { sentOn: '2026-04-01' },
    });
    expect(result).toMatchObject({
      version: 2,
      state: 'rapidReview',
      status: 'live',
      replayed: false,
    });
    expect(result.event).toMatchObject({
      type: 'NOTIFICATION_SENT',
      version: 2,
      from: 'notification',
      to: 'rapidReview',
    });
    expect(result.tasksClosed.map((task) => task.stepKey)).toEqual(['notify-panel']);
    // 10 and 15 working days after Wednesday 1 April 2026 (Easter falls inside).
    expect(result.tasksOpened.map(({ stepKey, dueOn }) => [stepKey, dueOn]).sort()).toEqual([
      ['agency-summary', '2026-04-17'],
      ['agency-summary', '2026-04-17'],
      ['rapid-review-decision', '2026-04-24'],
    ]);

    const [instance] = await h.rows<{
      version: number;
      state_value: unknown;
      snapshot: { context: { dates: Record<string, string> } };
    }>(`SELECT version, state_value, snapshot FROM workflow_instances WHERE id = $1`, [
      started.instanceId,
    ]);
    expect(instance.version).toBe(2);
    expect(instance.state_value).toBe('rapidReview');
    expect(instance.snapshot.context.dates.notificationSentOn).toBe('2026-04-01');

    const [event] = await h.rows<Record<string, unknown>>(
      `SELECT type, payload, actor_kind, actor_person_id, from_state, to_state FROM workflow_events WHERE instance_id = $1 AND version = 2`,
      [started.instanceId],
    );
    expect(event).toEqual({
      type: 'NOTIFICATION_SENT',
      payload: { sentOn: '2026-04-01' },
      actor_kind: 'person',
      actor_person_id: manager,
      from_state: 'notification',
      to_state: 'rapidReview',
    });

    const tasks = await h.rows<{
      step_key: string;
      status: string;
      assignee_agency_id: string | null;
    }>(
      `SELECT step_key, status, assignee_agency_id FROM tasks WHERE instance_id = $1 ORDER BY status = 'open', step_key, assignee_agency_id`,
      [started.instanceId],
    );
    expect(tasks.map((task) => [task.step_key, task.status])).toEqual([
      ['notify-panel', 'completed'],
      ['agency-summary', 'open'],
      ['agency-summary', 'open'],
      ['rapid-review-decision', 'open'],
    ]);
    expect(
      tasks
        .filter((task) => task.step_key === 'agency-summary')
        .map((task) => task.assignee_agency_id)
        .sort(),
    ).toEqual([rscp.agencies.police, rscp.agencies.health].sort());
    expect(
      await h.rows(`SELECT status FROM deadlines WHERE instance_id = $1`, [started.instanceId]),
    ).toEqual([{ status: 'cancelled' }]);
    const topics = await h.rows<{ topic: string }>(
      `SELECT topic FROM outbox WHERE instance_id = $1 AND event_id = $2 ORDER BY id`,
      [started.instanceId, result.event.id],
    );
    expect(topics.map((row) => row.topic)).toEqual([
      'task.closed',
      'task.opened',
      'task.opened',
      'task.opened',
      'national-panel-notified',
    ]);
    const [effect] = await h.rows<{ payload: unknown }>(
      `SELECT payload FROM outbox WHERE event_id = $1 AND topic = 'national-panel-notified'`,
      [result.event.id],
    );
    expect(effect.payload).toEqual({ sentOn: '2026-04-01' });
  });

  it('writes nothing at all when any part of the event cannot be written', async () => {
    const at = await notified();
    for (const agencyId of [rscp.agencies.police, rscp.agencies.health]) {
      await h.engine.send(SYSTEM, at.instanceId, {
        type: 'SUMMARY_RETURNED',
        payload: { agencyId },
      });
    }
    const before = await h.rows(`SELECT version, snapshot FROM workflow_instances WHERE id = $1`, [
      at.instanceId,
    ]);
    const counts = async () => ({
      events: await eventCount(at.instanceId),
      tasks: await h.count(`SELECT 1 FROM tasks WHERE instance_id = $1 AND status = 'open'`, [
        at.instanceId,
      ]),
      outbox: await h.count(`SELECT 1 FROM outbox WHERE instance_id = $1`, [at.instanceId]),
    });
    const countsBefore = await counts();
    // The draft task would be assigned to a person who does not exist: the task insert fails last.
    const error = await refusal(
      h.engine.send({ personId: chair }, at.instanceId, {
        type: 'DECIDE',
        payload: { decision: 'lcspr', reviewerId: randomUUID() },
      }),
    );
    expect(error.code).toBe(EngineErrorCode.CheckFailed);
    expect(
      await h.rows(`SELECT version, snapshot FROM workflow_instances WHERE id = $1`, [
        at.instanceId,
      ]),
    ).toEqual(before);
    expect(await counts()).toEqual(countsBefore);
  });

  it('refuses with 403 and the reason when the actor’s role may not send the event, writing nothing', async () => {
    const started = await startReview();
    const error = await refusal(
      h.engine.send({ personId: policeLead }, started.instanceId, {
        type: 'NOTIFICATION_SENT',
        payload: { sentOn: '2026-04-01' },
      }),
    );
    expect(error.getStatus()).toBe(403);
    expect(problemOf(error)).toMatchObject({
      status: 403,
      code: EngineErrorCode.Forbidden,
      detail: 'Only the business unit can record the notification.',
    });
    expect(await eventCount(started.instanceId)).toBe(1);
  });

  it('refuses with 409 and the accepted events when the current state does not take the event', async () => {
    const started = await startReview();
    const error = await refusal(
      h.engine.send({ personId: manager }, started.instanceId, { type: 'CLOSE_COMMENTS' }),
    );
    expect(error.getStatus()).toBe(409);
    expect(problemOf(error)).toMatchObject({
      code: EngineErrorCode.EventNotAccepted,
      acceptedEvents: [
        'DEADLINE_PASSED',
        'NOTIFICATION_SENT',
        'NUDGE',
        'SET_DATE',
        'SET_DUE_DATE',
        'WITHDRAW',
      ],
      currentVersion: 1,
    });
    expect(await eventCount(started.instanceId)).toBe(1);
  });

  it('refuses with 422 and the reason when the definition’s check fails', async () => {
    const at = await notified();
    const error = await refusal(
      h.engine.send({ personId: chair }, at.instanceId, {
        type: 'DECIDE',
        payload: { decision: 'no-review' },
      }),
    );
    expect(error.getStatus()).toBe(422);
    expect(problemOf(error).detail).toBe(
      'Every agency summary must be returned before the decision.',
    );
  });

  it('lets guards see the actor: an agency lead returns only their own agency’s summary', async () => {
    const at = await notified();
    const wrong = await refusal(
      h.engine.send({ personId: policeLead }, at.instanceId, {
        type: 'SUMMARY_RETURNED',
        payload: { agencyId: rscp.agencies.health },
      }),
    );
    expect(wrong.code).toBe(EngineErrorCode.EventNotAccepted);
    const returned = await h.engine.send({ personId: policeLead }, at.instanceId, {
      type: 'SUMMARY_RETURNED',
      payload: { agencyId: rscp.agencies.police },
    });
    expect(returned.tasksClosed).toHaveLength(1);
    const open = await h.reader.openTasks({ personId: manager }, at.instanceId);
    expect(
      open
        .filter((task) => task.stepKey === 'agency-summary')
        .map((task) => task.assignee.agencyId),
    ).toEqual([rscp.agencies.health]);
  });

  it('refuses with 403 a member who holds no open task of the step the permission names', async () => {
    const at = await notified();
    const councilLead = await h.person('Council Lead', {
      partnership: rscp,
      agencyId: rscp.agencies.council,
    });
    const added = await h.engine.addMember({ personId: manager }, at.instanceId, {
      personId: councilLead,
      role: 'panel-member',
      agencyId: rscp.agencies.council,
    });
    expect(added.event.type).toBe('engine.member-added');
    const error = await refusal(
      h.engine.send({ personId: councilLead }, at.instanceId, {
        type: 'SUMMARY_RETURNED',
        payload: { agencyId: rscp.agencies.police },
      }),
    );
    expect(error.getStatus()).toBe(403);
    expect(problemOf(error).detail).toBe('Only the agency asked for a summary can return it.');
  });

  it('records membership changes as events and only lets the business unit make them', async () => {
    const at = await notified();
    const member = await h.person('New Member', { partnership: rscp });
    await expect(
      h.engine.addMember({ personId: chair }, at.instanceId, {
        personId: member,
        role: 'panel-member',
      }),
    ).rejects.toMatchObject({ code: EngineErrorCode.Forbidden });
    const added = await h.engine.addMember({ personId: manager }, at.instanceId, {
      personId: member,
      role: 'panel-chair',
    });
    const [reassigned] = await h.rows<{ payload: { stepKey: string } }>(
      `SELECT payload FROM outbox WHERE event_id = $1 AND topic = 'task.reassigned'`,
      [added.event.id],
    );
    expect(reassigned.payload.stepKey).toBe('rapid-review-decision');
    expect((await h.reader.tasksAssignedTo(member)).map((task) => task.stepKey)).toEqual([
      'rapid-review-decision',
    ]);
    const removed = await h.engine.removeMember({ personId: manager }, at.instanceId, {
      personId: member,
      role: 'panel-chair',
    });
    expect(removed.version).toBe(added.version + 1);
    await expect(h.reader.getInstance({ personId: member }, at.instanceId)).rejects.toMatchObject({
      code: EngineErrorCode.InstanceNotFound,
    });
  });

  it('refuses a stale expected version with 409 and the current version, writing nothing', async () => {
    const at = await notified();
    const error = await refusal(
      h.engine.send({ personId: manager }, at.instanceId, { type: 'NUDGE', expectedVersion: 1 }),
    );
    expect(error.getStatus()).toBe(409);
    expect(problemOf(error)).toMatchObject({
      code: EngineErrorCode.VersionConflict,
      currentVersion: 2,
      expectedVersion: 1,
    });
    expect(await eventCount(at.instanceId)).toBe(2);
    const ok = await h.engine.send({ personId: manager }, at.instanceId, {
      type: 'NUDGE',
      expectedVersion: 2,
    });
    expect(ok.version).toBe(3);
  });

  it('returns the first outcome for a repeated idempotency key and changes nothing', async () => {
    const at = await notified();
    const command = {
      type: 'SET_DATE',
      payload: { anchor: 'draftDueOn', date: '2026-06-01' },
      idempotencyKey: `set-draft-${at.instanceId}`,
    };
    const first = await h.engine.send({ personId: manager }, at.instanceId, command);
    const again = await h.engine.send({ personId: manager }, at.instanceId, {
      ...command,
      payload: { date: '2026-06-01', anchor: 'draftDueOn' },
    });
    expect(again).toEqual({ ...first, replayed: true });
    expect(await eventCount(at.instanceId)).toBe(3);
    const reused = await refusal(
      h.engine.send({ personId: manager }, at.instanceId, {
        ...command,
        payload: { anchor: 'draftDueOn', date: '2026-07-01' },
      }),
    );
    expect(reused.getStatus()).toBe(422);
    expect(reused.code).toBe(EngineErrorCode.IdempotencyKeyReused);
  });

  it('lets exactly one of many commands racing for the same version win', async () => {
    const at = await notified();
    const attempts = await Promise.allSettled(
      Array.from({ length: 12 }, () =>
        h.engine.send({ personId: manager }, at.instanceId, {
          type: 'NUDGE',
          expectedVersion: at.version,
        }),
      ),
    );
    const winners = attempts.filter((attempt) => attempt.status === 'fulfilled');
    const losers = attempts.filter(
      (attempt): attempt is PromiseRejectedResult =>
        attempt.status === 'rejected' &&
        (attempt.reason as EngineException).code === EngineErrorCode.VersionConflict,
    );
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(11);
    expect(await eventCount(at.instanceId)).toBe(3);
    expect(
      await h.count(`SELECT 1 FROM outbox WHERE instance_id = $1 AND topic = 'nudge'`, [
        at.instanceId,
      ]),
    ).toBe(1);
  });

  it('serialises racing commands without an expected version: every one applies, none is lost', async () => {
    const at = await notified();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        h.engine.send({ personId: manager }, at.instanceId, { type: 'NUDGE' }),
      ),
    );
    expect(results.map((result) => result.version).sort((a, b) => a - b)).toEqual([
      3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    ]);
    const [instance] = await h.rows<{ version: number }>(
      `SELECT version FROM workflow_instances WHERE id = $1`,
      [at.instanceId],
    );
    expect(instance.version).toBe(12);
  });

  it('moves a task’s due date and its deadline when the business unit overrides it', async () => {
    const started = await startReview();
    const moved = await h.engine.send({ personId: manager }, started.instanceId, {
      type: 'SET_DUE_DATE',
      payload: { stepKey: 'notify-panel', dueOn: '2026-04-10' },
    });
    const [task] = await h.rows<{ due_on: string; due_overridden: boolean }>(
      `SELECT to_char(due_on, 'YYYY-MM-DD') AS due_on, due_overridden FROM tasks WHERE instance_id = $1`,
      [started.instanceId],
    );
    expect(task).toEqual({ due_on: '2026-04-10', due_overridden: true });
    expect(
      await h.rows(`SELECT due_at, status FROM deadlines WHERE instance_id = $1`, [
        started.instanceId,
      ]),
    ).toEqual([{ due_at: new Date('2026-04-10T23:00:00Z'), status: 'pending' }]);
    const [redated] = await h.rows<{ payload: unknown }>(
      `SELECT payload FROM outbox WHERE event_id = $1 AND topic = 'task.redated'`,
      [moved.event.id],
    );
    expect(redated.payload).toMatchObject({ dueOn: '2026-04-10', previousDueOn: '2026-04-08' });
  });

  it('re-dates open tasks when an anchor date changes', async () => {
    const at = await notified();
    await h.engine.send({ personId: manager }, at.instanceId, {
      type: 'SET_DATE',
      payload: { anchor: 'notificationSentOn', date: '2026-04-08' },
    });
    const open = await h.reader.openTasks({ personId: manager }, at.instanceId);
    expect(open.map((task) => [task.stepKey, task.dueOn])).toEqual([
      ['agency-summary', '2026-04-22'],
      ['agency-summary', '2026-04-22'],
      ['rapid-review-decision', '2026-04-29'],
    ]);
  });

  describe('who sees an instance', () => {
    it('tells a person of another partnership that it does not exist', async () => {
      const started = await startReview();
      await expect(
        h.reader.getInstance({ personId: outsider }, started.instanceId),
      ).rejects.toMatchObject({
        code: EngineErrorCode.InstanceNotFound,
      });
      await expect(
        h.engine.send({ personId: outsider }, started.instanceId, { type: 'NUDGE' }),
      ).rejects.toMatchObject({ code: EngineErrorCode.InstanceNotFound });
    });

    it('tells a partnership member with no role and no membership that it does not exist', async () => {
      const started = await startReview();
      await expect(
        h.reader.getInstance({ personId: bystander }, started.instanceId),
      ).rejects.toMatchObject({
        code: EngineErrorCode.InstanceNotFound,
      });
    });

    it('shows it to its members and to partnership role holders, with the events each may send', async () => {
      const started = await startReview();
      const asChair = await h.reader.getInstance({ personId: chair }, started.instanceId);
      expect(asChair).toMatchObject({
        reference: started.reference,
        stage: 'Notification',
        version: 1,
      });
      expect(asChair.availableEvents).toEqual([]);
      const asManager = await h.reader.getInstance({ personId: manager }, started.instanceId);
      expect(asManager.availableEvents).toEqual([
        'NOTIFICATION_SENT',
        'NUDGE',
        'SET_DATE',
        'SET_DUE_DATE',
        'WITHDRAW',
      ]);
      expect(asManager.members.map((member) => member.role).sort()).toEqual([
        'agency-safeguarding-lead',
        'agency-safeguarding-lead',
        'panel-chair',
      ]);
      const listed = await h.reader.listInstances({ personId: chair });
      expect(listed.map((instance) => instance.id)).toContain(started.instanceId);
      expect((await h.reader.listInstances({ personId: outsider })).map((i) => i.id)).not.toContain(
        started.instanceId,
      );
    });
  });

  it('keeps a timeline of who did what, when, from which state to which', async () => {
    h.clock.set('2026-04-01T10:00:00Z');
    const at = await notified();
    const timeline = await h.reader.timeline({ personId: chair }, at.instanceId);
    expect(timeline).toEqual([
      {
        version: 1,
        type: 'engine.started',
        occurredAt: '2026-04-01T10:00:00.000Z',
        actor: { kind: 'person', personId: manager, displayName: 'Business Manager' },
        from: null,
        to: 'notification',
      },
      {
        version: 2,
        type: 'NOTIFICATION_SENT',
        occurredAt: '2026-04-01T10:00:00.000Z',
        actor: { kind: 'person', personId: manager, displayName: 'Business Manager' },
        from: 'notification',
        to: 'rapidReview',
      },
    ]);
  });

  it('lists a person’s open tasks across instances through their roles and agency', async () => {
    const at = await notified();
    const policeTasks = await h.reader.tasksAssignedTo(policeLead);
    expect(
      policeTasks.filter((task) => task.instanceId === at.instanceId).map((task) => task.stepKey),
    ).toEqual(['agency-summary']);
    const chairTasks = await h.reader.tasksAssignedTo(chair);
    expect(
      chairTasks.filter((task) => task.instanceId === at.instanceId).map((task) => task.stepKey),
    ).toEqual(['rapid-review-decision']);
  });

  it('only lets the business unit start an instance', async () => {
    await expect(
      h.engine.start(
        { personId: chair },
        { partnershipId: rscp.id, definitionKey: 'test-review', title: 'Child J', input: {} },
      ),
    ).rejects.toMatchObject({ code: EngineErrorCode.Forbidden });
    await expect(
      h.engine.start(
        { personId: outsider },
        { partnershipId: rscp.id, definitionKey: 'test-review', title: 'Child J', input: {} },
      ),
    ).rejects.toMatchObject({ code: EngineErrorCode.Forbidden });
  });
});
