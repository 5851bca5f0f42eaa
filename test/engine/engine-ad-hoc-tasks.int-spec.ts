import { randomUUID } from 'node:crypto';
import { EngineErrorCode, EngineException } from '../../src/engine/engine.exception';
import { SYSTEM, type CommandResult } from '../../src/engine/engine.types';
import { inScope, partnershipScope } from '../../src/database/tenancy';
import { EngineHarness, type Partnership } from './support/engine-harness';

async function refusal(promise: Promise<unknown>): Promise<EngineException> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EngineException) return error;
    throw error;
  }
  throw new Error('expected the engine to refuse');
}

describe('ad-hoc tasks a feature opens on an instance (PostgreSQL)', () => {
  let h: EngineHarness;
  let rscp: Partnership;
  let other: Partnership;
  let manager: string;
  let lead: string;
  let newLead: string;

  beforeAll(async () => {
    h = await EngineHarness.start();
    rscp = await h.partnership('RSCP');
    other = await h.partnership('OSCP');
    manager = await h.person('Business Manager', {
      partnership: rscp,
      roles: ['business-manager'],
    });
    lead = await h.person('Police Lead', { partnership: rscp, agencyId: rscp.agencies.police });
    newLead = await h.person('Health Lead', { partnership: rscp, agencyId: rscp.agencies.health });
  });

  afterAll(async () => {
    await h.stop();
  });

  /** On version 1, with the lead on it as an action owner so they see it and its tasks. */
  async function startReview(): Promise<CommandResult> {
    return h.engine.start(
      { personId: manager },
      {
        partnershipId: rscp.id,
        definitionKey: 'test-review',
        definitionVersion: 1,
        title: 'Child H',
        input: { awareOn: '2026-03-30', agencies: [rscp.agencies.police] },
        members: [{ personId: lead, role: 'action-owner', agencyId: rscp.agencies.police }],
      },
    );
  }

  /** As a feature module does it: in its own transaction, scoped to the partnership. */
  function inRscp<T>(work: Parameters<typeof inScope<T>>[2]): Promise<T> {
    return inScope(h.dataSource, partnershipScope([rscp.id]), work);
  }

  async function outbox(instanceId: string, after = 0) {
    return h.rows<{ id: string; topic: string; payload: Record<string, unknown> }>(
      `SELECT id, topic, payload FROM outbox WHERE instance_id = $1 AND id > $2 ORDER BY id`,
      [instanceId, after],
    );
  }

  async function lastOutboxId(): Promise<number> {
    const [row] = await h.rows<{ id: string | null }>(`SELECT max(id)::text AS id FROM outbox`);
    return Number(row.id ?? 0);
  }

  it('opens a task for a person with its outbox row and a timeline event, in the caller’s transaction', async () => {
    const started = await startReview();
    const before = await lastOutboxId();
    const opened = await inRscp((manager_) =>
      h.engine.openAdHocTask(manager_, {
        actor: { personId: manager },
        instanceId: started.instanceId,
        key: 'action-follow-up',
        title: 'Report progress on action 1.1',
        assigneePersonId: lead,
        dueOn: '2026-05-29',
      }),
    );
    expect(opened).toEqual({
      taskId: expect.any(String),
      instanceId: started.instanceId,
      version: 2,
      eventId: expect.any(String),
    });

    const tasks = await h.reader.openTasks(SYSTEM, started.instanceId);
    expect(tasks.find((task) => task.id === opened.taskId)).toMatchObject({
      stepKey: 'adhoc:action-follow-up',
      title: 'Report progress on action 1.1',
      assignee: { kind: 'person', role: null, personId: lead, agencyId: null },
      dueOn: '2026-05-29',
      remind: true,
      status: 'open',
    });
    expect(await outbox(started.instanceId, before)).toEqual([
      {
        id: expect.any(String),
        topic: 'task.opened',
        payload: {
          taskId: opened.taskId,
          instanceId: started.instanceId,
          stepKey: 'adhoc:action-follow-up',
          dueOn: '2026-05-29',
          assignee: { kind: 'person', role: null, personId: lead, agencyId: null },
          remind: true,
        },
      },
    ]);
    const timeline = await h.reader.timeline(SYSTEM, started.instanceId);
    expect(timeline[timeline.length - 1]).toMatchObject({
      version: 2,
      type: 'engine.task-opened',
      actor: { kind: 'person', personId: manager },
      from: 'notification',
      to: 'notification',
    });
    const assigned = await h.reader.tasksAssignedTo(lead);
    expect(assigned.map((task) => task.id)).toContain(opened.taskId);
  });

  it('writes nothing when the caller’s transaction rolls back', async () => {
    const started = await startReview();
    const before = await lastOutboxId();
    await expect(
      inRscp(async (manager_) => {
        await h.engine.openAdHocTask(manager_, {
          actor: { personId: manager },
          instanceId: started.instanceId,
          key: 'rolled-back',
          title: 'Never opened',
          assigneePersonId: lead,
          dueOn: null,
        });
        throw new Error('the feature’s own write failed');
      }),
    ).rejects.toThrow('the feature’s own write failed');
    expect(await outbox(started.instanceId, before)).toEqual([]);
    expect(await h.count(`SELECT 1 FROM tasks WHERE step_key = 'adhoc:rolled-back'`)).toBe(0);
    const [instance] = await h.rows<{ version: number }>(
      `SELECT version FROM workflow_instances WHERE id = $1`,
      [started.instanceId],
    );
    expect(instance.version).toBe(1);
  });

  it('stays open through machine events, a withdrawal that closes the instance, and a definition migration', async () => {
    const started = await startReview();
    const opened = await inRscp((manager_) =>
      h.engine.openAdHocTask(manager_, {
        actor: { personId: manager },
        instanceId: started.instanceId,
        key: 'survives',
        title: 'Report progress on action 2.1',
        assigneePersonId: lead,
        dueOn: '2026-06-30',
      }),
    );
    const sent = await h.engine.send({ personId: manager }, started.instanceId, {
      type: 'NOTIFICATION_SENT',
      payload: { sentOn: '2026-04-01' },
    });
    expect(sent.tasksClosed.map((task) => task.stepKey)).toEqual(['notify-panel']);
    expect(sent.tasksOpened.map((task) => task.stepKey)).not.toContain('adhoc:survives');
    await h.engine.migrateInstance(started.instanceId, 2);
    const withdrawn = await h.engine.send({ personId: manager }, started.instanceId, {
      type: 'WITHDRAW',
    });
    expect(withdrawn.status).toBe('closed');
    expect(withdrawn.tasksClosed.map((task) => task.id)).not.toContain(opened.taskId);
    const [task] = await h.rows<{ status: string; due_on: string }>(
      `SELECT status, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM tasks WHERE id = $1`,
      [opened.taskId],
    );
    expect(task).toEqual({ status: 'open', due_on: '2026-06-30' });
  });

  it('re-dates and reassigns the task with task.redated and task.reassigned rows, and does nothing when unchanged', async () => {
    const started = await startReview();
    const opened = await inRscp((manager_) =>
      h.engine.openAdHocTask(manager_, {
        actor: { personId: manager },
        instanceId: started.instanceId,
        key: 'moving',
        title: 'Report progress on action 1.2',
        assigneePersonId: lead,
        dueOn: '2026-05-29',
      }),
    );
    const before = await lastOutboxId();
    const updated = await inRscp((manager_) =>
      h.engine.updateAdHocTask(manager_, {
        actor: { personId: manager },
        instanceId: started.instanceId,
        key: 'moving',
        dueOn: '2026-06-12',
        assigneePersonId: newLead,
      }),
    );
    expect(updated).toMatchObject({ taskId: opened.taskId, version: 3 });
    const rows = await outbox(started.instanceId, before);
    expect(rows.map((row) => [row.topic, row.payload])).toEqual([
      [
        'task.redated',
        {
          taskId: opened.taskId,
          instanceId: started.instanceId,
          stepKey: 'adhoc:moving',
          dueOn: '2026-06-12',
          previousDueOn: '2026-05-29',
        },
      ],
      [
        'task.reassigned',
        {
          taskId: opened.taskId,
          instanceId: started.instanceId,
          stepKey: 'adhoc:moving',
          assignee: { kind: 'person', role: null, personId: newLead, agencyId: null },
          previousAssignee: { kind: 'person', role: null, personId: lead, agencyId: null },
        },
      ],
    ]);
    const tasks = await h.reader.openTasks(SYSTEM, started.instanceId);
    expect(tasks.find((task) => task.id === opened.taskId)).toMatchObject({
      dueOn: '2026-06-12',
      assignee: { personId: newLead },
    });

    const unchanged = await inRscp((manager_) =>
      h.engine.updateAdHocTask(manager_, {
        actor: { personId: manager },
        instanceId: started.instanceId,
        key: 'moving',
        dueOn: '2026-06-12',
      }),
    );
    expect(unchanged).toBeNull();
    expect(await outbox(started.instanceId, before)).toHaveLength(2);
  });

  it('closes the task once with a task.closed row; closing again writes nothing', async () => {
    const started = await startReview();
    const opened = await inRscp((manager_) =>
      h.engine.openAdHocTask(manager_, {
        actor: { personId: manager },
        instanceId: started.instanceId,
        key: 'closing',
        title: 'Report progress on action 3.1',
        assigneePersonId: lead,
        dueOn: '2026-05-29',
      }),
    );
    const before = await lastOutboxId();
    const closed = await inRscp((manager_) =>
      h.engine.closeAdHocTask(manager_, {
        actor: { personId: manager },
        instanceId: started.instanceId,
        key: 'closing',
      }),
    );
    expect(closed).toMatchObject({ taskId: opened.taskId, version: 3 });
    expect(
      (await outbox(started.instanceId, before)).map((row) => [row.topic, row.payload]),
    ).toEqual([
      [
        'task.closed',
        {
          taskId: opened.taskId,
          instanceId: started.instanceId,
          stepKey: 'adhoc:closing',
          status: 'completed',
        },
      ],
    ]);
    const [task] = await h.rows<{ status: string; closed_by_event_id: string }>(
      `SELECT status, closed_by_event_id FROM tasks WHERE id = $1`,
      [opened.taskId],
    );
    expect(task).toEqual({ status: 'completed', closed_by_event_id: closed?.eventId });
    const timeline = await h.reader.timeline(SYSTEM, started.instanceId);
    expect(timeline.map((entry) => entry.type)).toEqual([
      'engine.started',
      'engine.task-opened',
      'engine.task-closed',
    ]);

    const again = await inRscp((manager_) =>
      h.engine.closeAdHocTask(manager_, {
        actor: { personId: manager },
        instanceId: started.instanceId,
        key: 'closing',
      }),
    );
    expect(again).toBeNull();
    expect(await outbox(started.instanceId, before)).toHaveLength(1);
  });

  it('refuses a second open task of the same key (409), a re-date of none (409) and bad input (400)', async () => {
    const started = await startReview();
    const open = (key: string, title = 'Report progress') =>
      inRscp((manager_) =>
        h.engine.openAdHocTask(manager_, {
          actor: SYSTEM,
          instanceId: started.instanceId,
          key,
          title,
          assigneePersonId: lead,
          dueOn: '2026-05-29',
        }),
      );
    await open('twice');
    const duplicate = await refusal(open('twice'));
    expect(duplicate.code).toBe(EngineErrorCode.EventNotAccepted);
    expect(duplicate.getStatus()).toBe(409);

    const none = await refusal(
      inRscp((manager_) =>
        h.engine.updateAdHocTask(manager_, {
          actor: SYSTEM,
          instanceId: started.instanceId,
          key: 'never-opened',
          dueOn: '2026-06-01',
        }),
      ),
    );
    expect(none.code).toBe(EngineErrorCode.EventNotAccepted);

    expect((await refusal(open('Not A Key'))).code).toBe(EngineErrorCode.InvalidCommand);
    expect((await refusal(open('untitled', '  '))).code).toBe(EngineErrorCode.InvalidCommand);
  });

  it('reads an instance of another partnership, or none, as not found', async () => {
    const foreign = await h.engine.start(SYSTEM, {
      partnershipId: other.id,
      definitionKey: 'test-review',
      title: 'Child K',
      input: { awareOn: '2026-03-30', agencies: [] },
    });
    for (const instanceId of [foreign.instanceId, randomUUID()]) {
      const missing = await refusal(
        inRscp((manager_) =>
          h.engine.openAdHocTask(manager_, {
            actor: { personId: manager },
            instanceId,
            key: 'hidden',
            title: 'Report progress',
            assigneePersonId: lead,
            dueOn: null,
          }),
        ),
      );
      expect(missing.code).toBe(EngineErrorCode.InstanceNotFound);
    }
    expect(await h.count(`SELECT 1 FROM tasks WHERE step_key = 'adhoc:hidden'`)).toBe(0);
  });

  it('refuses a broken instance and leaves it broken', async () => {
    const started = await startReview();
    await h.dataSource.query(
      `UPDATE workflow_instances SET status = 'broken', broken_reason = 'test' WHERE id = $1`,
      [started.instanceId],
    );
    const broken = await refusal(
      inRscp((manager_) =>
        h.engine.openAdHocTask(manager_, {
          actor: { personId: manager },
          instanceId: started.instanceId,
          key: 'on-broken',
          title: 'Report progress',
          assigneePersonId: lead,
          dueOn: null,
        }),
      ),
    );
    expect(broken.code).toBe(EngineErrorCode.InstanceBroken);
    const [instance] = await h.rows<{ status: string; broken_reason: string }>(
      `SELECT status, broken_reason FROM workflow_instances WHERE id = $1`,
      [started.instanceId],
    );
    expect(instance).toEqual({ status: 'broken', broken_reason: 'test' });
  });
});
