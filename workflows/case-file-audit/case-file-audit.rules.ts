import type { ActorContext, PartnershipRole } from '../shared/roles';
import { isGrade } from './grades';
import { isStepKey } from './case-file-audit.steps';
import {
  CLOSURE_OUTCOMES,
  LEARNING_FORMATS,
  type AgencyReturn,
  type CaseFileAuditContext,
  type CaseFileAuditEvent,
} from './case-file-audit.types';

const BUSINESS_UNIT: readonly PartnershipRole[] = ['business-manager', 'business-officer'];
const CASE_KEY = /^[A-Z]$/;
/** Agency ids as the engine stores them (it opens one task per id), lower-case UUIDs. */
const AGENCY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Why an event may not be applied to an audit in this state, or null when it may. Used both by the
 * machine's guard (so the machine never records an impossible event) and by the definition's
 * checks (so the person sees the reason). Payload shapes and dates against today are checked
 * only in the definition (case-file-audit.checks.ts).
 */
export function eventRefusal(
  context: CaseFileAuditContext,
  event: CaseFileAuditEvent,
): string | null {
  switch (event.type) {
    case 'PLAN_AGREED':
    case 'ACTION_PLAN_AGREED':
      return null;
    case 'MEETING_DATE_CHANGED':
      if (!context.plan) return 'No meeting date has been planned yet.';
      if (context.plan.meetingOn === event.meetingOn) {
        return `The meeting is already planned for ${event.meetingOn}.`;
      }
      return blank(event.reason) ? 'Give a reason for moving the meeting.' : null;
    case 'CASES_SELECTED':
      return caseSelectionRefusal(event.caseKeys, event.agencyIds);
    case 'INVOLVEMENT_CONFIRMED':
      if (!context.agencyIds.includes(event.agencyId)) {
        return 'That agency was not asked about involvement in this audit.';
      }
      if (!actsForAgency(event.actor, event.agencyId, true)) {
        return 'You can confirm involvement only for your own agency.';
      }
      if (new Set(event.caseKeys).size !== event.caseKeys.length) {
        return 'A case is listed twice.';
      }
      return unknownCaseRefusal(context, event.caseKeys);
    case 'RETURN_SAVED':
    case 'RETURN_SUBMITTED': {
      const refusal = returnRefusal(context, event.agencyId, event.caseKey);
      if (refusal) return refusal;
      if (!actsForAgency(event.actor, event.agencyId, false)) {
        return "You can work only on your own agency's audit returns.";
      }
      return findReturn(context, event.agencyId, event.caseKey)?.status === 'submitted'
        ? 'That return has been submitted; only the business unit can reopen it.'
        : null;
    }
    case 'RETURN_REOPENED': {
      const refusal = returnRefusal(context, event.agencyId, event.caseKey);
      if (refusal) return refusal;
      if (findReturn(context, event.agencyId, event.caseKey)?.status !== 'submitted') {
        return 'Only a submitted return can be reopened.';
      }
      return blank(event.reason) ? 'Give a reason for reopening the return.' : null;
    }
    case 'AUDITS_CLOSED':
      return context.returns.some((entry) => entry.status === 'submitted')
        ? null
        : 'No audit return has been submitted yet.';
    case 'MEETING_HELD':
      return moderationRefusal(context, event.moderatedGrades);
    case 'REPORT_SUBMITTED':
      if (event.recommendationIds.some(blank)) return 'A recommendation id is empty.';
      return new Set(event.recommendationIds).size === event.recommendationIds.length
        ? null
        : 'A recommendation is listed twice.';
    case 'REPORT_APPROVED':
      return context.recommendationIds.length > 0
        ? null
        : 'The report has no recommendations; send it back for them to be added.';
    case 'REPORT_SENT_BACK':
      return blank(event.reason) ? 'Give a reason for sending the report back.' : null;
    case 'LEARNING_SHARED':
      return LEARNING_FORMATS.includes(event.format) ? null : 'Choose how the learning was shared.';
    case 'AUDIT_CLOSED':
      if (!CLOSURE_OUTCOMES.includes(event.outcome)) return 'Choose why the audit is closing.';
      return openConcernRefusal(context, 'closing');
    case 'AUDIT_CANCELLED':
      if (blank(event.reason)) return 'Give a reason for cancelling the audit.';
      return openConcernRefusal(context, 'cancelling');
    case 'DUE_DATE_CHANGED':
      if (!isStepKey(event.stepKey)) return `This audit has no step ${event.stepKey}.`;
      return blank(event.reason) ? 'Give a reason for changing the due date.' : null;
    case 'CONCERN_RAISED':
      if (blank(event.concernId)) return 'The concern needs an id.';
      if (context.concerns.some((concern) => concern.id === event.concernId)) {
        return 'That concern has already been raised.';
      }
      return event.caseKey === undefined ? null : unknownCaseRefusal(context, [event.caseKey]);
    case 'CONCERN_ACTIONED': {
      const concern = context.concerns.find((entry) => entry.id === event.concernId);
      if (!concern) return 'There is no immediate concern with that id in this audit.';
      return concern.status === 'open'
        ? null
        : 'What was done about that concern has already been recorded.';
    }
  }
}

export function findReturn(
  context: CaseFileAuditContext,
  agencyId: string,
  caseKey: string,
): AgencyReturn | undefined {
  return context.returns.find((entry) => entry.agencyId === agencyId && entry.caseKey === caseKey);
}

export function isBusinessUnit(actor: ActorContext): boolean {
  return BUSINESS_UNIT.some((role) => actor.partnershipRoles.includes(role));
}

/** The engine acts as itself; a person acts for their own agency (or the business unit may, where allowed). */
function actsForAgency(actor: ActorContext, agencyId: string, businessUnitMay: boolean): boolean {
  if (actor.kind === 'system') return true;
  if (businessUnitMay && isBusinessUnit(actor)) return true;
  return actor.agencyId === agencyId;
}

function caseSelectionRefusal(caseKeys: string[], agencyIds: string[]): string | null {
  if (caseKeys.length === 0) return 'Select at least one case.';
  const badKey = caseKeys.find((key) => !CASE_KEY.test(key));
  if (badKey !== undefined) {
    return `Case keys are single capital letters (Case A, Case B...), not ${JSON.stringify(badKey)}.`;
  }
  if (new Set(caseKeys).size !== caseKeys.length) return 'A case key is used twice.';
  if (agencyIds.length === 0) return 'Ask at least one agency about involvement.';
  const badAgency = agencyIds.find((id) => !AGENCY_ID.test(id));
  if (badAgency !== undefined) return `${JSON.stringify(badAgency)} is not an agency id.`;
  return new Set(agencyIds).size === agencyIds.length ? null : 'An agency is listed twice.';
}

function unknownCaseRefusal(context: CaseFileAuditContext, caseKeys: string[]): string | null {
  const unknown = caseKeys.find((key) => !context.cases.some((entry) => entry.key === key));
  return unknown === undefined ? null : `There is no Case ${unknown} in this audit.`;
}

function returnRefusal(
  context: CaseFileAuditContext,
  agencyId: string,
  caseKey: string,
): string | null {
  if (!context.agencyIds.includes(agencyId)) {
    return 'That agency was not asked to take part in this audit.';
  }
  const unknownCase = unknownCaseRefusal(context, [caseKey]);
  if (unknownCase) return unknownCase;
  return findReturn(context, agencyId, caseKey)
    ? null
    : `That agency did not report contact with Case ${caseKey}, so it has no return for it.`;
}

function moderationRefusal(
  context: CaseFileAuditContext,
  grades: Record<string, unknown>,
): string | null {
  const unknown = unknownCaseRefusal(context, Object.keys(grades));
  if (unknown) return unknown;
  const missing = context.cases.find((entry) => !isGrade(grades[entry.key]));
  return missing ? `Record a moderated grade for ${missing.pseudonym}.` : null;
}

function openConcernRefusal(context: CaseFileAuditContext, doing: string): string | null {
  const open = context.concerns.filter((concern) => concern.status === 'open').length;
  if (open === 0) return null;
  const concerns =
    open === 1 ? 'the open immediate concern' : `all ${open} open immediate concerns`;
  return `Record what was done about ${concerns} before ${doing} the audit.`;
}

function blank(value: string): boolean {
  return value.trim() === '';
}
