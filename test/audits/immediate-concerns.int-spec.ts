import { AppHarness, startApp } from '../support/app-harness';
import { auditWithCases } from './support/audit-setup';
import { buildAuditWorld, list, type AuditWorld } from './support/audit-world';

describe('raising immediate concerns', () => {
  let harness: AppHarness;
  let world: AuditWorld;
  let audit: string;

  beforeAll(async () => {
    harness = await startApp();
    world = await buildAuditWorld(harness, 'CONC');
    audit = await auditWithCases(world);
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('raises one concern for two simultaneous requests with the same idempotency key', async () => {
    const { policeLead } = world.people;
    const responses = await Promise.all(
      [1, 2].map(() =>
        policeLead.api
          .post(`/api/audits/${audit}/concerns`, { caseKey: 'A', concern: 'Unexplained injury.' })
          .set('Idempotency-Key', 'same-key'),
      ),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([200, 201]);
    expect(responses[0].body.id).toBe(responses[1].body.id);
    const concerns = await policeLead.api.get(`/api/audits/${audit}/concerns`).expect(200);
    expect(concerns.body).toHaveLength(1);
    const outbox = await world.dataSource.query<Array<{ count: number }>>(
      `SELECT count(*)::int AS count FROM outbox WHERE topic = 'immediate-concern-raised'`,
    );
    expect(outbox[0].count).toBe(1);
  });

  it('names the field when the concern is missing, and the case when it is not in the audit', async () => {
    const { policeLead } = world.people;
    const missing = await policeLead.api
      .post(`/api/audits/${audit}/concerns`, { caseKey: 'A' })
      .expect(400);
    expect(list<{ field: string }>(missing.body.errors).map((error) => error.field)).toEqual([
      'concern',
    ]);
    const unknown = await policeLead.api
      .post(`/api/audits/${audit}/concerns`, { caseKey: 'Z', concern: 'Worried.' })
      .expect(422);
    expect(unknown.body.detail).toBe('There is no Case Z in this audit.');
    expect(JSON.stringify(unknown.body)).not.toContain('Worried');
  });

  it('lets nobody outside the audit raise or read concerns', async () => {
    for (const person of [world.people.outsider, world.stranger]) {
      await person.api
        .post(`/api/audits/${audit}/concerns`, { concern: 'Not my audit.' })
        .expect(404);
      await person.api.get(`/api/audits/${audit}/concerns`).expect(404);
    }
  });

  it('records what was done once, and refuses a second record', async () => {
    const { manager } = world.people;
    const concerns = await manager.api.get(`/api/audits/${audit}/concerns`).expect(200);
    const path = `/api/audits/${audit}/concerns/${concerns.body[0].id}/actioned`;
    const actioned = await manager.api
      .post(path, { actionTaken: 'Strategy discussion held the same day.' })
      .expect(200);
    expect(actioned.body).toMatchObject({
      status: 'actioned',
      actionTaken: 'Strategy discussion held the same day.',
      actionedBy: { personId: manager.id, displayName: manager.name },
    });
    await manager.api.post(path, { actionTaken: 'Again.' }).expect(409);
  });
});
