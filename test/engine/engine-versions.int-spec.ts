import { EngineErrorCode } from '../../src/engine/engine.exception';
import { SYSTEM, type CommandResult } from '../../src/engine/engine.types';
import {
  TEST_REVIEW_V1,
  TEST_REVIEW_V2,
  testReviewMachineV2,
} from '../../src/engine/testing/test-review.workflow';
import { DeadlineSweep } from '../../src/engine/worker/deadline-sweep';
import type { WorkflowDefinition } from '../../workflows/shared/definition';
import { EngineHarness, type Partnership } from './support/engine-harness';

describe('definition versions: pinning, migration, broken snapshots and restarts', () => {
  let h: EngineHarness;
  let rscp: Partnership;
  let reviewer: string;

  beforeAll(async () => {
    h = await EngineHarness.start([TEST_REVIEW_V1]);
    rscp = await h.partnership('RSCP');
    reviewer = await h.person('Independent Reviewer');
  });

  afterAll(async () => {
    await h.stop();
  });

  beforeEach(() => {
    h.clock.set('2026-04-20T10:00:00Z');
    h.useDefinitions([TEST_REVIEW_V1]);
  });

  /** An instance of the current latest version, in review.commenting. */
  async function inCommenting(): Promise<CommandResult> {
    const started = await h.engine.start(SYSTEM, {
      partnershipId: rscp.id,
      definitionKey: 'test-review',
      title: 'Child N',
      input: { awareOn: '2026-03-30' },
    });
    const id = started.instanceId;
    await h.engine.send(SYSTEM, id, {
      type: 'NOTIFICATION_SENT',
      payload: { sentOn: '2026-04-01' },
    });
    await h.engine.send(SYSTEM, id, {
      type: 'DECIDE',
      payload: { decision: 'lcspr', reviewerId: reviewer },
    });
    return h.engine.send(SYSTEM, id, { type: 'SEND_DRAFT', payload: { on: '2026-04-20' } });
  }

  async function instanceRow(id: string) {
    const [row] = await h.rows<{
      definition_version: number;
      state_value: unknown;
      status: string;
      version: number;
      snapshot: unknown;
      broken_reason: string | null;
    }>(
      `SELECT definition_version, state_value, status, version, snapshot, broken_reason FROM workflow_instances WHERE id = $1`,
      [id],
    );
    return row;
  }

  it('keeps running instances on the version they started on when a new version is deployed', async () => {
    const old = await inCommenting();
    h.useDefinitions([TEST_REVIEW_V1, TEST_REVIEW_V2]);
    const moved = await h.engine.send(SYSTEM, old.instanceId, { type: 'CLOSE_COMMENTS' });
    expect(moved.state).toEqual({ review: 'drafting' });
    expect((await instanceRow(old.instanceId)).definition_version).toBe(1);

    const fresh = await inCommenting();
    expect(fresh.state).toEqual({ review: 'panelReview' });
    expect((await instanceRow(fresh.instanceId)).definition_version).toBe(2);
  });

  it('moves an instance to the next version with the written migration, keeping its open tasks', async () => {
    const old = await inCommenting();
    h.useDefinitions([TEST_REVIEW_V1, TEST_REVIEW_V2]);
    const migrated = await h.engine.migrateInstance(old.instanceId);
    expect(migrated.event).toMatchObject({
      type: 'engine.migrated',
      from: { review: 'commenting' },
      to: { review: 'panelReview' },
    });
    expect(migrated.tasksOpened).toEqual([]);
    expect(migrated.tasksClosed).toEqual([]);
    const row = await instanceRow(old.instanceId);
    expect(row).toMatchObject({
      definition_version: 2,
      state_value: { review: 'panelReview' },
      status: 'live',
    });
    const [event] = await h.rows<{ payload: unknown }>(
      `SELECT payload FROM workflow_events WHERE instance_id = $1 AND type = 'engine.migrated'`,
      [old.instanceId],
    );
    expect(event.payload).toEqual({ fromVersion: 1, toVersion: 2 });
    const next = await h.engine.send(SYSTEM, old.instanceId, { type: 'CLOSE_COMMENTS' });
    expect(next.state).toEqual({ review: 'drafting' });
  });

  it('migrates every instance of a version and reports the ones that cannot move', async () => {
    const a = await inCommenting();
    const b = await inCommenting();
    const failing: WorkflowDefinition = {
      ...TEST_REVIEW_V2,
      migrateFromPrevious: (snapshot) => ({
        ...(snapshot as object),
        value: { review: 'nowhere' },
      }),
    };
    h.useDefinitions([TEST_REVIEW_V1, failing]);
    const report = await h.engine.migrateAll('test-review', 1);
    expect(report.migrated).toEqual([]);
    expect(report.failed.map((failure) => failure.instanceId)).toEqual(
      expect.arrayContaining([a.instanceId, b.instanceId]),
    );
    expect(report.failed[0].reason).toContain("state 'review' has no state 'nowhere'");
    // Refused, not broken: the instance still fits version 1 and stays there, unchanged.
    expect(await instanceRow(a.instanceId)).toMatchObject({
      definition_version: 1,
      status: 'live',
      state_value: { review: 'commenting' },
    });

    h.useDefinitions([TEST_REVIEW_V1, TEST_REVIEW_V2]);
    const fixed = await h.engine.migrateAll('test-review', 1);
    expect(fixed.failed).toEqual([]);
    expect(fixed.migrated.map((m) => m.instanceId)).toEqual(
      expect.arrayContaining([a.instanceId, b.instanceId]),
    );
  });

  it('reports an instance whose snapshot no longer fits its machine as broken, never resetting it', async () => {
    const instance = await inCommenting();
    const before = await instanceRow(instance.instanceId);
    // A deploy that changed version 1's machine in place: review.commenting no longer exists.
    h.useDefinitions([{ ...TEST_REVIEW_V1, machine: testReviewMachineV2 }]);
    await expect(
      h.engine.send(SYSTEM, instance.instanceId, { type: 'CLOSE_COMMENTS' }),
    ).rejects.toMatchObject({
      code: EngineErrorCode.InstanceBroken,
    });
    const after = await instanceRow(instance.instanceId);
    expect(after).toMatchObject({
      status: 'broken',
      version: before.version,
      snapshot: before.snapshot,
    });
    expect(after.broken_reason).toBe("state 'review' has no state 'commenting'");
    expect((await h.reader.listBroken()).map((b) => b.id)).toContain(instance.instanceId);
    await expect(
      h.engine.send(SYSTEM, instance.instanceId, { type: 'NUDGE' }),
    ).rejects.toMatchObject({
      code: EngineErrorCode.InstanceBroken,
    });
    // Its deadline is left alone while it is broken.
    h.clock.set('2026-06-01T00:00:00Z');
    await new DeadlineSweep(h.dataSource, h.engine, h.clock).sweepOnce();
    expect(
      await h.rows(`SELECT status FROM deadlines WHERE task_id = $1`, [instance.tasksOpened[0].id]),
    ).toEqual([{ status: 'pending' }]);

    h.useDefinitions([TEST_REVIEW_V1]);
    expect(await h.engine.recheckInstance(instance.instanceId)).toEqual({
      status: 'live',
      reason: null,
    });
    const resumed = await h.engine.send(SYSTEM, instance.instanceId, { type: 'CLOSE_COMMENTS' });
    expect(resumed.state).toEqual({ review: 'drafting' });
  });

  it('reports an instance whose definition version is no longer registered', async () => {
    h.useDefinitions([TEST_REVIEW_V1, TEST_REVIEW_V2]);
    const onV2 = await inCommenting();
    h.useDefinitions([TEST_REVIEW_V1]);
    await expect(h.engine.send(SYSTEM, onV2.instanceId, { type: 'NUDGE' })).rejects.toMatchObject({
      code: EngineErrorCode.InstanceBroken,
    });
    expect((await instanceRow(onV2.instanceId)).broken_reason).toBe(
      'workflow test-review@2 is not registered',
    );
  });

  it('restores instances after a restart: a new process continues where the old one stopped', async () => {
    const instance = await inCommenting();
    await h.dataSource.destroy();
    // Nothing survives but the database: new connections, registry, engine and sweeper.
    const restarted = await EngineHarness.reconnect(h);
    h.clock.set('2026-05-05T23:00:00Z');
    expect(
      (await new DeadlineSweep(restarted.dataSource, restarted.engine, h.clock).sweepOnce()).fired,
    ).toBeGreaterThanOrEqual(1);
    const view = await restarted.reader.getInstance(SYSTEM, instance.instanceId);
    expect(view.state).toEqual({ review: 'drafting' });
    expect(view.version).toBe(instance.version + 1);
    const sent = await restarted.engine.send(SYSTEM, instance.instanceId, {
      type: 'SEND_DRAFT',
      payload: { on: '2026-05-05' },
    });
    expect(sent.state).toEqual({ review: 'commenting' });
  });
});
