import { transition, type AnyStateNode } from 'xstate';
import { validateDueRule } from '../../src/calendar';
import { actor, send } from '../shared/machine-testing';
import { permissionRefusal } from '../shared/permissions';
import { INSTANCE_ROLES, PARTNERSHIP_ROLES, type ActorContext } from '../shared/roles';
import type { StateMeta, StepDeclaration } from '../shared/steps';
import { caseFileAuditDefinition } from './case-file-audit.definition';
import { CASE_FILE_AUDIT_EFFECTS, caseFileAuditMachine } from './case-file-audit.machine';
import { STEPS } from './case-file-audit.steps';
import {
  apply,
  attempt,
  auditIn,
  calendar,
  contextOf,
  people,
  startAudit,
  type Event,
  COUNCIL,
  HEALTH,
  POLICE,
  PROBATION,
} from './case-file-audit.spec-support';
import type { CaseFileAuditContext } from './case-file-audit.types';

function allStateNodes(node: AnyStateNode = caseFileAuditMachine.root): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap((child) => allStateNodes(child))];
}

function declaredSteps(): StepDeclaration[] {
  return allStateNodes().flatMap((node) => (node.meta as StateMeta | undefined)?.steps ?? []);
}

const machineEvents = caseFileAuditMachine.root.events.filter(
  (type) => !String(type).startsWith('xstate.'),
);

describe('case file audit definition', () => {
  it('is the versioned multi-agency case file audit', () => {
    expect(caseFileAuditDefinition).toMatchObject({
      key: 'case-file-audit',
      version: 1,
      title: 'Multi-agency case file audit',
      referenceCode: 'CFA',
    });
  });

  describe('declarations', () => {
    it('gives every event in the machine a permission entry, and every permission names a real event', () => {
      expect([...machineEvents].sort()).toEqual(
        Object.keys(caseFileAuditDefinition.permissions).sort(),
      );
      expect(machineEvents.length).toBeGreaterThanOrEqual(19);
    });

    it('checks every event a person can send', () => {
      expect(Object.keys(caseFileAuditDefinition.checks ?? {}).sort()).toEqual(
        Object.keys(caseFileAuditDefinition.permissions).sort(),
      );
    });

    it('lists every effect the machine can emit, so the engine can refuse to boot without a handler', () => {
      const declared = Object.keys(caseFileAuditMachine.implementations.actions).filter((name) =>
        name.startsWith('effect.'),
      );
      expect(declared.sort()).toEqual([...CASE_FILE_AUDIT_EFFECTS].sort());
    });

    it('declares each step once, with a valid due rule, and uses every step', () => {
      const steps = declaredSteps();
      const keys = steps.map((step) => step.key);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys.sort()).toEqual(
        Object.values(STEPS)
          .map((step) => step.key)
          .sort(),
      );
      for (const step of steps) {
        if (step.due) expect([step.key, validateDueRule(step.due)]).toEqual([step.key, []]);
      }
    });

    it('points each-agency steps at lists of agency ids in the context', () => {
      const context = contextOf(auditIn('singleAgencyAudits'));
      const eachAgency = declaredSteps().flatMap((step) =>
        step.assignee.kind === 'each-agency' ? [step.assignee.contextKey] : [],
      );
      expect(eachAgency.length).toBeGreaterThan(0);
      for (const key of eachAgency) {
        const value = context[key as keyof CaseFileAuditContext];
        expect([key, Array.isArray(value)]).toEqual([key, true]);
      }
      expect(context.agenciesWithReturnsOutstanding).toEqual([POLICE, HEALTH, COUNCIL]);
    });

    it('keeps step titles plain: no case pseudonym, theme or placeholder', () => {
      for (const step of declaredSteps()) {
        expect(step.title).not.toMatch(/Case [A-Z]\b|domestic|\{|\$/);
      }
    });

    it('marks the states that end the audit as final for the engine', () => {
      const finals = allStateNodes()
        .filter((node) => (node.meta as StateMeta | undefined)?.final)
        .map((node) => node.key);
      expect(finals.sort()).toEqual(['cancelled', 'closed']);
    });
  });

  describe('who may send what', () => {
    const allowed: Record<string, readonly string[]> = {
      PLAN_AGREED: ['business-manager', 'business-officer', 'panel-chair'],
      MEETING_DATE_CHANGED: ['business-manager', 'business-officer'],
      CASES_SELECTED: ['business-manager', 'business-officer'],
      INVOLVEMENT_CONFIRMED: [
        'business-manager',
        'business-officer',
        'audit-group-member',
        'agency-safeguarding-lead',
      ],
      RETURN_SAVED: ['audit-group-member', 'agency-safeguarding-lead'],
      RETURN_SUBMITTED: ['audit-group-member', 'agency-safeguarding-lead'],
      RETURN_REOPENED: ['business-manager', 'business-officer'],
      AUDITS_CLOSED: ['business-manager', 'business-officer'],
      MEETING_HELD: ['partnership-chair', 'panel-chair'],
      REPORT_SUBMITTED: ['business-manager', 'business-officer', 'panel-chair'],
      REPORT_APPROVED: ['partnership-chair', 'lead-safeguarding-partner'],
      REPORT_SENT_BACK: ['partnership-chair', 'lead-safeguarding-partner'],
      ACTION_PLAN_AGREED: ['business-manager', 'business-officer', 'panel-chair'],
      LEARNING_SHARED: ['business-manager', 'business-officer'],
      AUDIT_CLOSED: ['partnership-chair', 'panel-chair'],
      AUDIT_CANCELLED: ['business-manager', 'partnership-chair'],
      DUE_DATE_CHANGED: ['business-manager', 'business-officer'],
      CONCERN_RAISED: [
        'business-manager',
        'business-officer',
        'partnership-chair',
        'panel-chair',
        'panel-member',
        'audit-group-member',
        'agency-safeguarding-lead',
      ],
      CONCERN_ACTIONED: [
        'business-manager',
        'business-officer',
        'partnership-chair',
        'panel-chair',
        'agency-safeguarding-lead',
      ],
    };
    const roles: Array<[string, ActorContext]> = [
      ...PARTNERSHIP_ROLES.map((role): [string, ActorContext] => [
        role,
        actor({ partnership: [role] }),
      ]),
      ...INSTANCE_ROLES.map((role): [string, ActorContext] => [
        role,
        actor({ instance: [role], agencyId: POLICE }),
      ]),
    ];
    const rows = Object.keys(allowed).flatMap((type) =>
      roles.map(([role, by]): [string, string, ActorContext, boolean] => [
        type,
        role,
        by,
        allowed[type].includes(role),
      ]),
    );

    it('has a row for every event the definition permits', () => {
      expect(Object.keys(allowed).sort()).toEqual(
        Object.keys(caseFileAuditDefinition.permissions).sort(),
      );
    });

    it.each(rows)('%s by a %s: allowed %s', (type, _role, by, expected) => {
      const refusal = permissionRefusal(caseFileAuditDefinition, type, by);
      expect(refusal).toBe(expected ? null : caseFileAuditDefinition.permissions[type].reason);
    });

    it('lets the engine itself send anything', () => {
      expect(permissionRefusal(caseFileAuditDefinition, 'AUDITS_CLOSED', actor())).not.toBeNull();
      expect(
        permissionRefusal(caseFileAuditDefinition, 'AUDITS_CLOSED', {
          ...actor(),
          kind: 'system',
        }),
      ).toBeNull();
    });

    it.each<[string, Event, ActorContext, string]>([
      [
        'a board member agreeing the plan',
        { type: 'PLAN_AGREED', on: '2025-11-03' },
        people.boardMember,
        'Only the business unit or the audit group chair can agree the audit plan.',
      ],
      [
        'an auditor reopening a return',
        { type: 'RETURN_REOPENED', on: '2025-12-15' },
        people.policeAuditor,
        'Only the business unit can reopen a submitted audit return.',
      ],
      [
        'the business officer submitting an agency return',
        { type: 'RETURN_SUBMITTED', on: '2025-12-15' },
        people.businessOfficer,
        "Only the agency's safeguarding lead or auditors can submit its audit returns.",
      ],
      [
        'an agency lead recording the meeting',
        { type: 'MEETING_HELD', on: '2026-01-14' },
        people.policeLead,
        'Only the chair can record the audit meeting and its moderated grades.',
      ],
      [
        'the business manager approving the report',
        { type: 'REPORT_APPROVED', on: '2026-02-20' },
        people.businessManager,
        'Only the partnership chair or a lead safeguarding partner can approve the report.',
      ],
      [
        'an auditor changing a due date',
        { type: 'DUE_DATE_CHANGED', on: '2025-12-01' },
        people.councilAuditor,
        'Only the business unit can change a due date.',
      ],
      [
        'an action owner closing the audit',
        { type: 'AUDIT_CLOSED', on: '2026-06-30' },
        people.actionOwner,
        'Only the chair can close the audit.',
      ],
      [
        'a board member raising a concern',
        { type: 'CONCERN_RAISED', on: '2025-12-01' },
        people.boardMember,
        "Only the audit's members can raise an immediate concern.",
      ],
    ])('refuses %s with 403 and the reason', (_name, event, by, reason) => {
      expect(attempt(startAudit(), event, by)).toEqual({ outcome: 'forbidden', reason });
    });
  });

  describe('business rules', () => {
    const plan = {
      type: 'PLAN_AGREED',
      on: '2025-11-03',
      theme: 'Early help',
      scope: 'Children referred to early help',
      lookBackMonths: 12,
      auditToolId: 'tool',
      auditToolVersion: 1,
      meetingOn: '2026-01-14',
    };
    const returnFor = (agencyId: string, caseKey: string, on = '2025-12-01') => ({
      type: 'RETURN_SUBMITTED',
      on,
      agencyId,
      caseKey,
    });
    const probationAuditor = actor({ instance: ['audit-group-member'], agencyId: PROBATION });

    it.each<[string, string, Event, ActorContext, string]>([
      [
        'a meeting date in the past',
        'planning',
        { ...plan, meetingOn: '2025-10-01' },
        people.businessManager,
        'The meeting date must be in the future.',
      ],
      [
        'a meeting on Christmas Day',
        'planning',
        { ...plan, meetingOn: '2025-12-25' },
        people.businessManager,
        'The meeting date 2025-12-25 is not a working day.',
      ],
      [
        'a plan with no theme',
        'planning',
        { ...plan, theme: '' },
        people.businessManager,
        'theme is required.',
      ],
      [
        'a look-back of no months',
        'planning',
        { ...plan, lookBackMonths: 0 },
        people.businessManager,
        'lookBackMonths must be a whole number from 1 to 120.',
      ],
      [
        'a malformed meeting date',
        'planning',
        { ...plan, meetingOn: '14/01/2026' },
        people.businessManager,
        'meetingOn must be a date written YYYY-MM-DD.',
      ],
      [
        'a case key used twice',
        'caseSelection',
        { type: 'CASES_SELECTED', on: '2025-11-10', caseKeys: ['A', 'A'], agencyIds: [POLICE] },
        people.businessOfficer,
        'A case key is used twice.',
      ],
      [
        'a case key that is a name rather than a letter',
        'caseSelection',
        { type: 'CASES_SELECTED', on: '2025-11-10', caseKeys: ['Harry'], agencyIds: [POLICE] },
        people.businessOfficer,
        'Case keys are single capital letters (Case A, Case B...), not "Harry".',
      ],
      [
        'an agency named rather than given by id',
        'caseSelection',
        { type: 'CASES_SELECTED', on: '2025-11-10', caseKeys: ['A'], agencyIds: ['police'] },
        people.businessOfficer,
        '"police" is not an agency id.',
      ],
      [
        'no cases',
        'caseSelection',
        { type: 'CASES_SELECTED', on: '2025-11-10', caseKeys: [], agencyIds: [POLICE] },
        people.businessOfficer,
        'Select at least one case.',
      ],
      [
        'involvement from an agency not asked',
        'involvementCheck',
        { type: 'INVOLVEMENT_CONFIRMED', on: '2025-11-12', agencyId: PROBATION, caseKeys: [] },
        people.businessOfficer,
        'That agency was not asked about involvement in this audit.',
      ],
      [
        "involvement confirmed for another agency by an agency's lead",
        'involvementCheck',
        { type: 'INVOLVEMENT_CONFIRMED', on: '2025-11-12', agencyId: HEALTH, caseKeys: ['A'] },
        people.policeLead,
        'You can confirm involvement only for your own agency.',
      ],
      [
        'involvement with a case not in the audit',
        'involvementCheck',
        { type: 'INVOLVEMENT_CONFIRMED', on: '2025-11-12', agencyId: POLICE, caseKeys: ['E'] },
        people.policeLead,
        'There is no Case E in this audit.',
      ],
      [
        'a return for an agency not asked',
        'singleAgencyAudits',
        returnFor(PROBATION, 'A'),
        probationAuditor,
        'That agency was not asked to take part in this audit.',
      ],
      [
        'a return for a case the agency had no contact with',
        'singleAgencyAudits',
        returnFor(HEALTH, 'B'),
        people.healthAuditor,
        'That agency did not report contact with Case B, so it has no return for it.',
      ],
      [
        "a return for another agency's case",
        'singleAgencyAudits',
        returnFor(POLICE, 'A'),
        people.healthAuditor,
        "You can work only on your own agency's audit returns.",
      ],
      [
        'a reopened return without a reason',
        'singleAgencyAudits',
        { ...returnFor(POLICE, 'A'), type: 'RETURN_REOPENED', reason: '  ' },
        people.businessOfficer,
        'reason is required.',
      ],
      [
        'reopening a return that was never submitted',
        'singleAgencyAudits',
        { ...returnFor(POLICE, 'A'), type: 'RETURN_REOPENED', reason: 'Check' },
        people.businessOfficer,
        'Only a submitted return can be reopened.',
      ],
      [
        'closing the audits before any return is in',
        'singleAgencyAudits',
        { type: 'AUDITS_CLOSED', on: '2025-12-01' },
        people.businessOfficer,
        'No audit return has been submitted yet.',
      ],
      [
        'moving the meeting to the date it is already on',
        'singleAgencyAudits',
        { type: 'MEETING_DATE_CHANGED', on: '2025-12-01', meetingOn: '2026-01-14', reason: 'x' },
        people.businessOfficer,
        'The meeting is already planned for 2026-01-14.',
      ],
      [
        'a due date for a step the audit does not have',
        'singleAgencyAudits',
        {
          type: 'DUE_DATE_CHANGED',
          on: '2025-12-01',
          stepKey: 'made-up-step',
          dueOn: '2025-12-12',
          reason: 'x',
        },
        people.businessOfficer,
        'This audit has no step made-up-step.',
      ],
      [
        'a due date in the past',
        'singleAgencyAudits',
        {
          type: 'DUE_DATE_CHANGED',
          on: '2025-12-01',
          stepKey: 'complete-agency-audit-returns',
          dueOn: '2025-11-28',
          reason: 'x',
        },
        people.businessOfficer,
        'A due date cannot be set in the past.',
      ],
      [
        'a due date changed without a reason',
        'singleAgencyAudits',
        {
          type: 'DUE_DATE_CHANGED',
          on: '2025-12-01',
          stepKey: 'complete-agency-audit-returns',
          dueOn: '2025-12-12',
        },
        people.businessOfficer,
        'reason is required.',
      ],
      [
        'a meeting with a case left ungraded',
        'auditMeeting',
        {
          type: 'MEETING_HELD',
          on: '2026-01-14',
          heldOn: '2026-01-14',
          moderatedGrades: { A: 'good', B: 'good', C: 'good' },
        },
        people.auditChair,
        'Record a moderated grade for Case D.',
      ],
      [
        'a grade off the scale',
        'auditMeeting',
        {
          type: 'MEETING_HELD',
          on: '2026-01-14',
          heldOn: '2026-01-14',
          moderatedGrades: { A: 'excellent', B: 'good', C: 'good', D: 'good' },
        },
        people.auditChair,
        'moderatedGrades must give each case a grade: outstanding, good, requires-improvement or inadequate.',
      ],
      [
        'a meeting recorded before it is held',
        'auditMeeting',
        {
          type: 'MEETING_HELD',
          on: '2026-01-13',
          heldOn: '2026-01-14',
          moderatedGrades: { A: 'good', B: 'good', C: 'good', D: 'good' },
        },
        people.auditChair,
        'The meeting cannot be recorded before it is held.',
      ],
      [
        'a recommendation listed twice',
        'overviewReport',
        { type: 'REPORT_SUBMITTED', on: '2026-02-06', recommendationIds: ['rec-1', 'rec-1'] },
        people.businessManager,
        'A recommendation is listed twice.',
      ],
      [
        'learning shared in an unknown way',
        'sharingLearning',
        { type: 'LEARNING_SHARED', on: '2026-03-10', format: 'tweet' },
        people.businessOfficer,
        'format must be one of: bulletin, seven-minute-briefing, learning-event, other.',
      ],
      [
        'closing without saying why',
        'closure',
        { type: 'AUDIT_CLOSED', on: '2026-06-30' },
        people.auditChair,
        'outcome must be one of: actions-complete, moved-to-improvement-plan.',
      ],
    ])('refuses %s (in %s) with the reason', (_name, state, event, by, reason) => {
      const snapshot = auditIn(state);
      expect(attempt(snapshot, event, by)).toEqual({ outcome: 'rejected', reason });
    });

    it('refuses a submitted return being saved again until the business unit reopens it', () => {
      let snapshot = auditIn('singleAgencyAudits');
      snapshot = apply(snapshot, returnFor(POLICE, 'A'), people.policeAuditor).snapshot;
      expect(
        attempt(snapshot, { ...returnFor(POLICE, 'A'), type: 'RETURN_SAVED' }, people.policeLead),
      ).toEqual({
        outcome: 'rejected',
        reason: 'That return has been submitted; only the business unit can reopen it.',
      });
    });

    it('refuses an event dated other than today', () => {
      const result = send(caseFileAuditDefinition, startAudit(), plan, people.businessManager, {
        today: '2025-11-04',
        calendar,
      });
      expect(result).toEqual({
        outcome: 'rejected',
        reason: "on must be today's date, 2025-11-04.",
      });
    });

    it('refuses on its own, without the checks, an event that breaks the audit rules', () => {
      const snapshot = auditIn('singleAgencyAudits');
      const [next] = transition(
        caseFileAuditMachine,
        snapshot as never,
        {
          ...returnFor(POLICE, 'A'),
          type: 'RETURN_SUBMITTED',
          actor: people.healthAuditor,
        } as never,
      );
      expect(next.context).toBe(snapshot.context);
      const [reopened] = transition(
        caseFileAuditMachine,
        snapshot as never,
        {
          ...returnFor(POLICE, 'A'),
          type: 'RETURN_REOPENED',
          reason: 'Never submitted',
          actor: people.businessOfficer,
        } as never,
      );
      expect(reopened.context).toBe(snapshot.context);
    });
  });
});
