import type { AnyMachineSnapshot } from 'xstate';
import { BusinessCalendar, computeDueDate } from '../../src/calendar';
import { actor, send, start } from '../shared/machine-testing';
import type { ActorContext } from '../shared/roles';
import { activeSteps } from '../shared/steps';
import { caseFileAuditDefinition } from './case-file-audit.definition';
import type { CaseFileAuditContext } from './case-file-audit.types';

/** Shared by the case file audit specs: the people, a driver that fails loudly, and a happy path. */
export const calendar = new BusinessCalendar();

/** Agencies are known by their ids, lower-case UUIDs as the engine stores them. */
export const POLICE = '00000000-0000-4000-8000-00000000a001';
export const HEALTH = '00000000-0000-4000-8000-00000000a002';
export const COUNCIL = '00000000-0000-4000-8000-00000000a003';
export const PROBATION = '00000000-0000-4000-8000-00000000a004';
const AGENCY_IDS = { police: POLICE, health: HEALTH, council: COUNCIL } as const;

export const people = {
  businessManager: actor({ partnership: ['business-manager'], personId: 'business-manager' }),
  businessOfficer: actor({ partnership: ['business-officer'], personId: 'business-officer' }),
  partnershipChair: actor({ partnership: ['partnership-chair'], personId: 'partnership-chair' }),
  leadPartner: actor({ partnership: ['lead-safeguarding-partner'], personId: 'lead-partner' }),
  boardMember: actor({ partnership: ['board-member'], personId: 'board-member' }),
  auditChair: actor({ instance: ['panel-chair'], personId: 'audit-chair' }),
  policeAuditor: agencyPerson('police', 'audit-group-member'),
  policeLead: agencyPerson('police', 'agency-safeguarding-lead'),
  healthAuditor: agencyPerson('health', 'audit-group-member'),
  healthLead: agencyPerson('health', 'agency-safeguarding-lead'),
  councilAuditor: agencyPerson('council', 'audit-group-member'),
  actionOwner: actor({ instance: ['action-owner'], agencyId: COUNCIL, personId: 'owner' }),
};

function agencyPerson(
  agency: keyof typeof AGENCY_IDS,
  role: 'audit-group-member' | 'agency-safeguarding-lead',
): ActorContext {
  return actor({ instance: [role], agencyId: AGENCY_IDS[agency], personId: `${agency}-${role}` });
}

export type Event = { type: string; on: string; [key: string]: unknown };

export interface Applied {
  snapshot: AnyMachineSnapshot;
  actions: Array<{ type: string; params?: unknown }>;
}

/** Sends an event on its own `on` date as the engine would, and fails the test if it is refused. */
export function apply(snapshot: AnyMachineSnapshot, event: Event, by: ActorContext): Applied {
  const result = send(caseFileAuditDefinition, snapshot, event, by, { today: event.on, calendar });
  if (result.outcome !== 'applied') {
    throw new Error(`${event.type} was not applied: ${JSON.stringify(result)}`);
  }
  return { snapshot: result.snapshot, actions: result.actions };
}

/** The outcome of sending an event that is expected to be refused. */
export function attempt(snapshot: AnyMachineSnapshot, event: Event, by: ActorContext) {
  return send(caseFileAuditDefinition, snapshot, event, by, { today: event.on, calendar });
}

export function contextOf(snapshot: AnyMachineSnapshot): CaseFileAuditContext {
  return snapshot.context as CaseFileAuditContext;
}

/** Each open step's due date as the engine computes it: the business unit's date wins over the rule. */
export function dueDates(snapshot: AnyMachineSnapshot): Record<string, string | null> {
  const context = contextOf(snapshot);
  return Object.fromEntries(
    activeSteps(snapshot).map((step) => [
      step.key,
      context.dueOverrides[step.key] ??
        (step.due ? computeDueDate(step.due, context.dates, calendar) : null),
    ]),
  );
}

export function effects(applied: Applied): Array<{ type: string; params?: unknown }> {
  return applied.actions
    .filter((action) => action.type.startsWith('effect.'))
    .map(({ type, params }) => ({ type, params }));
}

export function startAudit(): AnyMachineSnapshot {
  return start(caseFileAuditDefinition.machine, { openedOn: '2025-11-03' });
}

/**
 * The happy path of one audit: meeting on Wednesday 14 January 2026, three agencies, four cases
 * (health had contact with Case A and Case C only), every return on time.
 */
export const HAPPY_PATH: ReadonlyArray<{ state: string; event: Event; by: ActorContext }> = [
  {
    state: 'planning',
    by: people.businessManager,
    event: {
      type: 'PLAN_AGREED',
      on: '2025-11-03',
      theme: 'Child protection plans with a domestic abuse component',
      scope: 'Children on a child protection plan for domestic abuse in the last year',
      lookBackMonths: 12,
      auditToolId: 'cfa-tool-domestic-abuse',
      auditToolVersion: 2,
      meetingOn: '2026-01-14',
    },
  },
  {
    state: 'caseSelection',
    by: people.businessOfficer,
    event: {
      type: 'CASES_SELECTED',
      on: '2025-11-10',
      caseKeys: ['A', 'B', 'C', 'D'],
      agencyIds: [POLICE, HEALTH, COUNCIL],
    },
  },
  ...(['police', 'health', 'council'] as const).map((agency) => ({
    state: 'involvementCheck',
    by: people[`${agency}Auditor`],
    event: {
      type: 'INVOLVEMENT_CONFIRMED',
      on: '2025-11-14',
      agencyId: AGENCY_IDS[agency],
      caseKeys: agency === 'health' ? ['C', 'A'] : ['A', 'B', 'C', 'D'],
    },
  })),
  ...(
    [
      ['police', 'A'],
      ['police', 'B'],
      ['police', 'C'],
      ['police', 'D'],
      ['health', 'A'],
      ['health', 'C'],
      ['council', 'A'],
      ['council', 'B'],
      ['council', 'C'],
      ['council', 'D'],
    ] as const
  ).map(([agency, caseKey]) => ({
    state: 'singleAgencyAudits',
    by: people[`${agency}Auditor`],
    event: { type: 'RETURN_SUBMITTED', on: '2025-12-19', agencyId: AGENCY_IDS[agency], caseKey },
  })),
  {
    state: 'auditMeeting',
    by: people.auditChair,
    event: {
      type: 'MEETING_HELD',
      on: '2026-01-14',
      heldOn: '2026-01-14',
      moderatedGrades: { A: 'good', B: 'requires-improvement', C: 'inadequate', D: 'outstanding' },
    },
  },
  {
    state: 'overviewReport',
    by: people.businessManager,
    event: {
      type: 'REPORT_SUBMITTED',
      on: '2026-02-06',
      recommendationIds: ['rec-1', 'rec-2'],
      approvalMeetingOn: '2026-02-20',
    },
  },
  {
    state: 'approval',
    by: people.partnershipChair,
    event: { type: 'REPORT_APPROVED', on: '2026-02-20' },
  },
  {
    state: 'actionPlan',
    by: people.businessManager,
    event: { type: 'ACTION_PLAN_AGREED', on: '2026-03-02' },
  },
  {
    state: 'sharingLearning',
    by: people.businessOfficer,
    event: { type: 'LEARNING_SHARED', on: '2026-03-10', format: 'seven-minute-briefing' },
  },
  {
    state: 'closure',
    by: people.auditChair,
    event: { type: 'AUDIT_CLOSED', on: '2026-06-30', outcome: 'actions-complete' },
  },
];

/** Runs the happy path until the audit stands in `state`, ready for its first event there. */
export function auditIn(state: string): AnyMachineSnapshot {
  const until = HAPPY_PATH.findIndex((step) => step.state === state);
  if (until < 0) throw new Error(`The happy path never stands in ${state}`);
  return HAPPY_PATH.slice(0, until).reduce(
    (snapshot, step) => apply(snapshot, step.event, step.by).snapshot,
    startAudit(),
  );
}

/** The audit region's state name, e.g. `singleAgencyAudits`, or `closed` once it has ended. */
export function auditState(snapshot: AnyMachineSnapshot): string {
  const value = snapshot.value as string | { live: { audit: string } };
  return typeof value === 'string' ? value : value.live.audit;
}

export function concernsState(snapshot: AnyMachineSnapshot): string | undefined {
  const value = snapshot.value as string | { live: { concerns: string } };
  return typeof value === 'string' ? undefined : value.live.concerns;
}
