import {
  incident,
  readReview,
  startReviewWorld,
  tasksOf,
  type ReviewPartnership,
  type ReviewWorld,
} from './support/review-world';

/**
 * The Medway/Thurrock kind of case: Medway's review, to which Thurrock contributes. Thurrock's named
 * people sit on it and get its tasks without Thurrock owning it, and see nothing else of Medway's.
 */
describe('an out-of-area review: another partnership contributing', () => {
  let medway: ReviewWorld;
  let thurrock: ReviewPartnership;
  let review: string;
  let otherReview: string;

  beforeAll(async () => {
    medway = await startReviewWorld({ code: 'MSCP' });
    thurrock = await medway.partnership('TSCP');
    medway.on('2025-03-03');
    const open = async (pseudonym: string) =>
      (
        await medway.people.manager.api
          .post(`/api/partnerships/${medway.id}/reviews`, {
            kind: 'practice-review',
            details: incident('2025-03-03', pseudonym),
            members: [{ personId: medway.people.panelChair.id, role: 'panel-chair' }],
          })
          .expect(201)
      ).body.id as string;
    review = await open('Child M');
    otherReview = await open('Child N');
  });

  afterAll(async () => {
    await medway?.close();
  });

  it('hides Medway’s review from Thurrock’s people until Thurrock is recorded as contributing', async () => {
    await thurrock.people.policeLead.api.get(`/api/reviews/${review}`).expect(404);
  });

  it('refuses a contributor it cannot find, naming the field, and lets only the business unit add one', async () => {
    const { manager, panelChair } = medway.people;
    const path = `/api/reviews/${review}/contributors`;
    const unknownCode = await manager.api
      .post(path, {
        partnershipCode: 'NOPE',
        members: [{ email: 'x@y.example', role: 'panel-member' }],
      })
      .expect(422);
    expect(unknownCode.body.errors).toEqual([
      expect.objectContaining({ field: 'partnershipCode' }),
    ]);
    const ownCode = await manager.api
      .post(path, {
        partnershipCode: 'MSCP',
        members: [{ email: medway.people.policeLead.email, role: 'panel-member' }],
      })
      .expect(422);
    expect(ownCode.body.code).toBe('unknown-partnership');
    const unknownPerson = await manager.api
      .post(path, {
        partnershipCode: 'TSCP',
        members: [
          { email: thurrock.people.policeLead.email, role: 'agency-safeguarding-lead' },
          // A Medway person is not a member of Thurrock.
          { email: medway.people.panelMember.email, role: 'panel-member' },
        ],
      })
      .expect(422);
    expect(unknownPerson.body.errors).toEqual([
      expect.objectContaining({ field: 'members.1.email' }),
    ]);
    const refused = await panelChair.api
      .post(path, {
        partnershipCode: 'TSCP',
        members: [{ email: thurrock.people.policeLead.email, role: 'agency-safeguarding-lead' }],
      })
      .expect(403);
    expect(refused.body.detail).toBe(
      'Only a business manager or business officer can change the members of an audit or review.',
    );
    // Nothing was half-applied.
    const view = await manager.api.get(`/api/reviews/${review}`).expect(200);
    expect(view.body.contributingPartnerships).toEqual([]);
    expect(view.body.members).toHaveLength(1);
  });

  it('records Thurrock as contributing and puts its named people on the review', async () => {
    const added = await medway.people.manager.api
      .post(`/api/reviews/${review}/contributors`, {
        partnershipCode: 'tscp',
        members: [
          { email: thurrock.people.policeLead.email, role: 'agency-safeguarding-lead' },
          { email: thurrock.people.panelMember.email, role: 'panel-member' },
        ],
      })
      .expect(201);
    expect(added.body).toMatchObject({
      partnershipId: thurrock.id,
      code: 'TSCP',
      members: [
        {
          personId: thurrock.people.policeLead.id,
          role: 'agency-safeguarding-lead',
          agencyId: thurrock.agencies.police,
        },
        { personId: thurrock.people.panelMember.id, role: 'panel-member', agencyId: null },
      ],
    });
    const view = await readReview(medway.people.manager, review);
    expect(view.contributingPartnerships).toEqual([
      expect.objectContaining({ partnershipId: thurrock.id, code: 'TSCP' }),
    ]);
    // Medway's business unit sees who Thurrock sent.
    expect(view.members.map((member) => member.displayName)).toEqual(
      expect.arrayContaining(['Sam Policelead (TSCP)', 'Mo Panelmember (TSCP)']),
    );
  });

  it('lets Thurrock’s people see that review, and nothing else of Medway’s', async () => {
    const { policeLead, manager: thurrockManager } = thurrock.people;
    const seen = await policeLead.api.get(`/api/reviews/${review}`).expect(200);
    expect(seen.body).toMatchObject({ id: review, partnershipId: medway.id, pseudonym: 'Child M' });
    await policeLead.api.get(`/api/reviews/${otherReview}`).expect(404);
    await policeLead.api.get(`/api/partnerships/${medway.id}/reviews`).expect(404);
    await policeLead.api.get(`/api/partnerships/${medway.id}/people`).expect(404);
    // Thurrock's list shows the review it contributes to, to those on it only.
    const listed = await policeLead.api.get(`/api/partnerships/${thurrock.id}/reviews`).expect(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id: review, contributing: true }),
    ]);
    const notOnIt = await thurrockManager.api
      .get(`/api/partnerships/${thurrock.id}/reviews`)
      .expect(200);
    expect(notOnIt.body.items).toEqual([]);
    await thurrockManager.api.get(`/api/reviews/${review}`).expect(404);
    // Being on the review gives no part in running it.
    const refused = await policeLead.api
      .event(review, 'SERIOUS_INCIDENT_NOTIFIED', { sentOn: '2025-03-03' })
      .expect(403);
    expect(refused.body.detail).toBe(
      'Only the business manager or a business officer can record the serious incident notification.',
    );
  });

  it('gives Thurrock’s agency lead the task for Thurrock’s summary, and takes it from them', async () => {
    const { manager } = medway.people;
    const { policeLead } = thurrock.people;
    await manager.api
      .event(review, 'SERIOUS_INCIDENT_NOTIFIED', { sentOn: '2025-03-03' })
      .expect(200);
    await manager.api
      .event(review, 'AGENCY_SUMMARIES_REQUESTED', {
        agencyIds: [medway.agencies.police, thurrock.agencies.police],
      })
      .expect(200);
    const theirs = await policeLead.api.get(`/api/reviews/${review}`).expect(200);
    expect(tasksOf(theirs.body)).toContainEqual([
      'agency-summary',
      '2025-03-17',
      thurrock.agencies.police,
    ]);
    const mine = await policeLead.api.get(`/api/partnerships/${thurrock.id}/reviews`).expect(200);
    expect(mine.body.items[0].nextDueOn).toBe('2025-03-17');

    await policeLead.api
      .post(`/api/reviews/${review}/returns`, {
        kind: 'rapid-review-summary',
        agencyId: medway.agencies.police,
        content: 'Not our agency.',
      })
      .expect(403);
    const draft = await policeLead.api
      .post(`/api/reviews/${review}/returns`, {
        kind: 'rapid-review-summary',
        agencyId: thurrock.agencies.police,
        content: 'Thurrock police contact with the family.',
      })
      .expect(201);
    await policeLead.api.post(`/api/reviews/${review}/returns/${draft.body.id}/submit`).expect(200);

    const after = await manager.api.get(`/api/reviews/${review}`).expect(200);
    expect(tasksOf(after.body).filter(([step]) => step === 'agency-summary')).toEqual([
      ['agency-summary', '2025-03-17', medway.agencies.police],
    ]);
    const returns = await manager.api.get(`/api/reviews/${review}/returns`).expect(200);
    expect(returns.body).toEqual([
      expect.objectContaining({ agencyId: thurrock.agencies.police, status: 'submitted' }),
    ]);
  });
});
