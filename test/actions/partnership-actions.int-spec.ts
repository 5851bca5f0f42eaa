import {
  addAction,
  buildActionsWorld,
  type ActionsWorld,
  type Who,
} from './support/actions-fixtures';

/** GET /api/partnerships/:partnershipId/actions: open actions across audits and reviews. */
describe('the partnership-wide view of actions', () => {
  let world: ActionsWorld;
  /** Review actions: police (overdue), health (in progress, amber). Audit: council (green), council (complete). */
  let overdue: string;
  let amber: string;
  let auditOpen: string;
  let auditComplete: string;

  beforeAll(async () => {
    world = await buildActionsWorld('2026-04-30T12:00:00Z');
    overdue = (
      await addAction(world, world.reviewId, {
        leadPersonId: world.people.policeLead,
        ownerAgencyId: world.agencies.police,
        dueOn: '2026-04-29',
      })
    ).id;
    amber = (
      await addAction(world, world.reviewId, {
        leadPersonId: world.people.healthLead,
        ownerAgencyId: world.agencies.health,
        dueOn: '2026-05-15',
      })
    ).id;
    await world
      .as('healthLead')
      .post(`/api/instances/${world.reviewId}/actions/${amber}/updates`, { note: 'Begun.' })
      .expect(201);
    // Only the business unit sees the audit, so a business officer leads its actions.
    auditOpen = (
      await addAction(world, world.auditId, {
        leadPersonId: world.people.officer,
        ownerAgencyId: world.agencies.council,
        dueOn: '2026-09-30',
      })
    ).id;
    auditComplete = (
      await addAction(world, world.auditId, {
        leadPersonId: world.people.officer,
        ownerAgencyId: world.agencies.council,
        dueOn: '2026-06-30',
      })
    ).id;
    const completed = `/api/instances/${world.auditId}/actions/${auditComplete}`;
    await world
      .as('officer')
      .post(`${completed}/request-closure`, { note: 'Done.', evidenceOfImpact: 'Re-audit.' })
      .expect(200);
    await world
      .as('chair')
      .post(`${completed}/agree-closure`, { agreement: 'QA subgroup, 30 April 2026' })
      .expect(200);
  });

  afterAll(async () => {
    await world.close();
  });

  const list = async (who: Who, query = '', partnershipId = world.partnershipId) => {
    const response = await world
      .as(who)
      .get(`/api/partnerships/${partnershipId}/actions${query}`)
      .expect(200);
    return response.body as {
      items: Array<{ id: string; rag: string; overdue: boolean; source: { kind: string } }>;
      total: number;
      limit: number;
      offset: number;
    };
  };
  const ids = async (who: Who, query = '') => (await list(who, query)).items.map((item) => item.id);

  it('lists every open action of the partnership, soonest due first, with its source and computed RAG', async () => {
    const page = await list('manager');
    expect(page.items.map((item) => item.id)).toEqual([overdue, amber, auditOpen]);
    expect(page.items.map((item) => [item.source.kind, item.overdue, item.rag])).toEqual([
      ['review', true, 'red'],
      ['review', false, 'amber'],
      ['audit', false, 'green'],
    ]);
    expect(page).toMatchObject({ total: 3, limit: 50, offset: 0 });
  });

  it('filters by owner agency', async () => {
    expect(await ids('manager', `?agencyId=${world.agencies.police}`)).toEqual([overdue]);
    expect(await ids('manager', `?agencyId=${world.agencies.council}`)).toEqual([auditOpen]);
  });

  it('filters by source: audit or review, or a workflow key', async () => {
    expect(await ids('manager', '?source=audit')).toEqual([auditOpen]);
    expect(await ids('manager', '?source=review')).toEqual([overdue, amber]);
    expect(await ids('manager', '?source=practice-review')).toEqual([overdue, amber]);
    expect(await ids('manager', '?source=case-file-audit')).toEqual([auditOpen]);
    expect(await ids('manager', '?source=learning-review')).toEqual([]);
    const unknown = await world
      .as('manager')
      .get(`/api/partnerships/${world.partnershipId}/actions?source=gossip`)
      .expect(400);
    expect(unknown.body.errors).toEqual([{ field: 'source', message: expect.any(String) }]);
  });

  it('filters by status, overdue included, and by RAG', async () => {
    expect(await ids('manager', '?status=overdue')).toEqual([overdue]);
    expect(await ids('manager', '?status=not-started')).toEqual([overdue, auditOpen]);
    expect(await ids('manager', '?status=in-progress')).toEqual([amber]);
    expect(await ids('manager', '?status=complete')).toEqual([auditComplete]);
    expect(await ids('manager', '?rag=red')).toEqual([overdue]);
    expect(await ids('manager', '?rag=amber')).toEqual([amber]);
    expect(await ids('manager', '?rag=green&source=audit')).toEqual([auditOpen]);
    const bad = await world
      .as('manager')
      .get(`/api/partnerships/${world.partnershipId}/actions?status=late`)
      .expect(400);
    expect(bad.body.errors[0].field).toBe('status');
  });

  it('pages, with the total of all matches', async () => {
    expect(await list('manager', '?limit=2')).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect((await list('manager', '?limit=2')).items).toHaveLength(2);
    const second = await list('manager', '?limit=2&offset=2');
    expect(second.items.map((item) => item.id)).toEqual([auditOpen]);
    expect(second.total).toBe(3);
    expect(await list('manager', '?offset=10')).toMatchObject({ items: [], total: 3 });
    await world
      .as('manager')
      .get(`/api/partnerships/${world.partnershipId}/actions?limit=0`)
      .expect(400);
  });

  it('shows everything to those who read reports, and members only their own audits’ and reviews’ actions', async () => {
    expect(await ids('board')).toEqual([overdue, amber, auditOpen]);
    expect(await ids('chair')).toEqual([overdue, amber, auditOpen]);
    expect(await ids('policeLead')).toEqual([overdue, amber]);
    expect(await list('bystander')).toMatchObject({ items: [], total: 0 });
  });

  it('reads another partnership as not found, and shows nothing of this one in another’s', async () => {
    await world
      .as('otherManager')
      .get(`/api/partnerships/${world.partnershipId}/actions`)
      .expect(404);
    expect(await list('otherManager', '', world.otherPartnershipId)).toMatchObject({
      items: [],
      total: 0,
    });
    await world
      .as('manager')
      .get(`/api/partnerships/${world.otherPartnershipId}/actions`)
      .expect(404);
  });
});
