import { addAction, buildActionsWorld, type ActionsWorld } from './support/actions-fixtures';

/** Overdue and RAG are computed on every read from the engine's clock; nothing stores them. */
describe('an action’s computed overdue status and RAG rating', () => {
  let world: ActionsWorld;

  beforeAll(async () => {
    world = await buildActionsWorld('2026-04-30T12:00:00Z');
  });

  afterAll(async () => {
    await world.close();
  });

  const read = async (id: string) =>
    (await world.as('manager').get(`/api/instances/${world.reviewId}/actions/${id}`).expect(200))
      .body as { overdue: boolean; rag: string; ragReason: string | null; status: string };

  const police = (dueOn: string) =>
    addAction(world, world.reviewId, {
      leadPersonId: world.people.policeLead,
      ownerAgencyId: world.agencies.police,
      dueOn,
    });

  it('counts the 10 working days of amber across the early May bank holiday, red once the due date has passed', async () => {
    world.clock.set('2026-04-30T12:00:00Z'); // Thursday; Monday 4 May 2026 is a bank holiday
    const [late, tenWorkingDays, elevenWorkingDays] = [
      await police('2026-04-29'),
      await police('2026-05-15'),
      await police('2026-05-18'),
    ];
    expect(await read(late.id)).toMatchObject({
      status: 'not-started',
      overdue: true,
      rag: 'red',
      ragReason: 'overdue',
    });
    // 15 calendar days away but only 10 working days: 1 May, then 5 to 8 May, then 11 to 15 May.
    expect(await read(tenWorkingDays.id)).toMatchObject({
      overdue: false,
      rag: 'amber',
      ragReason: 'due-soon',
    });
    expect(await read(elevenWorkingDays.id)).toMatchObject({
      overdue: false,
      rag: 'green',
      ragReason: null,
    });

    // A week later, with no stored value changed, the second one is overdue.
    world.clock.set('2026-05-18T08:00:00Z');
    expect(await read(tenWorkingDays.id)).toMatchObject({ overdue: true, rag: 'red' });
    expect(await read(elevenWorkingDays.id)).toMatchObject({ overdue: false, rag: 'amber' });
  });

  it('is on time all through its due day in London and overdue from London midnight', async () => {
    world.clock.set('2026-04-30T12:00:00Z');
    const dueFriday = await police('2026-05-01');
    world.clock.set('2026-05-01T22:59:59Z'); // 23:59:59 on Friday in London (BST)
    expect(await read(dueFriday.id)).toMatchObject({ overdue: false, rag: 'amber' });
    world.clock.set('2026-05-01T23:00:00Z'); // midnight: Saturday 2 May in London
    expect(await read(dueFriday.id)).toMatchObject({ overdue: true, rag: 'red' });
  });

  it('turns amber when the owner has reported nothing for three months, and green again when they do', async () => {
    world.clock.set('2026-04-30T12:00:00Z');
    const quiet = await police('2027-01-29');
    expect(await read(quiet.id)).toMatchObject({ rag: 'green' });
    // Still reported "since 30 April" all through 31 July, the same date three months on.
    world.clock.set('2026-07-31T22:59:59Z');
    expect(await read(quiet.id)).toMatchObject({ rag: 'green' });
    world.clock.set('2026-08-01T09:00:00Z');
    expect(await read(quiet.id)).toMatchObject({
      overdue: false,
      rag: 'amber',
      ragReason: 'no-recent-progress',
    });
    await world
      .as('policeLead')
      .post(`/api/instances/${world.reviewId}/actions/${quiet.id}/updates`, {
        note: 'Quarterly update.',
      })
      .expect(201);
    expect(await read(quiet.id)).toMatchObject({
      status: 'in-progress',
      rag: 'green',
      ragReason: null,
    });
  });

  it('stays red while closure awaits the subgroup, and is neither overdue nor red once complete', async () => {
    world.clock.set('2026-04-30T12:00:00Z');
    const action = await police('2026-05-05');
    const path = `/api/instances/${world.reviewId}/actions/${action.id}`;
    world.clock.set('2026-05-06T10:00:00Z');
    await world
      .as('policeLead')
      .post(`${path}/request-closure`, { note: 'Done.', evidenceOfImpact: 'Audit results.' })
      .expect(200);
    expect(await read(action.id)).toMatchObject({
      status: 'awaiting-closure',
      overdue: true,
      rag: 'red',
    });
    await world
      .as('manager')
      .post(`${path}/agree-closure`, { agreement: 'Subgroup, 6 May 2026' })
      .expect(200);
    expect(await read(action.id)).toMatchObject({
      status: 'complete',
      overdue: false,
      rag: 'green',
      ragReason: null,
    });
  });
});
