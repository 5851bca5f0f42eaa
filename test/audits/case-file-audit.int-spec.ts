import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { simpleParser } from 'mailparser';
import { WorkerModule } from '../../src/worker/worker.module';
import type { CapturedMail } from '../../src/dev/smtp-sink';
import { AppHarness, startApp } from '../support/app-harness';
import {
  buildAuditWorld,
  list,
  CHILDREN,
  completeReturn,
  toolBody,
  todayInLondon,
  workingDaysFromToday,
  type AuditWorld,
} from './support/audit-world';

/** Redis database of its own, so workers of other test files never take this file's jobs. */
function isolatedRedisUrl(): string {
  const url = new URL(process.env.REDIS_URL ?? '');
  url.pathname = '/7';
  return url.toString();
}

/** Immediate concern emails only: members also hear of reopened returns and a moved meeting. */
const isConcernMail = (mail: CapturedMail): boolean =>
  mail.raw.includes('Subject: Immediate concern raised in audit');

async function mailTo(
  harness: AppHarness,
  address: string,
  timeoutMs = 15_000,
): Promise<CapturedMail> {
  const matches = (mail: CapturedMail): boolean =>
    isConcernMail(mail) && mail.to.some((to) => to.toLowerCase() === address.toLowerCase());
  const found = harness.smtp.messages.find(matches);
  if (found) return found;
  return new Promise<CapturedMail>((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`No email to ${address} within ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = harness.smtp.onMessage((mail) => {
      if (!matches(mail)) return;
      clearTimeout(timer);
      stop();
      resolve(mail);
    });
  });
}

describe('a multi-agency case file audit through the API, from planning to closed', () => {
  let harness: AppHarness;
  let worker: INestApplicationContext;
  let world: AuditWorld;
  let toolId: string;
  let audit: string;
  const meetingOn = workingDaysFromToday(30);
  const ret = (agencyId: string, caseKey: string): string =>
    `/api/audits/${audit}/returns/${agencyId}/${caseKey}`;

  beforeAll(async () => {
    harness = await startApp({ REDIS_URL: isolatedRedisUrl() });
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    await worker.init();
    world = await buildAuditWorld(harness);
  });

  afterAll(async () => {
    await worker?.close();
    await harness?.close();
  });

  it('lets the business manager create an audit tool as data', async () => {
    const { manager } = world.people;
    const response = await manager.api
      .post(
        `/api/partnerships/${world.partnershipId}/audit-tools`,
        toolBody('Northshire audit tool'),
      )
      .expect(201);
    expect(response.body.latestVersion).toBe(1);
    expect(list<{ key: string }>(response.body.latest.domains).map((domain) => domain.key)).toEqual(
      ['voice-of-the-child', 'assessment-of-risk', 'planning-and-review', 'multi-agency-working'],
    );
    toolId = response.body.id;
  });

  it('opens an audit with three agencies and its members, pinned to the tool’s version', async () => {
    const { manager, auditChair, policeLead, policeAuditor, healthLead, councilLead, panelMember } =
      world.people;
    const { police, health, council } = world.agencies;
    const response = await manager.api
      .post(`/api/partnerships/${world.partnershipId}/audits`, {
        theme: 'Child protection plans with a domestic abuse component',
        scope: 'Children on a plan for six months or more',
        lookBackMonths: 12,
        toolId,
        meetingOn,
        agencyIds: [police, health, council],
        members: [
          { personId: auditChair.id, role: 'panel-chair' },
          { personId: policeLead.id, role: 'agency-safeguarding-lead', agencyId: police },
          { personId: policeAuditor.id, role: 'audit-group-member', agencyId: police },
          { personId: healthLead.id, role: 'agency-safeguarding-lead', agencyId: health },
          { personId: councilLead.id, role: 'agency-safeguarding-lead', agencyId: council },
          { personId: panelMember.id, role: 'panel-member' },
        ],
      })
      .expect(201);
    audit = response.body.instanceId;
    expect(response.body).toMatchObject({
      stage: 'Planning',
      status: 'live',
      plan: { meetingOn, lookBackMonths: 12, tool: { id: toolId, version: 1 } },
    });
    expect(response.body.reference).toMatch(/^NSCP-CFA-\d{4}-001$/);
    const listed = await manager.api
      .get(`/api/partnerships/${world.partnershipId}/audits`)
      .expect(200);
    expect(list<{ instanceId: string }>(listed.body).map((entry) => entry.instanceId)).toEqual([
      audit,
    ]);
  });

  it('keeps the running audit on its tool version when a new version is published', async () => {
    const { manager, auditChair } = world.people;
    const changed = toolBody('ignored') as { domains: Array<{ key: string; title: string }> };
    await manager.api
      .post(`/api/partnerships/${world.partnershipId}/audit-tools/${toolId}/versions`, {
        domains: [...changed.domains, { key: 'outcomes', title: 'Outcomes', questions: [] }],
        gradeScale: (toolBody('x') as { gradeScale: unknown[] }).gradeScale,
      })
      .expect(201);
    const agreed = await auditChair.api.post(`/api/audits/${audit}/plan/agree`).expect(200);
    expect(agreed.body.stage).toBe('Case selection');
    expect(agreed.body.plan.tool.version).toBe(1);
    const tool = await auditChair.api.get(`/api/audits/${audit}/tool`).expect(200);
    expect(tool.body.version).toBe(1);
    expect(tool.body.domains).toHaveLength(4);
  });

  it('selects four cases known by pseudonym, keeping who the children are apart', async () => {
    const { officer } = world.people;
    const { police, health } = world.agencies;
    const response = await officer.api
      .post(`/api/audits/${audit}/cases`, {
        cases: CHILDREN.map((child, index) => ({
          identifiers: {
            ...child,
            recordNumbers: [
              { agencyId: police, recordNumber: `NP-${1000 + index}` },
              { agencyId: health, recordNumber: `NHS-${2000 + index}` },
            ],
          },
        })),
      })
      .expect(201);
    expect(response.body).toEqual([
      { key: 'A', pseudonym: 'Case A' },
      { key: 'B', pseudonym: 'Case B' },
      { key: 'C', pseudonym: 'Case C' },
      { key: 'D', pseudonym: 'Case D' },
    ]);
    const view = await officer.api.get(`/api/audits/${audit}`).expect(200);
    expect(view.body.stage).toBe('Involvement check');
    expect(JSON.stringify(view.body)).not.toContain('Testchild');
  });

  it('asks each agency about involvement and requests one return per agency and case it knew', async () => {
    const { policeLead, healthLead, councilLead } = world.people;
    const { police, health, council } = world.agencies;
    await policeLead.api
      .post(`/api/audits/${audit}/involvement`, {
        agencyId: police,
        caseKeys: ['A', 'B', 'C', 'D'],
      })
      .expect(200);
    await healthLead.api
      .post(`/api/audits/${audit}/involvement`, { agencyId: health, caseKeys: ['A', 'B'] })
      .expect(200);
    const last = await councilLead.api
      .post(`/api/audits/${audit}/involvement`, { agencyId: council, caseKeys: ['C'] })
      .expect(200);
    expect(last.body).toHaveLength(7);
    expect(
      list<{ status: string }>(last.body).every((entry) => entry.status === 'not-started'),
    ).toBe(true);
    const view = await councilLead.api.get(`/api/audits/${audit}`).expect(200);
    expect(view.body.stage).toBe('Single-agency audits');
    const returnTasks = list<{ stepKey: string }>(view.body.openTasks).filter(
      (task) => task.stepKey === 'complete-agency-audit-returns',
    );
    expect(returnTasks).toHaveLength(3);
  });

  it('saves a draft and submits it with the version read, each change raising the version', async () => {
    const { policeAuditor } = world.people;
    const { police } = world.agencies;
    const loaded = await policeAuditor.api.get(ret(police, 'A')).expect(200);
    expect(loaded.headers.etag).toBe('"1"');
    const saved = await policeAuditor.api
      .put(ret(police, 'A'), completeReturn())
      .set('If-Match', loaded.headers.etag)
      .expect(200);
    expect(saved.body).toMatchObject({ status: 'draft', version: 2, overallGrade: 'good' });
    const submitted = await policeAuditor.api
      .post(`${ret(police, 'A')}/submit`)
      .set('If-Match', '"2"')
      .expect(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', version: 3, late: false });
  });

  it('refuses a save made from a stale copy with 409 and the current version', async () => {
    const { policeAuditor, policeLead } = world.people;
    const { police } = world.agencies;
    await policeAuditor.api
      .put(ret(police, 'B'), { strengths: 'Good recording.' })
      .set('If-Match', '"1"')
      .expect(200);
    const stale = await policeLead.api
      .put(ret(police, 'B'), { strengths: 'Overwriting the auditor.' })
      .set('If-Match', '"1"')
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'stale-return', currentVersion: 2 });
    const current = await policeLead.api.get(ret(police, 'B')).expect(200);
    expect(current.body.strengths).toBe('Good recording.');
    await policeLead.api.put(ret(police, 'B'), { strengths: 'No If-Match.' }).expect(428);
  });

  it('lets exactly one of two simultaneous saves from the same version through', async () => {
    const { policeAuditor, policeLead } = world.people;
    const { police } = world.agencies;
    const responses = await Promise.all(
      [policeAuditor, policeLead].map((person) =>
        person.api
          .put(ret(police, 'D'), { strengths: `Saved by ${person.name}` })
          .set('If-Match', '"1"'),
      ),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
    const current = await policeLead.api.get(ret(police, 'D')).expect(200);
    expect(current.body.version).toBe(2);
  });

  it('refuses an incomplete return, naming every missing field', async () => {
    const { policeAuditor } = world.people;
    const { police } = world.agencies;
    const response = await policeAuditor.api
      .post(`${ret(police, 'B')}/submit`)
      .set('If-Match', '"2"')
      .expect(422);
    expect(response.body.code).toBe('return-incomplete');
    expect(list<{ field: string }>(response.body.errors).map((error) => error.field)).toEqual([
      'domainGrades.voice-of-the-child',
      'domainGrades.assessment-of-risk',
      'domainGrades.planning-and-review',
      'domainGrades.multi-agency-working',
      'overallGrade',
      'areasForDevelopment',
      'answers.child-seen',
      'answers.history-considered',
      'answers.information-shared',
    ]);
    const unchanged = await policeAuditor.api.get(ret(police, 'B')).expect(200);
    expect(unchanged.body).toMatchObject({ status: 'draft', version: 2 });
    const view = await policeAuditor.api.get(`/api/audits/${audit}`).expect(200);
    expect(
      list<{ type: string }>(view.body.timeline).filter(
        (entry) => entry.type === 'RETURN_SUBMITTED',
      ),
    ).toHaveLength(1);
  });

  it('lets only the agency’s own people write its returns', async () => {
    const { healthLead, manager, panelMember } = world.people;
    const { police } = world.agencies;
    for (const outsider of [healthLead, manager, panelMember]) {
      const response = await outsider.api
        .put(ret(police, 'B'), completeReturn())
        .set('If-Match', '"2"')
        .expect(403);
      expect(response.body.code).toBe('not-your-agency');
    }
  });

  it('lets only the business unit reopen a submitted return, with a reason', async () => {
    const { policeLead, officer, policeAuditor } = world.people;
    const { police } = world.agencies;
    const refused = await policeLead.api
      .post(`${ret(police, 'A')}/reopen`, { reason: 'I want to change it' })
      .expect(403);
    expect(refused.body.detail).toBe('Only the business unit can reopen a submitted audit return.');
    await officer.api.post(`${ret(police, 'A')}/reopen`, {}).expect(400);
    const reopened = await officer.api
      .post(`${ret(police, 'A')}/reopen`, {
        reason: 'The overall grade does not match the domain grades.',
      })
      .expect(200);
    expect(reopened.body).toMatchObject({ status: 'reopened', reopenCount: 1, version: 4 });
    await policeAuditor.api
      .put(ret(police, 'A'), completeReturn('requires-improvement'))
      .set('If-Match', '"4"')
      .expect(200);
    const resubmitted = await policeAuditor.api
      .post(`${ret(police, 'A')}/submit`)
      .set('If-Match', '"5"')
      .expect(200);
    expect(resubmitted.body).toMatchObject({
      status: 'submitted',
      overallGrade: 'requires-improvement',
      reopenCount: 1,
      late: false,
    });
  });

  it('moves the meeting with a reason, keeping the audit’s plan in step', async () => {
    const movedTo = workingDaysFromToday(35);
    const moved = await world.people.officer.api
      .post(`/api/audits/${audit}/events`, {
        type: 'MEETING_DATE_CHANGED',
        payload: { meetingOn: movedTo, reason: 'The chair is on leave.' },
      })
      .expect(200);
    expect(moved.body.plan.meetingOn).toBe(movedTo);
    const missingReason = await world.people.officer.api
      .post(`/api/audits/${audit}/events`, {
        type: 'MEETING_DATE_CHANGED',
        payload: { meetingOn: meetingOn },
      })
      .expect(422);
    expect(missingReason.body.detail).toBe('reason is required.');
  });

  it('emails the business manager and the chairs at once when an auditor raises a concern, with no case content', async () => {
    const { policeAuditor, manager, chair, auditChair, policeLead, healthLead } = world.people;
    const concernText = 'Bruising seen on Ben at the last visit, not followed up.';
    const raised = await policeAuditor.api
      .post(`/api/audits/${audit}/concerns`, { caseKey: 'B', concern: concernText })
      .set('Idempotency-Key', 'concern-b-1')
      .expect(201);
    expect(raised.body).toMatchObject({ caseKey: 'B', status: 'open', concern: concernText });
    const again = await policeAuditor.api
      .post(`/api/audits/${audit}/concerns`, { caseKey: 'B', concern: concernText })
      .set('Idempotency-Key', 'concern-b-1')
      .expect(200);
    expect(again.body.id).toBe(raised.body.id);

    for (const person of [manager, chair, auditChair, policeLead]) {
      const mail = await mailTo(harness, person.email);
      const parsed = await simpleParser(mail.raw);
      const shown = `${parsed.subject ?? ''}\n${parsed.text ?? ''}\n${parsed.html || ''}`;
      expect(parsed.subject).toMatch(/^Immediate concern raised in audit NSCP-CFA-\d{4}-001$/);
      expect(parsed.text).toContain(`Dear ${person.name},`);
      expect(parsed.text).toContain(`/instances/${audit}`);
      for (const secret of ['Bruising', 'Ben', 'Case B', 'Testchild', 'NP-10', 'domestic abuse']) {
        expect(shown).not.toContain(secret);
      }
    }
    const toHealth = harness.smtp.messages.filter(
      (mail) => isConcernMail(mail) && mail.to.includes(healthLead.email),
    );
    expect(toHealth).toHaveLength(0);
    const outbox = await world.dataSource.query<Array<{ payload: unknown }>>(
      `SELECT payload FROM outbox WHERE topic = 'immediate-concern-raised'`,
    );
    expect(outbox).toEqual([{ payload: { concernId: raised.body.id } }]);
    const told = await world.dataSource.query<Array<{ person_id: string; status: string }>>(
      `SELECT person_id, status FROM concern_notifications WHERE concern_id = $1`,
      [raised.body.id],
    );
    const byPerson = (a: { person_id: string }, b: { person_id: string }): number =>
      a.person_id.localeCompare(b.person_id);
    expect(told.sort(byPerson)).toEqual(
      [manager, chair, auditChair, policeLead]
        .map((person) => ({ person_id: person.id, status: 'sent' }))
        .sort(byPerson),
    );

    const view = await policeAuditor.api.get(`/api/audits/${audit}`).expect(200);
    expect(view.body.stage).toBe('Single-agency audits');
    expect(view.body.concerns).toEqual([
      expect.objectContaining({ id: raised.body.id, caseKey: 'B', status: 'open' }),
    ]);
    expect(JSON.stringify(view.body.timeline)).not.toContain('Bruising');
  });

  it('carries on while the concern is open, and records a return submitted after closing as late', async () => {
    const { policeAuditor, healthLead, manager, councilLead } = world.people;
    const { police, health, council } = world.agencies;
    for (const [caseKey, version] of [
      ['B', 2],
      ['C', 1],
      ['D', 2],
    ] as const) {
      await policeAuditor.api
        .put(ret(police, caseKey), completeReturn())
        .set('If-Match', `"${version}"`)
        .expect(200);
      await policeAuditor.api
        .post(`${ret(police, caseKey)}/submit`)
        .set('If-Match', `"${version + 1}"`)
        .expect(200);
    }
    for (const caseKey of ['A', 'B']) {
      await healthLead.api
        .put(ret(health, caseKey), completeReturn())
        .set('If-Match', '"1"')
        .expect(200);
      await healthLead.api
        .post(`${ret(health, caseKey)}/submit`)
        .set('If-Match', '"2"')
        .expect(200);
    }
    const before = await manager.api.get(`/api/audits/${audit}`).expect(200);
    const stale = await manager.api
      .post(`/api/audits/${audit}/events`, { type: 'AUDITS_CLOSED' })
      .set('If-Match', `"${before.body.version - 1}"`)
      .expect(409);
    expect(stale.body).toMatchObject({
      code: 'version-conflict',
      currentVersion: before.body.version,
    });
    const closed = await manager.api
      .post(`/api/audits/${audit}/events`, { type: 'AUDITS_CLOSED' })
      .set('If-Match', before.headers.etag)
      .set('Idempotency-Key', 'close-audits-1')
      .expect(200);
    expect(closed.body.stage).toBe('Audit meeting');
    const repeated = await manager.api
      .post(`/api/audits/${audit}/events`, { type: 'AUDITS_CLOSED' })
      .set('Idempotency-Key', 'close-audits-1')
      .expect(200);
    expect(repeated.body.version).toBe(closed.body.version);
    await councilLead.api
      .put(ret(council, 'C'), completeReturn())
      .set('If-Match', '"1"')
      .expect(200);
    const late = await councilLead.api
      .post(`${ret(council, 'C')}/submit`)
      .set('If-Match', '"2"')
      .expect(200);
    expect(late.body).toMatchObject({ status: 'submitted', late: true });
  });

  it('refuses a step that carries the audit’s own records on the general events endpoint', async () => {
    const response = await world.people.manager.api
      .post(`/api/audits/${audit}/events`, { type: 'MEETING_HELD', payload: {} })
      .expect(422);
    expect(response.body.detail).toContain('POST /api/audits/{instanceId}/meeting');
  });

  it('records the meeting’s moderated grades and findings, then the report, approval, action plan and learning', async () => {
    const { auditChair, manager, chair, officer, policeLead } = world.people;
    const today = todayInLondon();
    const met = await auditChair.api
      .post(`/api/audits/${audit}/meeting`, {
        heldOn: today,
        cases: [
          {
            caseKey: 'A',
            moderatedGrade: 'requires-improvement',
            findings: 'Voice of the child missing.',
          },
          { caseKey: 'B', moderatedGrade: 'inadequate', findings: 'Escalation was not followed.' },
          { caseKey: 'C', moderatedGrade: 'good' },
          { caseKey: 'D', moderatedGrade: 'good' },
        ],
        findings: 'Information sharing between police and health was slow.',
      })
      .expect(200);
    expect(met.body.stage).toBe('Overview report');
    expect(
      list<{ moderatedGrade: string }>(met.body.cases).map((entry) => entry.moderatedGrade),
    ).toEqual(['requires-improvement', 'inadequate', 'good', 'good']);
    const meetingEvent = list<{ type: string }>(met.body.timeline).find(
      (entry) => entry.type === 'MEETING_HELD',
    );
    expect(meetingEvent).toBeDefined();
    await manager.api
      .post(`/api/audits/${audit}/events`, {
        type: 'REPORT_SUBMITTED',
        payload: { recommendationIds: [randomUUID()] },
      })
      .expect(200);
    await chair.api.post(`/api/audits/${audit}/events`, { type: 'REPORT_APPROVED' }).expect(200);
    await manager.api
      .post(`/api/audits/${audit}/events`, { type: 'ACTION_PLAN_AGREED' })
      .expect(200);
    const shared = await officer.api
      .post(`/api/audits/${audit}/events`, {
        type: 'LEARNING_SHARED',
        payload: { format: 'bulletin' },
      })
      .expect(200);
    expect(shared.body.stage).toBe('Closure');
    const blocked = await auditChair.api
      .post(`/api/audits/${audit}/events`, {
        type: 'AUDIT_CLOSED',
        payload: { outcome: 'actions-complete' },
      })
      .expect(422);
    expect(blocked.body.detail).toContain('Record what was done about the open immediate concern');
    const concerns = await policeLead.api.get(`/api/audits/${audit}/concerns`).expect(200);
    await policeLead.api
      .post(`/api/audits/${audit}/concerns/${concerns.body[0].id}/actioned`, {
        actionTaken: 'Referred to the children’s services front door the same day.',
      })
      .expect(200);
  });

  it('closes the audit, its record showing every return, the late one, the reopened one and the concern', async () => {
    const { auditChair } = world.people;
    const { police, council } = world.agencies;
    const closed = await auditChair.api
      .post(`/api/audits/${audit}/events`, {
        type: 'AUDIT_CLOSED',
        payload: { outcome: 'actions-complete' },
      })
      .expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', stage: 'Closed' });
    expect(closed.body.returns).toHaveLength(7);
    expect(
      list<{ status: string }>(closed.body.returns).every((entry) => entry.status === 'submitted'),
    ).toBe(true);
    expect(closed.body.returns).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ agencyId: council, caseKey: 'C', late: true }),
        expect.objectContaining({ agencyId: police, caseKey: 'A', reopenCount: 1, late: false }),
      ]),
    );
    expect(list<{ late: boolean }>(closed.body.returns).filter((entry) => entry.late)).toHaveLength(
      1,
    );
    expect(closed.body.concerns).toEqual([expect.objectContaining({ status: 'actioned' })]);
    expect(closed.body.meeting.findings).toBe(
      'Information sharing between police and health was slow.',
    );
    const types = list<{ type: string }>(closed.body.timeline).map((entry) => entry.type);
    for (const type of [
      'engine.started',
      'PLAN_AGREED',
      'CASES_SELECTED',
      'INVOLVEMENT_CONFIRMED',
      'RETURN_SAVED',
      'RETURN_SUBMITTED',
      'RETURN_REOPENED',
      'CONCERN_RAISED',
      'AUDITS_CLOSED',
      'MEETING_HELD',
      'CONCERN_ACTIONED',
      'REPORT_SUBMITTED',
      'REPORT_APPROVED',
      'ACTION_PLAN_AGREED',
      'LEARNING_SHARED',
      'AUDIT_CLOSED',
    ]) {
      expect(types).toContain(type);
    }
  });
});
