import { BusinessCalendar } from '../../src/calendar';
import { AppHarness, startApp } from '../support/app-harness';
import { buildAuditWorld, list, toolBody, type AuditWorld } from './support/audit-world';

describe('an audit programme', () => {
  let harness: AppHarness;
  let world: AuditWorld;
  const calendar = new BusinessCalendar();

  beforeAll(async () => {
    harness = await startApp();
    world = await buildAuditWorld(harness, 'PRGM');
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('plans a year of audits every six weeks, none on a weekend or bank holiday, and starts each as an audit', async () => {
    const { manager, officer, outsider } = world.people;
    const tool = await manager.api
      .post(`/api/partnerships/${world.partnershipId}/audit-tools`, toolBody('Programme tool'))
      .expect(201);
    // Six weeks after Monday 11 March 2030 is Easter Monday, 22 April 2030.
    const planned = await officer.api
      .post(`/api/partnerships/${world.partnershipId}/audit-programmes`, {
        title: 'Audit programme 2030/31',
        firstMeetingOn: '2030-03-11',
      })
      .expect(201);
    const dates = list<{ plannedOn: string }>(planned.body.entries).map((entry) => entry.plannedOn);
    expect(dates).toHaveLength(9);
    expect(dates.slice(0, 3)).toEqual(['2030-03-11', '2030-04-23', '2030-06-03']);
    expect(list<string>(dates).every((date) => calendar.isWorkingDay(date))).toBe(true);
    expect(planned.body.intervalWeeks).toBe(6);

    const entry = planned.body.entries[1];
    const start = {
      theme: 'Early help',
      scope: 'Families offered early help in the last year',
      lookBackMonths: 12,
      toolId: tool.body.id,
      agencyIds: [world.agencies.police],
    };
    const path = `/api/partnerships/${world.partnershipId}/audit-programmes/${planned.body.id}/entries/${entry.id}/start`;
    const audit = await officer.api.post(path, start).expect(201);
    expect(audit.body).toMatchObject({
      stage: 'Planning',
      plan: { meetingOn: '2030-04-23', theme: 'Early help' },
    });
    const again = await officer.api.post(path, start).expect(409);
    expect(again.body.code).toBe('programme-entry-started');

    const listed = await outsider.api
      .get(`/api/partnerships/${world.partnershipId}/audit-programmes`)
      .expect(200);
    expect(listed.body[0].entries[1]).toMatchObject({
      plannedOn: '2030-04-23',
      instanceId: audit.body.instanceId,
    });
    await outsider.api
      .post(`/api/partnerships/${world.partnershipId}/audit-programmes`, {
        title: 'Not mine to plan',
        firstMeetingOn: '2030-03-11',
      })
      .expect(403);
  });

  it('refuses an audit naming another partnership’s agency, leaving nothing half made', async () => {
    const { manager, policeLead } = world.people;
    const elsewhere = await buildAuditWorld(harness, 'ELSE');
    const tool = await manager.api
      .post(`/api/partnerships/${world.partnershipId}/audit-tools`, toolBody('Second tool'))
      .expect(201);
    const before = await manager.api
      .get(`/api/partnerships/${world.partnershipId}/audits`)
      .expect(200);
    const refused = await manager.api
      .post(`/api/partnerships/${world.partnershipId}/audits`, {
        theme: 'Neglect',
        scope: 'Children on a plan for neglect',
        lookBackMonths: 12,
        toolId: tool.body.id,
        meetingOn: '2030-06-03',
        members: [
          {
            personId: policeLead.id,
            role: 'agency-safeguarding-lead',
            agencyId: elsewhere.agencies.police,
          },
        ],
      })
      .expect(422);
    expect(refused.body.errors).toEqual([
      {
        field: 'members.0.agencyId',
        message: 'members.0.agencyId is not an agency of this partnership',
      },
    ]);
    const after = await manager.api
      .get(`/api/partnerships/${world.partnershipId}/audits`)
      .expect(200);
    expect(after.body).toEqual(before.body);
  });

  it('refuses a programme starting in the past, naming the field', async () => {
    const response = await world.people.manager.api
      .post(`/api/partnerships/${world.partnershipId}/audit-programmes`, {
        title: 'Too late',
        firstMeetingOn: '2020-01-06',
      })
      .expect(422);
    expect(response.body.errors).toEqual([
      { field: 'firstMeetingOn', message: 'firstMeetingOn must be in the future' },
    ]);
  });
});
