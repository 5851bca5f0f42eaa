import { randomUUID } from 'node:crypto';
import { PERMISSION_TABLE } from '../../src/access/permission-table';
import { inScope, partnershipScope } from '../../src/database/tenancy';
import { SYSTEM } from '../../src/engine/engine.types';
import { InstanceReader } from '../../src/engine/instance-reader.service';
import { dataSourceOf } from '../access/support/access-fixtures';
import { addAction, buildActionsWorld, type ActionsWorld } from './support/actions-fixtures';

type Recommendations = Array<{ id: string; status: string; actions: Array<{ label: string }> }>;

describe('recommendations and action plans through HTTP', () => {
  let world: ActionsWorld;
  let review: string;

  beforeAll(async () => {
    world = await buildActionsWorld();
    review = `/api/instances/${world.reviewId}`;
  });

  afterAll(async () => {
    await world.close();
  });

  const tasksOf = (instanceId: string) =>
    world.harness.app.get(InstanceReader).openTasks(SYSTEM, instanceId);

  const count = async (sql: string, values: unknown[]): Promise<number> => {
    const rows: Array<{ count: number }> = await dataSourceOf(world.harness).query(
      `SELECT count(*)::int AS count FROM (${sql}) counted`,
      values,
    );
    return rows[0].count;
  };

  describe('adding recommendations and actions', () => {
    it('numbers recommendations in order, takes a number the report gives, and refuses a number taken', async () => {
      const first = await world
        .as('manager')
        .post(`${review}/recommendations`, { text: 'Agencies should share information promptly.' })
        .expect(201);
      expect(first.body).toMatchObject({
        instanceId: world.reviewId,
        number: 1,
        text: 'Agencies should share information promptly.',
        status: 'open',
        actions: [],
      });
      const chosen = await world
        .as('panelChair')
        .post(`${review}/recommendations`, { text: 'Review the escalation policy.', number: 7 })
        .expect(201);
      expect(chosen.body.number).toBe(7);
      const next = await world
        .as('chair')
        .post(`${review}/recommendations`, {
          text: 'Train practitioners in professional curiosity.',
        })
        .expect(201);
      expect(next.body.number).toBe(8);

      const taken = await world
        .as('officer')
        .post(`${review}/recommendations`, { text: 'A duplicate.', number: 7 })
        .expect(409);
      expect(taken.body).toMatchObject({ code: 'number-taken', errors: [{ field: 'number' }] });
      expect(
        await count(`SELECT 1 FROM recommendations WHERE instance_id = $1 AND number = 7`, [
          world.reviewId,
        ]),
      ).toBe(1);
    });

    it('lets only the business unit, the partnership chair or the panel chair add them (403 with the reason)', async () => {
      const refused = await world
        .as('healthLead')
        .post(`${review}/recommendations`, { text: 'Not theirs to add.' })
        .expect(403);
      expect(refused.body.detail).toBe(PERMISSION_TABLE['recommendations.manage'].refusal);
      await world
        .as('policeLead')
        .post(`${review}/recommendations`, { text: 'Not theirs either.' })
        .expect(403);
    });

    it('adds an action with its owner agency, lead and due date, numbered within its recommendation', async () => {
      const recommendation = await world
        .as('manager')
        .post(`${review}/recommendations`, { text: 'Strengthen multi-agency supervision.' })
        .expect(201);
      const path = `${review}/recommendations/${recommendation.body.id}/actions`;
      const body = {
        description: 'Add reflective supervision to the police safeguarding unit.',
        ownerAgencyId: world.agencies.police,
        leadPersonId: world.people.policeLead,
        dueOn: '2026-09-30',
      };
      const first = await world.as('panelChair').post(path, body).expect(201);
      expect(first.headers.etag).toBe('"1"');
      expect(first.body).toMatchObject({
        recommendationId: recommendation.body.id,
        recommendationNumber: recommendation.body.number,
        number: 1,
        label: `${recommendation.body.number}.1`,
        description: body.description,
        source: {
          instanceId: world.reviewId,
          definitionKey: 'practice-review',
          kind: 'review',
          title: 'Child H',
        },
        ownerAgency: { id: world.agencies.police, name: 'Riverside Police' },
        lead: { personId: world.people.policeLead, displayName: 'Police Lead' },
        dueOn: '2026-09-30',
        status: 'not-started',
        overdue: false,
        rag: 'green',
        ragReason: null,
        version: 1,
        closedAt: null,
        updates: [],
      });
      const second = await world.as('manager').post(path, body).expect(201);
      expect(second.body.number).toBe(2);

      const listed = await world.as('healthLead').get(`${review}/recommendations`).expect(200);
      const shown = (listed.body as Recommendations).find((r) => r.id === recommendation.body.id);
      expect(shown?.actions.map((a) => a.label)).toEqual([
        `${recommendation.body.number}.1`,
        `${recommendation.body.number}.2`,
      ]);
      await world
        .as('healthLead')
        .get(`${review}/actions/${first.body.id}`)
        .expect(200)
        .expect('ETag', '"1"');
    });

    it('names the field when an action is malformed, and refuses a lead who cannot see the review or another partnership’s agency', async () => {
      const recommendation = await world
        .as('manager')
        .post(`${review}/recommendations`, { text: 'Improve record keeping.' })
        .expect(201);
      const path = `${review}/recommendations/${recommendation.body.id}/actions`;
      const valid = {
        description: 'Audit case records.',
        ownerAgencyId: world.agencies.health,
        leadPersonId: world.people.healthLead,
        dueOn: '2026-09-30',
      };
      const badDate = await world
        .as('manager')
        .post(path, { ...valid, dueOn: '2026-02-30' })
        .expect(400);
      expect(badDate.body.errors).toEqual([
        { field: 'dueOn', message: 'dueOn must be a real date written YYYY-MM-DD' },
      ]);
      const unknown = await world
        .as('manager')
        .post(path, { ...valid, status: 'complete' })
        .expect(400);
      expect(unknown.body.errors[0].field).toBe('status');

      const blind = await world
        .as('manager')
        .post(path, { ...valid, leadPersonId: world.people.bystander })
        .expect(422);
      expect(blind.body).toMatchObject({
        code: 'lead-cannot-see-instance',
        errors: [{ field: 'leadPersonId' }],
      });
      const foreign = await world
        .as('manager')
        .post(path, { ...valid, ownerAgencyId: world.agencies.otherPolice })
        .expect(422);
      expect(foreign.body.errors[0].field).toBe('ownerAgencyId');
      await world
        .as('manager')
        .post(`${review}/recommendations/${randomUUID()}/actions`, valid)
        .expect(404);
      expect(
        await count(`SELECT 1 FROM actions WHERE recommendation_id = $1`, [recommendation.body.id]),
      ).toBe(0);
    });
  });

  describe('the follow-up task', () => {
    it('opens for the lead due on the due date, is re-dated and handed over with the action, and closes when it completes', async () => {
      const action = await addAction(world, world.reviewId, {
        leadPersonId: world.people.policeLead,
        ownerAgencyId: world.agencies.police,
        dueOn: '2026-07-31',
      });
      const follow = async () =>
        (await tasksOf(world.reviewId)).find(
          (task) => task.stepKey === `adhoc:action-${action.id}`,
        );
      expect(await follow()).toMatchObject({
        title: `Report progress on action ${action.label}`,
        assignee: { kind: 'person', personId: world.people.policeLead },
        dueOn: '2026-07-31',
        status: 'open',
        remind: true,
      });

      const redated = await world
        .as('manager')
        .patch(`${review}/actions/${action.id}`, { dueOn: '2026-08-28' }, '"1"')
        .expect(200);
      expect(redated.body).toMatchObject({ dueOn: '2026-08-28', version: 2 });
      expect(redated.headers.etag).toBe('"2"');
      expect((await follow())?.dueOn).toBe('2026-08-28');

      await world
        .as('manager')
        .patch(
          `${review}/actions/${action.id}`,
          { leadPersonId: world.people.policeColleague },
          '"2"',
        )
        .expect(200);
      expect((await follow())?.assignee.personId).toBe(world.people.policeColleague);

      await world
        .as('policeColleague')
        .post(`${review}/actions/${action.id}/request-closure`, {
          note: 'Supervision is in place.',
          evidenceOfImpact: 'Audit shows reflective supervision in 9 of 10 cases.',
        })
        .expect(200);
      expect((await follow())?.status).toBe('open');
      await world
        .as('manager')
        .post(`${review}/actions/${action.id}/agree-closure`, {
          agreement: 'Learning and Improvement Subgroup, 12 August 2026, minute 4',
        })
        .expect(200);
      expect(await follow()).toBeUndefined();

      const timeline = await world.harness.app.get(InstanceReader).timeline(SYSTEM, world.reviewId);
      const types = timeline.map((entry) => entry.type);
      expect(types).toEqual(
        expect.arrayContaining(['engine.task-opened', 'engine.task-updated', 'engine.task-closed']),
      );
    });
  });

  describe('progress and closure', () => {
    it('lets the owner report progress with evidence; the first report starts the action', async () => {
      const action = await addAction(world, world.reviewId, {
        leadPersonId: world.people.policeLead,
        ownerAgencyId: world.agencies.police,
        dueOn: '2026-09-30',
      });
      const byLead = await world
        .as('policeLead')
        .post(`${review}/actions/${action.id}/updates`, {
          note: 'Training plan drafted.',
          evidenceOfImpact: 'Not yet: training starts in June.',
        })
        .expect(201);
      expect(byLead.body).toMatchObject({ status: 'in-progress', version: 2 });
      // A member of the review for the owner agency is an owner too.
      const byColleague = await world
        .as('policeColleague')
        .post(`${review}/actions/${action.id}/updates`, { note: 'First session delivered.' }, '"2"')
        .expect(201);
      expect(byColleague.body.status).toBe('in-progress');
      expect(byColleague.body.updates).toEqual([
        expect.objectContaining({
          kind: 'progress',
          note: 'Training plan drafted.',
          evidenceOfImpact: 'Not yet: training starts in June.',
          by: { personId: world.people.policeLead, displayName: 'Police Lead' },
        }),
        expect.objectContaining({
          kind: 'progress',
          note: 'First session delivered.',
          evidenceOfImpact: null,
          by: { personId: world.people.policeColleague, displayName: 'Police Colleague' },
        }),
      ]);
      expect(byColleague.body.lastReportAt).toBe(world.clock.now().toISOString());
    });

    it('keeps the history append-only: nobody can rewrite or delete an entry', async () => {
      const action = await addAction(world, world.reviewId, {
        leadPersonId: world.people.policeLead,
        ownerAgencyId: world.agencies.police,
        dueOn: '2026-09-30',
      });
      await world
        .as('policeLead')
        .post(`${review}/actions/${action.id}/updates`, { note: 'As it happened.' })
        .expect(201);
      const dataSource = dataSourceOf(world.harness);
      await expect(
        dataSource.query(`UPDATE action_updates SET note = 'Rewritten' WHERE action_id = $1`, [
          action.id,
        ]),
      ).rejects.toThrow(/append-only/);
      await expect(
        inScope(dataSource, partnershipScope([world.partnershipId]), (manager) =>
          manager.query(`DELETE FROM action_updates WHERE action_id = $1`, [action.id]),
        ),
      ).rejects.toThrow(/permission denied/);
      const [row] = await dataSource.query(`SELECT note FROM action_updates WHERE action_id = $1`, [
        action.id,
      ]);
      expect(row.note).toBe('As it happened.');
    });

    it('refuses progress from anyone who does not own the action, with the reason', async () => {
      const action = await addAction(world, world.reviewId, {
        leadPersonId: world.people.policeLead,
        ownerAgencyId: world.agencies.police,
        dueOn: '2026-09-30',
      });
      for (const who of ['healthLead', 'manager'] as const) {
        const refused = await world
          .as(who)
          .post(`${review}/actions/${action.id}/updates`, { note: 'Not my action.' })
          .expect(403);
        expect(refused.body).toMatchObject({
          code: 'not-action-owner',
          detail: PERMISSION_TABLE['actions.report-progress'].refusal,
        });
      }
      expect(await count(`SELECT 1 FROM action_updates WHERE action_id = $1`, [action.id])).toBe(0);
    });

    it('does not let the owner close the action alone: only the subgroup can, and not as its owner', async () => {
      const action = await addAction(world, world.reviewId, {
        leadPersonId: world.people.panelChair,
        ownerAgencyId: world.agencies.council,
        dueOn: '2026-09-30',
      });
      const path = `${review}/actions/${action.id}`;
      const closure = {
        note: 'New escalation policy published.',
        evidenceOfImpact: 'Escalations up from 2 to 11 a quarter.',
      };
      // An agency's lead is not the subgroup.
      const notSubgroup = await world
        .as('policeLead')
        .post(`${path}/agree-closure`, { agreement: 'Said so myself' })
        .expect(403);
      expect(notSubgroup.body.detail).toBe(PERMISSION_TABLE['actions.decide-closure'].refusal);

      const requested = await world
        .as('panelChair')
        .post(`${path}/request-closure`, closure)
        .expect(200);
      expect(requested.body).toMatchObject({
        status: 'awaiting-closure',
        closureRequestedBy: { personId: world.people.panelChair },
      });
      // The panel chair sits in the subgroup, but this is their own action.
      const ownClosure = await world
        .as('panelChair')
        .post(`${path}/agree-closure`, { agreement: 'Panel, 1 May 2026' })
        .expect(403);
      expect(ownClosure.body).toMatchObject({ code: 'owner-cannot-agree-closure' });
      expect(ownClosure.body.detail).toMatch(/not its owner alone/);
      const again = await world
        .as('panelChair')
        .post(`${path}/request-closure`, closure)
        .expect(409);
      expect(again.body.code).toBe('closure-already-requested');

      const declined = await world
        .as('chair')
        .post(`${path}/decline-closure`, { reason: 'Show the impact on children, not activity.' })
        .expect(200);
      expect(declined.body).toMatchObject({
        status: 'in-progress',
        closureRequestedAt: null,
        closedAt: null,
      });
      const history = declined.body.updates as Array<{ kind: string; note: string }>;
      expect(history.map((u) => u.kind)).toEqual(['closure-requested', 'closure-declined']);
      expect(history[1].note).toBe('Show the impact on children, not activity.');
      const nothingPending = await world
        .as('manager')
        .post(`${path}/agree-closure`, { agreement: 'Too soon' })
        .expect(409);
      expect(nothingPending.body.code).toBe('closure-not-requested');

      await world.as('panelChair').post(`${path}/request-closure`, closure).expect(200);
      const agreed = await world
        .as('manager')
        .post(`${path}/agree-closure`, {
          agreement: 'Learning and Improvement Subgroup, 12 August 2026, minute 4',
        })
        .expect(200);
      expect(agreed.body).toMatchObject({
        status: 'complete',
        overdue: false,
        rag: 'green',
        closedBy: { personId: world.people.manager },
        closedAt: world.clock.now().toISOString(),
        closureAgreement: 'Learning and Improvement Subgroup, 12 August 2026, minute 4',
      });

      const listed = await world.as('manager').get(`${review}/recommendations`).expect(200);
      const recommendation = (listed.body as Recommendations).find(
        (r) => r.id === action.recommendationId,
      );
      expect(recommendation?.status).toBe('complete');
      const closed = await world
        .as('panelChair')
        .post(`${path}/updates`, { note: 'One more thing.' })
        .expect(409);
      expect(closed.body.code).toBe('action-complete');
      await world
        .as('manager')
        .patch(path, { dueOn: '2026-12-31' }, `"${agreed.body.version}"`)
        .expect(409);
    });
  });

  describe('optimistic concurrency', () => {
    it('refuses a stale PATCH with 409 and the current version, and writes nothing', async () => {
      const action = await addAction(world, world.reviewId, {
        leadPersonId: world.people.policeLead,
        ownerAgencyId: world.agencies.police,
        dueOn: '2026-09-30',
        description: 'The original wording.',
      });
      const path = `${review}/actions/${action.id}`;
      await world.as('policeLead').post(`${path}/updates`, { note: 'Started.' }).expect(201);

      const stale = await world
        .as('manager')
        .patch(path, { description: 'An edit made on an old copy.', dueOn: '2026-12-31' }, '"1"')
        .expect(409);
      expect(stale.body).toMatchObject({
        code: 'version-conflict',
        currentVersion: 2,
        expectedVersion: 1,
      });
      const unchanged = await world.as('manager').get(path).expect(200);
      expect(unchanged.body).toMatchObject({
        description: 'The original wording.',
        dueOn: '2026-09-30',
        version: 2,
      });
      const task = (await tasksOf(world.reviewId)).find(
        (open) => open.stepKey === `adhoc:action-${action.id}`,
      );
      expect(task?.dueOn).toBe('2026-09-30');

      const staleUpdate = await world
        .as('policeLead')
        .post(`${path}/updates`, { note: 'On an old copy.' }, '"1"')
        .expect(409);
      expect(staleUpdate.body.currentVersion).toBe(2);
      expect(await count(`SELECT 1 FROM action_updates WHERE action_id = $1`, [action.id])).toBe(1);
    });

    it('requires If-Match on PATCH (428) and refuses a malformed one (400)', async () => {
      const action = await addAction(world, world.reviewId, {
        leadPersonId: world.people.policeLead,
        ownerAgencyId: world.agencies.police,
        dueOn: '2026-09-30',
      });
      const missing = await world
        .as('manager')
        .patch(`${review}/actions/${action.id}`, { dueOn: '2026-10-30' })
        .expect(428);
      expect(missing.body.errors).toEqual([{ field: 'If-Match', message: expect.any(String) }]);
      await world
        .as('manager')
        .patch(`${review}/actions/${action.id}`, { dueOn: '2026-10-30' }, 'latest')
        .expect(400);
      const current = await world
        .as('manager')
        .patch(`${review}/actions/${action.id}`, { dueOn: '2026-10-30' }, '"1"')
        .expect(200);
      expect(current.body.version).toBe(2);
    });
  });

  describe('need to know', () => {
    it('reads as not found to another partnership’s people, to people not on the review, and across instances', async () => {
      const action = await addAction(world, world.reviewId, {
        leadPersonId: world.people.policeLead,
        ownerAgencyId: world.agencies.police,
        dueOn: '2026-09-30',
      });
      const path = `${review}/actions/${action.id}`;
      for (const who of ['otherManager', 'bystander', 'board'] as const) {
        await world.as(who).get(`${review}/recommendations`).expect(404);
        await world.as(who).get(path).expect(404);
        await world.as(who).post(`${path}/updates`, { note: 'x' }).expect(404);
        await world.as(who).post(`${path}/agree-closure`, { agreement: 'x' }).expect(404);
      }
      await world.as('otherManager').post(`${review}/recommendations`, { text: 'x' }).expect(404);
      // The action exists, but not on this instance: same answer.
      await world
        .as('manager')
        .get(`/api/instances/${world.auditId}/actions/${action.id}`)
        .expect(404);
      await world
        .as('manager')
        .patch(
          `/api/instances/${world.auditId}/actions/${action.id}`,
          { dueOn: '2026-10-01' },
          '"1"',
        )
        .expect(404);
      await world.as('manager').get(`${review}/actions/not-an-id`).expect(404);
      await world
        .as('otherManager')
        .get(`/api/partnerships/${world.partnershipId}/actions`)
        .expect(404);
    });

    it('keeps an action’s words out of the follow-up task and its outbox rows', async () => {
      const action = await addAction(world, world.reviewId, {
        leadPersonId: world.people.policeLead,
        ownerAgencyId: world.agencies.police,
        dueOn: '2026-09-30',
        description: 'Distinctive wording ZQX about the family.',
      });
      expect(
        await count(
          `SELECT 1 FROM outbox WHERE instance_id = $1 AND payload::text LIKE '%ZQX%'
           UNION ALL SELECT 1 FROM tasks WHERE instance_id = $1 AND title LIKE '%ZQX%'
           UNION ALL SELECT 1 FROM workflow_events WHERE instance_id = $1 AND payload::text LIKE '%ZQX%'`,
          [world.reviewId],
        ),
      ).toBe(0);
      expect(
        await count(`SELECT 1 FROM outbox WHERE payload->>'stepKey' = $1`, [
          `adhoc:action-${action.id}`,
        ]),
      ).toBe(1);
    });
  });
});
