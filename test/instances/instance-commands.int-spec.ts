import { BusinessCalendar } from '../../src/calendar';
import type { MemberInput } from '../../src/engine/engine.types';
import { AppHarness, startApp } from '../support/app-harness';
import { createPartnership, dataSourceOf, PersonFixture } from '../access/support/access-fixtures';
import { as, signIn, SignedIn, startPracticeReview } from './support/instance-fixtures';

const calendar = new BusinessCalendar();
const today = calendar.todayInLondon(new Date());
const tomorrow = calendar.addWorkingDays(today, 1);
const awareOn = calendar.subtractWorkingDays(today, 2);

describe('taking workflow steps and managing members through the API', () => {
  let harness: AppHarness;
  let northId: string;
  let people: Record<string, PersonFixture>;
  let signedIn: Record<string, SignedIn>;

  const caller = (name: string) => as(harness, signedIn[name]);
  const newReview = async (members: MemberInput[] = []) =>
    (await startPracticeReview(harness.app, { partnershipId: northId, awareOn, members }))
      .instanceId;
  const eventsOf = (instanceId: string) =>
    dataSourceOf(harness).query<Array<{ type: string; version: number }>>(
      `SELECT type, version FROM workflow_events WHERE instance_id = $1 ORDER BY version`,
      [instanceId],
    );
  const versionOf = async (instanceId: string) =>
    (
      await dataSourceOf(harness).query<Array<{ version: number }>>(
        `SELECT version FROM workflow_instances WHERE id = $1`,
        [instanceId],
      )
    )[0].version;

  beforeAll(async () => {
    harness = await startApp();
    const north = await createPartnership(dataSourceOf(harness), 'NSCP', [
      { email: 'manager@north.example', name: 'Nia Manager', roles: ['business-manager'] },
      { email: 'officer@north.example', name: 'Oli Officer', roles: ['business-officer'] },
      { email: 'lead@north.example', name: 'Lee Partner', roles: ['lead-safeguarding-partner'] },
      { email: 'board@north.example', name: 'Bo Board', roles: ['board-member'] },
      { email: 'chair@north.example', name: 'Cai Chair' },
      { email: 'bystander@north.example', name: 'Bea Bystander' },
    ]);
    northId = north.id;
    const [manager, officer, lead, board, chair, bystander] = north.people;
    people = { manager, officer, lead, board, chair, bystander };
    signedIn = {};
    for (const [name, person] of Object.entries(people)) {
      signedIn[name] = await signIn(harness, person);
    }
  });

  afterAll(async () => {
    await harness.close();
  });

  describe('sending events', () => {
    it('applies an event and answers with the new version, also as ETag', async () => {
      const instanceId = await newReview();
      const response = await caller('manager')
        .post(
          `/api/instances/${instanceId}/events`,
          { type: 'SERIOUS_INCIDENT_NOTIFIED', payload: { sentOn: today } },
          { 'If-Match': '"1"' },
        )
        .expect(200);
      expect(response.headers.etag).toBe('"2"');
      expect(response.body).toMatchObject({
        instanceId,
        version: 2,
        status: 'live',
        state: { rapidReview: 'requestingSummaries' },
        event: { type: 'SERIOUS_INCIDENT_NOTIFIED', version: 2, from: 'notification' },
        replayed: false,
      });
      expect(response.body.tasksClosed).toEqual([
        expect.objectContaining({ stepKey: 'serious-incident-notification' }),
      ]);
    });

    it('refuses a role the workflow does not allow with 403 and the reason, writing nothing', async () => {
      const instanceId = await newReview();
      const response = await caller('lead')
        .post(`/api/instances/${instanceId}/events`, {
          type: 'SERIOUS_INCIDENT_NOTIFIED',
          payload: { sentOn: today },
        })
        .expect(403);
      expect(response.body).toMatchObject({
        status: 403,
        code: 'forbidden',
        detail:
          'Only the business manager or a business officer can record the serious incident notification.',
        eventType: 'SERIOUS_INCIDENT_NOTIFIED',
      });
      expect(await versionOf(instanceId)).toBe(1);
    });

    it('refuses an event this stage does not accept with 409 and the events it does', async () => {
      const instanceId = await newReview();
      const response = await caller('manager')
        .post(`/api/instances/${instanceId}/events`, {
          type: 'PUBLISHED',
          payload: { publishedOn: today },
        })
        .expect(409);
      expect(response.body).toMatchObject({
        code: 'event-not-accepted',
        eventType: 'PUBLISHED',
        currentVersion: 1,
      });
      expect(response.body.acceptedEvents).toEqual(
        expect.arrayContaining(['SERIOUS_INCIDENT_NOTIFIED', 'INCIDENT_DETAILS_CORRECTED']),
      );
      expect(response.body.acceptedEvents).not.toContain('PUBLISHED');
    });

    it('refuses a stale If-Match with 409 and the current version, writing nothing', async () => {
      const instanceId = await newReview();
      await caller('manager')
        .post(
          `/api/instances/${instanceId}/events`,
          { type: 'INCIDENT_DETAILS_CORRECTED', payload: { incidentKind: 'death' } },
          { 'If-Match': '"1"' },
        )
        .expect(200);
      const stale = await caller('manager')
        .post(
          `/api/instances/${instanceId}/events`,
          { type: 'SERIOUS_INCIDENT_NOTIFIED', payload: { sentOn: today } },
          { 'If-Match': '"1"' },
        )
        .expect(409);
      expect(stale.body).toMatchObject({
        code: 'version-conflict',
        currentVersion: 2,
        expectedVersion: 1,
      });
      expect((await eventsOf(instanceId)).map((event) => event.type)).toEqual([
        'engine.started',
        'INCIDENT_DETAILS_CORRECTED',
      ]);
    });

    it('refuses an event whose check fails with 422 and what to put right', async () => {
      const instanceId = await newReview();
      const response = await caller('manager')
        .post(`/api/instances/${instanceId}/events`, {
          type: 'SERIOUS_INCIDENT_NOTIFIED',
          payload: { sentOn: tomorrow },
        })
        .expect(422);
      expect(response.body).toMatchObject({ code: 'check-failed' });
      expect(response.body.detail).toMatch(/notification was sent/);
      expect(await versionOf(instanceId)).toBe(1);
    });

    it('answers a repeated Idempotency-Key with the first outcome and applies it once', async () => {
      const instanceId = await newReview();
      const send = () =>
        caller('manager').post(
          `/api/instances/${instanceId}/events`,
          { type: 'SERIOUS_INCIDENT_NOTIFIED', payload: { sentOn: today } },
          { 'Idempotency-Key': 'notify-once', 'If-Match': '"1"' },
        );
      const first = await send().expect(200);
      const again = await send().expect(200);
      expect(again.body).toEqual({ ...first.body, replayed: true });
      expect(again.headers.etag).toBe('"2"');
      expect((await eventsOf(instanceId)).map((event) => event.type)).toEqual([
        'engine.started',
        'SERIOUS_INCIDENT_NOTIFIED',
      ]);

      const reused = await caller('manager')
        .post(
          `/api/instances/${instanceId}/events`,
          { type: 'INCIDENT_DETAILS_CORRECTED', payload: { incidentKind: 'death' } },
          { 'Idempotency-Key': 'notify-once' },
        )
        .expect(422);
      expect(reused.body.code).toBe('idempotency-key-reused');
      expect(await versionOf(instanceId)).toBe(2);
    });

    it('applies exactly one of 20 concurrent requests naming the same version; the rest get 409', async () => {
      const instanceId = await newReview();
      const responses = await Promise.all(
        Array.from({ length: 20 }, () =>
          caller('manager').post(
            `/api/instances/${instanceId}/events`,
            { type: 'INCIDENT_DETAILS_CORRECTED', payload: { incidentKind: 'death' } },
            { 'If-Match': '"1"' },
          ),
        ),
      );
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([200, ...Array<number>(19).fill(409)]);
      for (const response of responses.filter((r) => r.status === 409)) {
        expect(response.body).toMatchObject({ code: 'version-conflict', currentVersion: 2 });
      }
      expect(await eventsOf(instanceId)).toEqual([
        { type: 'engine.started', version: 1 },
        { type: 'INCIDENT_DETAILS_CORRECTED', version: 2 },
      ]);
    });

    it('names a malformed If-Match or Idempotency-Key, and each bad body field', async () => {
      const instanceId = await newReview();
      const badVersion = await caller('manager')
        .post(
          `/api/instances/${instanceId}/events`,
          { type: 'SERIOUS_INCIDENT_NOTIFIED', payload: { sentOn: today } },
          { 'If-Match': '1' },
        )
        .expect(400);
      expect(badVersion.body.errors).toEqual([
        { field: 'If-Match', message: expect.stringContaining('double quotes') },
      ]);
      const badKey = await caller('manager')
        .post(
          `/api/instances/${instanceId}/events`,
          { type: 'SERIOUS_INCIDENT_NOTIFIED', payload: { sentOn: today } },
          { 'Idempotency-Key': 'has spaces' },
        )
        .expect(400);
      expect(badKey.body.errors).toEqual([
        { field: 'Idempotency-Key', message: expect.any(String) },
      ]);
      const badBody = await caller('manager')
        .post(`/api/instances/${instanceId}/events`, { type: 'not an event', payload: [], why: 1 })
        .expect(400);
      const errors = (badBody.body as { errors: Array<{ field: string }> }).errors;
      expect(errors.map((error) => error.field).sort()).toEqual(['payload', 'type', 'why']);
      expect(await versionOf(instanceId)).toBe(1);
    });

    it('reads as not found to a board member and to someone not on it', async () => {
      const instanceId = await newReview();
      for (const name of ['board', 'bystander']) {
        const response = await caller(name)
          .post(`/api/instances/${instanceId}/events`, {
            type: 'SERIOUS_INCIDENT_NOTIFIED',
            payload: { sentOn: today },
          })
          .expect(404);
        expect(response.body.code).toBe('not-found');
      }
      expect(await versionOf(instanceId)).toBe(1);
    });
  });

  describe('members', () => {
    it('adds a person in a role (201), who then sees it; a repeat changes nothing (200)', async () => {
      const instanceId = await newReview();
      await caller('bystander').get(`/api/instances/${instanceId}`).expect(404);
      const added = await caller('officer')
        .put(
          `/api/instances/${instanceId}/members/${people.bystander.id}`,
          { role: 'panel-member' },
          { 'If-Match': '"1"' },
        )
        .expect(201);
      expect(added.headers.etag).toBe('"2"');
      expect(added.body).toEqual({
        instanceId,
        personId: people.bystander.id,
        role: 'panel-member',
        agencyId: null,
        member: true,
        changed: true,
        version: 2,
      });
      const seen = await caller('bystander').get(`/api/instances/${instanceId}`).expect(200);
      expect(seen.body.members).toEqual([
        expect.objectContaining({ personId: people.bystander.id, role: 'panel-member' }),
      ]);

      const again = await caller('officer')
        .put(`/api/instances/${instanceId}/members/${people.bystander.id}`, {
          role: 'panel-member',
        })
        .expect(200);
      expect(again.body).toMatchObject({ changed: false, member: true, version: 2 });
      expect((await eventsOf(instanceId)).map((event) => event.type)).toEqual([
        'engine.started',
        'engine.member-added',
      ]);
    });

    it('takes a role away; taking it again changes nothing', async () => {
      const instanceId = await newReview([{ personId: people.chair.id, role: 'panel-chair' }]);
      const removed = await caller('manager')
        .delete(`/api/instances/${instanceId}/members/${people.chair.id}?role=panel-chair`)
        .expect(200);
      expect(removed.body).toMatchObject({ member: false, changed: true, version: 2 });
      await caller('chair').get(`/api/instances/${instanceId}`).expect(404);
      const again = await caller('manager')
        .delete(`/api/instances/${instanceId}/members/${people.chair.id}?role=panel-chair`)
        .expect(200);
      expect(again.body).toMatchObject({ member: false, changed: false, version: 2 });
    });

    it('refuses a member who is not the business unit with 403 and the reason', async () => {
      const instanceId = await newReview([{ personId: people.chair.id, role: 'panel-chair' }]);
      const response = await caller('chair')
        .put(`/api/instances/${instanceId}/members/${people.bystander.id}`, {
          role: 'panel-member',
        })
        .expect(403);
      expect(response.body.detail).toBe(
        'Only a business manager or business officer can change the members of an audit or review.',
      );
      const lead = await caller('lead')
        .delete(`/api/instances/${instanceId}/members/${people.chair.id}?role=panel-chair`)
        .expect(403);
      expect(lead.body.code).toBe('forbidden');
      expect(await versionOf(instanceId)).toBe(1);
    });

    it('refuses a stale If-Match and names a bad role or a missing one', async () => {
      const instanceId = await newReview();
      const stale = await caller('manager')
        .put(
          `/api/instances/${instanceId}/members/${people.chair.id}`,
          { role: 'panel-chair' },
          { 'If-Match': '"5"' },
        )
        .expect(409);
      expect(stale.body).toMatchObject({ code: 'version-conflict', currentVersion: 1 });
      const badRole = await caller('manager')
        .put(`/api/instances/${instanceId}/members/${people.chair.id}`, { role: 'king' })
        .expect(400);
      expect(badRole.body.errors).toEqual([{ field: 'role', message: expect.any(String) }]);
      const noRole = await caller('manager')
        .delete(`/api/instances/${instanceId}/members/${people.chair.id}`)
        .expect(400);
      expect(noRole.body.errors).toEqual([{ field: 'role', message: expect.any(String) }]);
      expect(await versionOf(instanceId)).toBe(1);
    });
  });
});
