import {
  incident,
  readReview,
  startReviewWorld,
  tasksOf,
  typesOf,
  type ReviewWorld,
} from './support/review-world';

/** A local child safeguarding practice review from the decision to hold it to publication. */
describe('a practice review from decision to publication, through the API', () => {
  let world: ReviewWorld;
  let id: string;

  beforeAll(async () => {
    world = await startReviewWorld({ code: 'PRSCP' });
    world.on('2025-01-06');
  });

  afterAll(async () => {
    await world?.close();
  });

  const read = () => readReview(world.people.manager, id);
  const step = async (
    as: keyof ReviewWorld['people'],
    type: string,
    payload: object = {},
  ): Promise<void> => {
    const response = await world.people[as].api.event(id, type, payload);
    if (response.status !== 200) {
      throw new Error(`${type} as ${as}: ${response.status} ${JSON.stringify(response.body)}`);
    }
  };

  it('gets through the rapid review to a decision the national Panel agrees with', async () => {
    const { manager, panelChair, panelMember, reviewer, policeLead, healthLead } = world.people;
    const { police, health } = world.agencies;
    const started = await manager.api
      .post(`/api/partnerships/${world.id}/reviews`, {
        kind: 'practice-review',
        details: incident('2025-01-06', 'Child P'),
        members: [
          { personId: panelChair.id, role: 'panel-chair' },
          { personId: panelMember.id, role: 'panel-member' },
          { personId: reviewer.id, role: 'independent-reviewer' },
          { personId: policeLead.id, role: 'agency-safeguarding-lead', agencyId: police },
          { personId: healthLead.id, role: 'agency-safeguarding-lead', agencyId: health },
        ],
      })
      .expect(201);
    id = started.body.id;
    world.on('2025-01-08');
    await step('manager', 'SERIOUS_INCIDENT_NOTIFIED', { sentOn: '2025-01-08' });
    await step('manager', 'AGENCY_SUMMARIES_REQUESTED', { agencyIds: [police] });
    world.on('2025-01-15');
    // The business unit records a summary that came in by other means, on the agency's behalf.
    const summary = await manager.api
      .post(`/api/reviews/${id}/returns`, {
        kind: 'rapid-review-summary',
        agencyId: police,
        content: 'Summary received from the police.',
      })
      .expect(201);
    await manager.api.post(`/api/reviews/${id}/returns/${summary.body.id}/submit`).expect(200);
    world.on('2025-01-20');
    await step('manager', 'RAPID_REVIEW_MEETING_HELD', { heldOn: '2025-01-20' });
    await step('partner', 'RAPID_REVIEW_DECIDED', {
      decision: 'practice-review',
      decidedOn: '2025-01-20',
    });
    world.on('2025-01-22');
    await step('manager', 'RAPID_REVIEW_SENT_TO_PANEL', { sentOn: '2025-01-22' });
    world.on('2025-02-03');
    await step('manager', 'PANEL_RESPONSE_RECORDED', {
      response: 'agrees',
      respondedOn: '2025-02-03',
    });
    const view = await read();
    expect(view.stage).toBe('Commissioning');
    expect(view.timescales.find((t) => t.key === 'review')?.label).toBe(
      'Review: 0 months 14 days of 6 months since decision',
    );
  });

  it('commissions the review; each step only by those the workflow allows, with the reason', async () => {
    world.on('2025-02-05');
    const refused = await world.people.panelMember.api
      .event(id, 'TERMS_OF_REFERENCE_AGREED', { agreedOn: '2025-02-05', method: 'silp' })
      .expect(403);
    expect(refused.body.detail).toBe(
      'Only the review panel chair or a lead safeguarding partner can agree the terms of reference.',
    );
    await step('manager', 'REVIEWER_APPOINTED', { reviewerPersonId: world.people.reviewer.id });
    await step('panelChair', 'TERMS_OF_REFERENCE_AGREED', {
      agreedOn: '2025-02-05',
      method: 'silp',
    });
    await step('manager', 'REVIEW_PANEL_CONFIRMED');
    expect((await read()).stage).toBe('Information gathering');
  });

  it('gathers agencies’ chronologies and reports, the practitioner event and the family’s part', async () => {
    const { police, health } = world.agencies;
    const { policeLead, healthLead } = world.people;
    world.on('2025-02-06');
    await step('manager', 'INFORMATION_REQUESTED', {
      agencyIds: [police, health],
      dueOn: '2025-03-07',
    });
    expect(tasksOf(await read())).toEqual(
      expect.arrayContaining([
        ['agency-information', '2025-03-07', police],
        ['agency-information', '2025-03-07', health],
      ]),
    );
    world.on('2025-03-03');
    for (const [lead, agencyId] of [
      [policeLead, police],
      [healthLead, health],
    ] as const) {
      const draft = await lead.api
        .post(`/api/reviews/${id}/returns`, {
          kind: 'chronology-and-agency-report',
          agencyId,
          content: 'Chronology and agency report.',
        })
        .expect(201);
      const once = await lead.api
        .post(
          `/api/reviews/${id}/returns/${draft.body.id}/submit`,
          {},
          { 'Idempotency-Key': `info-${agencyId}` },
        )
        .expect(200);
      const again = await lead.api
        .post(
          `/api/reviews/${id}/returns/${draft.body.id}/submit`,
          {},
          { 'Idempotency-Key': `info-${agencyId}` },
        )
        .expect(200);
      expect(again.body).toEqual(once.body);
    }
    await step('reviewer', 'FAMILY_INVITED', { invitedOn: '2025-02-10' });
    await step('reviewer', 'PRACTITIONER_EVENT_SCHEDULED', { eventOn: '2025-03-12' });
    world.on('2025-03-14');
    await step('reviewer', 'PRACTITIONER_EVENT_HELD', { heldOn: '2025-03-12' });
    await step('reviewer', 'FAMILY_MET', { metOn: '2025-03-14' });
    const view = await read();
    expect(view.stage).toBe('Draft report');
    expect(tasksOf(view)).toEqual([['submit-draft', null, null]]);
  });

  it('takes panel members’ comments on the draft in a round, each recorded with the workflow event', async () => {
    const { panelMember, policeLead } = world.people;
    world.on('2025-04-01');
    await step('reviewer', 'DRAFT_SUBMITTED');
    await step('panelChair', 'COMMENT_ROUND_OPENED', { dueOn: '2025-04-15' });
    expect(tasksOf(await read())).toEqual([
      ['close-comment-round', '2025-04-15', null],
      ['panel-comments', '2025-04-15', null],
    ]);
    const notPanel = await policeLead.api
      .post(`/api/reviews/${id}/comments`, { content: 'I am not on the panel.' })
      .expect(403);
    expect(notPanel.body.code).toBe('not-on-panel');

    const draft = await panelMember.api
      .post(`/api/reviews/${id}/comments`, { content: 'Paragraph 4 needs the school’s view.' })
      .expect(201);
    expect(draft.body).toMatchObject({ round: 1, status: 'draft', version: 1 });
    await panelMember.api
      .post(`/api/reviews/${id}/comments`, { content: 'A second set.' })
      .expect(409);
    expect((await policeLead.api.get(`/api/reviews/${id}/comments`).expect(200)).body).toEqual([]);
    await panelMember.api
      .post(`/api/reviews/${id}/comments/${draft.body.id}/submit`, {}, { 'If-Match': '"9"' })
      .expect(409);
    const submitted = await panelMember.api
      .post(`/api/reviews/${id}/comments/${draft.body.id}/submit`, {}, { 'If-Match': '"1"' })
      .expect(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', version: 2 });
    const seen = await policeLead.api.get(`/api/reviews/${id}/comments`).expect(200);
    expect(seen.body).toEqual([
      expect.objectContaining({ round: 1, content: 'Paragraph 4 needs the school’s view.' }),
    ]);
    const timeline = typesOf((await read()).timeline);
    expect(timeline.slice(-1)).toEqual(['COMMENTS_SUBMITTED']);

    world.on('2025-04-15');
    await step('panelChair', 'COMMENT_ROUND_CLOSED');
    const closed = await panelMember.api
      .post(`/api/reviews/${id}/comments`, { content: 'Too late.' })
      .expect(409);
    expect(closed.body.code).toBe('no-open-comment-round');
  });

  it('signs off and approves the report; only a lead safeguarding partner approves', async () => {
    world.on('2025-04-25');
    await step('reviewer', 'DRAFT_SUBMITTED');
    world.on('2025-04-28');
    await step('panelChair', 'PANEL_SIGNED_OFF', { signedOffOn: '2025-04-28' });
    world.on('2025-05-01');
    const refused = await world.people.chair.api
      .event(id, 'REPORT_APPROVED', { approvedOn: '2025-05-01' })
      .expect(403);
    expect(refused.body.detail).toBe(
      'Only a lead safeguarding partner can approve the final report.',
    );
    await step('partner', 'REPORT_APPROVED', { approvedOn: '2025-05-01' });
    expect((await read()).stage).toBe('Publication');
  });

  it('refuses a publication date fewer than 7 working days after the report can reach the Panel, saying the earliest', async () => {
    const early = await world.people.manager.api
      .event(id, 'PUBLICATION_DATE_SET', { plannedOn: '2025-05-08' })
      .expect(422);
    expect(early.body.detail).toBe(
      'The planned publication date (2025-05-08) is too early: the final report has not yet been sent to the national Panel and the Department for Education, and publication must be at least 7 working days after it is. If it is sent today (2025-05-01), the earliest date is 2025-05-13.',
    );
    await step('manager', 'PUBLICATION_DATE_SET', { plannedOn: '2025-05-20' });
    expect(tasksOf(await read())).toEqual([['send-final-report', '2025-05-09', null]]);
  });

  it('refuses publication 5 working days after the report was sent, then publishes on the planned date', async () => {
    world.on('2025-05-06');
    await step('manager', 'FINAL_REPORT_SENT', { sentOn: '2025-05-06' });
    world.on('2025-05-13');
    const refused = await world.people.manager.api
      .event(id, 'PUBLISHED', { publishedOn: '2025-05-13' })
      .expect(422);
    expect(refused.body).toMatchObject({ status: 422, code: 'check-failed' });
    expect(refused.body.detail).toBe(
      'The publication date (2025-05-13) is only 5 working days after the final report was sent to the national Panel and the Department for Education on 2025-05-06; publication must be at least 7 working days after it. The earliest allowed date is 2025-05-15.',
    );
    world.on('2025-05-20');
    await step('manager', 'PUBLISHED', { publishedOn: '2025-05-20' });
    const view = await read();
    expect(view.stage).toBe('Action plan');
    expect(view.dates).toMatchObject({
      decisionOn: '2025-01-20',
      reportSentToPanelOn: '2025-05-06',
      publishedOn: '2025-05-20',
    });
    expect(view.timescales.find((t) => t.key === 'review')).toMatchObject({
      label: 'Review: done at 4 months 0 days of 6 months since decision',
      rag: 'green',
      running: false,
    });
    expect(tasksOf(view)).toEqual([['monitor-action-plan', null, null]]);
  });
});
