import { fieldsOf, incident, startReviewWorld, type ReviewWorld } from './support/review-world';

interface Summary {
  id: string;
  kind: string;
  rag: string | null;
  overdue: boolean;
  stage: string | null;
  timescales: Array<{ label: string }>;
}

/**
 * Five reviews seen on Wednesday 14 May 2025 (Monday 5 May was a bank holiday): progress, RAG and
 * overdue are computed from each review's dates on every read.
 */
describe('listing a partnership’s reviews with filters', () => {
  let world: ReviewWorld;
  const ids: Record<'fresh' | 'nearlyDue' | 'late' | 'scr' | 'learning', string> = {
    fresh: '',
    nearlyDue: '',
    late: '',
    scr: '',
    learning: '',
  };

  beforeAll(async () => {
    world = await startReviewWorld({ code: 'LSSCP' });
    world.on('2025-05-14');
    const open = async (kind: string, details: object, members: object[] = []) => {
      world.clock.advance(60_000); // each opened a minute after the last
      const response = await world.people.manager.api
        .post(`/api/partnerships/${world.id}/reviews`, { kind, details, members })
        .expect(201);
      return response.body.id as string;
    };
    ids.fresh = await open('practice-review', incident('2025-05-13', 'Child A'), [
      { personId: world.people.panelMember.id, role: 'panel-member' },
    ]);
    ids.nearlyDue = await open('practice-review', incident('2025-05-08', 'Child B'));
    ids.late = await open('practice-review', incident('2025-05-01', 'Child C'));
    ids.scr = await open('serious-case-review', {
      pseudonym: 'Child D',
      notifiedOn: '2025-05-01',
      childLookedAfter: false,
      incidentKind: 'serious-harm',
    });
    ids.learning = await open('learning-review', {
      pseudonym: 'Child E',
      referredOn: '2025-05-01',
      referralSource: 'agency',
    });
  });

  afterAll(async () => {
    await world?.close();
  });

  const list = async (query = '', as = world.people.manager) => {
    const response = await as.api.get(`/api/partnerships/${world.id}/reviews${query}`).expect(200);
    return response.body as { items: Summary[]; total: number; page: number; pageSize: number };
  };
  const idsOf = (page: { items: Summary[] }) => page.items.map((item) => item.id);

  it('lists every review, newest first, with progress against its timescales', async () => {
    const page = await list();
    expect(page.total).toBe(5);
    expect(idsOf(page)).toEqual([ids.learning, ids.scr, ids.late, ids.nearlyDue, ids.fresh]);
    const byId = new Map(page.items.map((item) => [item.id, item]));
    expect(byId.get(ids.late)).toMatchObject({ rag: 'red', overdue: true });
    expect(byId.get(ids.late)?.timescales[0].label).toBe(
      'Serious incident notification: day 8 of 5 (3 working days overdue)',
    );
    expect(byId.get(ids.nearlyDue)?.timescales[0].label).toBe(
      'Serious incident notification: day 4 of 5',
    );
    expect(byId.get(ids.scr)?.timescales[0].label).toBe(
      'SCR decision: 0 months 13 days of 1 month since notification',
    );
    expect(byId.get(ids.learning)).toMatchObject({ rag: null, overdue: false, timescales: [] });
  });

  it('filters by overdue: any open task past its due date', async () => {
    expect(idsOf(await list('?overdue=true'))).toEqual([ids.late]);
    expect(idsOf(await list('?overdue=false'))).toEqual([
      ids.learning,
      ids.scr,
      ids.nearlyDue,
      ids.fresh,
    ]);
  });

  it('filters by RAG: the worst of the timescales running', async () => {
    expect(idsOf(await list('?rag=red'))).toEqual([ids.late]);
    expect(idsOf(await list('?rag=amber'))).toEqual([ids.nearlyDue]);
    expect(idsOf(await list('?rag=green'))).toEqual([ids.scr, ids.fresh]);
  });

  it('filters by type, state and stage, and pages', async () => {
    expect(idsOf(await list('?kind=serious-case-review'))).toEqual([ids.scr]);
    expect(idsOf(await list('?state=deciding'))).toEqual([ids.scr]);
    expect(
      idsOf(await list(`?stage=${encodeURIComponent('Serious incident notification')}`)),
    ).toEqual([ids.late, ids.nearlyDue, ids.fresh]);
    expect(idsOf(await list('?kind=practice-review&rag=green'))).toEqual([ids.fresh]);
    const second = await list('?pageSize=2&page=2');
    expect(second).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(idsOf(second)).toEqual([ids.late, ids.nearlyDue]);
  });

  it('refuses a filter it does not know, naming it', async () => {
    const response = await world.people.manager.api
      .get(`/api/partnerships/${world.id}/reviews?rag=purple&overdue=maybe`)
      .expect(400);
    expect(fieldsOf(response.body).sort()).toEqual(['overdue', 'rag']);
  });

  it('lists only the reviews the caller may see', async () => {
    expect(idsOf(await list('', world.people.panelMember))).toEqual([ids.fresh]);
    expect(idsOf(await list('', world.people.board))).toEqual([]);
    expect(idsOf(await list('', world.people.partner))).toHaveLength(5);
    const other = await world.partnership('LSOTH');
    await other.people.manager.api.get(`/api/partnerships/${world.id}/reviews`).expect(404);
  });

  it('moves with the clock: a week later the fresh review is overdue too', async () => {
    world.on('2025-05-21');
    expect(idsOf(await list('?overdue=true'))).toEqual([ids.late, ids.nearlyDue, ids.fresh]);
  });
});
