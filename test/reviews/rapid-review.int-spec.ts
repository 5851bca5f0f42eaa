import {
  FICTIONAL_CHILD,
  fieldsOf,
  incident,
  readReview,
  typesOf,
  startReviewWorld,
  tasksOf,
  type ReviewWorld,
} from './support/review-world';

/**
 * Friday 2 May 2025: the local authority becomes aware of a serious incident, the last working day
 * before the early May bank holiday (Monday 5 May). The spring bank holiday (Monday 26 May) falls
 * inside the rapid review. Every due date and progress label below is counted by hand.
 */
describe('an incident aware on a Friday before a bank holiday weekend, through notification and rapid review', () => {
  let world: ReviewWorld;
  let id: string;

  beforeAll(async () => {
    world = await startReviewWorld({ code: 'RRSCP' });
    world.on('2025-05-02');
  });

  afterAll(async () => {
    await world?.close();
  });

  const read = () => readReview(world.people.manager, id);

  it('records the incident and opens the notification, due 5 working days later skipping the bank holiday', async () => {
    const { manager, panelChair, panelMember, policeLead, healthLead, reviewer } = world.people;
    const response = await manager.api
      .post(`/api/partnerships/${world.id}/reviews`, {
        kind: 'practice-review',
        details: incident('2025-05-02'),
        subject: {
          ...FICTIONAL_CHILD,
          recordNumbers: [{ agencyId: world.agencies.police, recordNumber: 'PN-0001' }],
        },
        members: [
          { personId: panelChair.id, role: 'panel-chair' },
          { personId: panelMember.id, role: 'panel-member' },
          { personId: reviewer.id, role: 'independent-reviewer' },
          {
            personId: policeLead.id,
            role: 'agency-safeguarding-lead',
            agencyId: world.agencies.police,
          },
          {
            personId: healthLead.id,
            role: 'agency-safeguarding-lead',
            agencyId: world.agencies.health,
          },
        ],
      })
      .expect(201);
    id = response.body.id;
    expect(response.headers.location).toBe(`/api/reviews/${id}`);
    expect(response.headers.etag).toBe('"1"');
    expect(response.body).toMatchObject({
      kind: 'practice-review',
      version: 1,
      status: 'live',
      stage: 'Serious incident notification',
    });
    expect(response.body.reference).toMatch(/^RRSCP-LCSPR-2025-001$/);
    // Neither the pseudonym nor the child's details are echoed, or put in the title or URL.
    expect(JSON.stringify(response.body)).not.toMatch(/Harry|Child H/);

    const view = await read();
    expect(view.title).not.toMatch(/Child H/);
    expect(view.pseudonym).toBe('Child H');
    expect(tasksOf(view)).toEqual([['serious-incident-notification', '2025-05-12', null]]);
    expect(view.deadlines).toEqual([
      expect.objectContaining({
        stepKey: 'serious-incident-notification',
        dueOn: '2025-05-12',
        overdue: false,
        workingDaysLeft: 5,
      }),
    ]);
    expect(view.timescales).toEqual([
      expect.objectContaining({
        key: 'serious-incident-notification',
        label: 'Serious incident notification: day 0 of 5',
        rag: 'green',
        running: true,
      }),
    ]);
  });

  it('refuses details that are wrong, naming each field', async () => {
    const response = await world.people.manager.api
      .post(`/api/partnerships/${world.id}/reviews`, {
        kind: 'practice-review',
        details: { pseudonym: '', awareOn: '2025-05-09', childLookedAfter: 'no', extra: 1 },
      })
      .expect(400);
    expect(fieldsOf(response.body)).toEqual([
      'details.pseudonym',
      'details.awareOn',
      'details.childLookedAfter',
      'details.incidentKind',
      'details.extra',
    ]);
    expect(response.body.code).toBe('invalid-review-details');
  });

  it('sends the notification on the Friday after and opens the rapid review, due 15 working days later', async () => {
    world.on('2025-05-09');
    const { manager } = world.people;
    const stale = await manager.api
      .event(id, 'SERIOUS_INCIDENT_NOTIFIED', { sentOn: '2025-05-09' }, 7)
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'version-conflict', currentVersion: 1 });
    const sent = await manager.api
      .event(id, 'SERIOUS_INCIDENT_NOTIFIED', { sentOn: '2025-05-09' }, 1)
      .expect(200);
    expect(sent.headers.etag).toBe('"2"');
    expect(sent.body.stage).toBe('Rapid review');

    const view = await read();
    expect(tasksOf(view)).toEqual([
      ['rapid-review', '2025-06-02', null],
      ['request-agency-summaries', null, null],
    ]);
    expect(view.timescales.map((t) => t.label)).toEqual([
      'Serious incident notification: done on day 4 of 5',
      'Rapid review: day 0 of 15',
    ]);
  });

  it('asks two agencies for summaries, due on working day 10', async () => {
    const { police, health } = world.agencies;
    await world.people.manager.api
      .event(id, 'AGENCY_SUMMARIES_REQUESTED', { agencyIds: [police, health] })
      .expect(200);
    const view = await read();
    const tasks = tasksOf(view);
    expect(tasks).toHaveLength(3);
    expect(tasks).toEqual(
      expect.arrayContaining([
        ['agency-summary', '2025-05-23', police],
        ['agency-summary', '2025-05-23', health],
        ['rapid-review', '2025-06-02', null],
      ]),
    );
  });

  it('shows progress computed from the dates: day 7 of 15 on Tuesday 20 May', async () => {
    world.on('2025-05-20');
    const view = await read();
    const rapid = view.timescales.find((t) => t.key === 'rapid-review');
    expect(rapid).toMatchObject({ label: 'Rapid review: day 7 of 15', rag: 'green' });
    expect(view.rag).toBe('green');
  });

  it('takes each agency’s summary from its own lead only, recording it as received with its content', async () => {
    const { policeLead, healthLead, panelMember } = world.people;
    const { police, health } = world.agencies;
    const notTheirs = await policeLead.api
      .post(`/api/reviews/${id}/returns`, {
        kind: 'rapid-review-summary',
        agencyId: health,
        content: 'Not mine to write.',
      })
      .expect(403);
    expect(notTheirs.body.code).toBe('not-your-agency');

    const draft = await policeLead.api
      .post(`/api/reviews/${id}/returns`, {
        kind: 'rapid-review-summary',
        agencyId: police,
        content: 'Police contact: two call-outs in March.',
      })
      .expect(201);
    expect(draft.body).toMatchObject({ status: 'draft', version: 1 });
    // A draft is its agency's: other members of the review do not see it.
    const seenByPanel = await panelMember.api.get(`/api/reviews/${id}/returns`).expect(200);
    expect(seenByPanel.body).toEqual([]);

    const returnPath = `/api/reviews/${id}/returns/${draft.body.id}`;
    await policeLead.api.put(returnPath, { content: 'Changed' }).expect(428);
    const edited = await policeLead.api
      .put(
        returnPath,
        { content: 'Police contact: three call-outs in March.' },
        { 'If-Match': '"1"' },
      )
      .expect(200);
    expect(edited.headers.etag).toBe('"2"');
    await policeLead.api
      .put(returnPath, { content: 'Lost update' }, { 'If-Match': '"1"' })
      .expect(409);

    const submitted = await policeLead.api
      .post(`${returnPath}/submit`, {}, { 'If-Match': '"2"' })
      .expect(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', version: 3 });
    await policeLead.api
      .put(returnPath, { content: 'Too late' }, { 'If-Match': '"3"' })
      .expect(409);

    const view = await read();
    expect(tasksOf(view).map(([step, , agency]) => [step, agency])).toEqual([
      ['agency-summary', health],
      ['rapid-review', null],
    ]);
    const seen = await panelMember.api.get(`/api/reviews/${id}/returns`).expect(200);
    expect(seen.body).toEqual([
      expect.objectContaining({
        agencyId: police,
        content: 'Police contact: three call-outs in March.',
      }),
    ]);

    const health1 = await healthLead.api
      .post(`/api/reviews/${id}/returns`, {
        kind: 'rapid-review-summary',
        agencyId: health,
        content: 'Health visitor contact.',
      })
      .expect(201);
    await healthLead.api.post(`/api/reviews/${id}/returns/${health1.body.id}/submit`).expect(200);
    const after = await read();
    expect(tasksOf(after)).toEqual([
      ['rapid-review', '2025-06-02', null],
      ['rapid-review-meeting', null, null],
    ]);
  });

  it('holds the meeting after the spring bank holiday; only a lead safeguarding partner decides', async () => {
    const { manager, partner } = world.people;
    await manager.api
      .event(id, 'RAPID_REVIEW_MEETING_SCHEDULED', { meetingOn: '2025-05-27' })
      .expect(200);
    expect(tasksOf(await read())).toContainEqual(['rapid-review-meeting', '2025-05-27', null]);
    world.on('2025-05-27');
    await manager.api.event(id, 'RAPID_REVIEW_MEETING_HELD', { heldOn: '2025-05-27' }).expect(200);
    expect(tasksOf(await read())).toEqual([
      ['rapid-review', '2025-06-02', null],
      ['rapid-review-decision', '2025-06-02', null],
    ]);

    const refused = await manager.api
      .event(id, 'RAPID_REVIEW_DECIDED', { decision: 'practice-review', decidedOn: '2025-05-27' })
      .expect(403);
    expect(refused.body.detail).toBe(
      'Only a lead safeguarding partner can record the decision after the rapid review.',
    );
    await partner.api
      .event(id, 'RAPID_REVIEW_DECIDED', { decision: 'practice-review', decidedOn: '2025-05-27' })
      .expect(200);
  });

  it('is amber on working day 14, and sends the rapid review to the Panel in time', async () => {
    world.on('2025-05-30');
    const before = await read();
    expect(before.rag).toBe('amber');
    expect(before.timescales.find((t) => t.key === 'rapid-review')?.label).toBe(
      'Rapid review: day 14 of 15',
    );
    await world.people.manager.api
      .event(id, 'RAPID_REVIEW_SENT_TO_PANEL', { sentOn: '2025-05-30' })
      .expect(200);
    const view = await read();
    expect(view.stage).toBe('National Panel response');
    expect(tasksOf(view)).toEqual([['record-panel-response', '2025-06-13', null]]);
    expect(view.timescales.map((t) => t.label)).toEqual([
      'Serious incident notification: done on day 4 of 5',
      'Rapid review: done on day 14 of 15',
      "National Panel's response: day 0 of 10",
      'Review: 0 months 3 days of 6 months since decision',
    ]);
    expect(typesOf(view.timeline)).toEqual([
      'engine.started',
      'SERIOUS_INCIDENT_NOTIFIED',
      'AGENCY_SUMMARIES_REQUESTED',
      'AGENCY_SUMMARY_SUBMITTED',
      'AGENCY_SUMMARY_SUBMITTED',
      'RAPID_REVIEW_MEETING_SCHEDULED',
      'RAPID_REVIEW_MEETING_HELD',
      'RAPID_REVIEW_DECIDED',
      'RAPID_REVIEW_SENT_TO_PANEL',
    ]);
  });

  it('shows the child’s identifying details only to those allowed, logging every view', async () => {
    const { panelChair, panelMember, partner } = world.people;
    const views = async (): Promise<number> => {
      const rows: Array<{ count: number }> = await world.dataSource.query(
        `SELECT count(*)::int AS count FROM access_log
          WHERE person_id = $1 AND record_kind = 'review-subject' AND action = 'view'`,
        [panelChair.id],
      );
      return rows[0].count;
    };
    expect(await views()).toBe(0);
    const shown = await panelChair.api.get(`/api/reviews/${id}/subject`).expect(200);
    expect(shown.body).toMatchObject({
      fullName: 'Harry Example',
      dateOfBirth: '2015-04-01',
      recordNumbers: [{ agencyId: world.agencies.police, recordNumber: 'PN-0001' }],
    });
    expect(shown.headers['cache-control']).toBe('no-store');
    expect(await views()).toBe(1);

    const refused = await panelMember.api.get(`/api/reviews/${id}/subject`).expect(403);
    expect(refused.body.detail).toMatch(/^Only the business unit, the panel chair/);
    await partner.api.get(`/api/reviews/${id}/subject`).expect(403);
    // The review itself never carries them.
    const review = await panelMember.api.get(`/api/reviews/${id}`).expect(200);
    expect(JSON.stringify(review.body)).not.toMatch(/Harry|PN-0001|Example Street/);
  });

  it('sends content-bearing steps through their own endpoints, and hides the review from those not on it', async () => {
    const { manager, outsider, board } = world.people;
    const direct = await manager.api
      .event(id, 'AGENCY_SUMMARY_SUBMITTED', { agencyId: world.agencies.police })
      .expect(422);
    expect(direct.body.code).toBe('use-dedicated-endpoint');
    await outsider.api.get(`/api/reviews/${id}`).expect(404);
    await board.api.get(`/api/reviews/${id}`).expect(404);
  });
});
