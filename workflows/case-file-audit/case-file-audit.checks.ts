import { isIsoDate, type BusinessCalendar } from '../../src/calendar';
import type { EventCheck } from '../shared/definition';
import type { IsoDate } from '../shared/due-rule';
import { isGrade } from './grades';
import { eventRefusal } from './case-file-audit.rules';
import {
  CLOSURE_OUTCOMES,
  LEARNING_FORMATS,
  type CaseFileAuditContext,
  type CaseFileAuditEvent,
  type CaseFileAuditEventType,
} from './case-file-audit.types';

/** What is wrong with one field of an event as received, naming the field; null when fine. */
type FieldRule = (value: unknown, field: string) => string | null;

const TEXT_MAX = 2000;

const text: FieldRule = (value, field) => {
  if (typeof value !== 'string' || value.trim() === '') return `${field} is required.`;
  return value.length > TEXT_MAX ? `${field} must be at most ${TEXT_MAX} characters.` : null;
};
const date: FieldRule = (value, field) =>
  isIsoDate(value) ? null : `${field} must be a date written YYYY-MM-DD.`;
const wholeNumber =
  (min: number, max: number): FieldRule =>
  (value, field) =>
    typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max
      ? null
      : `${field} must be a whole number from ${min} to ${max}.`;
const textList: FieldRule = (value, field) =>
  Array.isArray(value) && value.every((item) => typeof item === 'string')
    ? null
    : `${field} must be a list of text values.`;
const oneOf =
  (values: readonly string[]): FieldRule =>
  (value, field) =>
    typeof value === 'string' && values.includes(value)
      ? null
      : `${field} must be one of: ${values.join(', ')}.`;
const optional =
  (rule: FieldRule): FieldRule =>
  (value, field) =>
    value === undefined ? null : rule(value, field);
const gradesByCase: FieldRule = (value, field) =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.values(value).every(isGrade)
    ? null
    : `${field} must give each case a grade: outstanding, good, requires-improvement or inadequate.`;

/** The fields each event type carries, besides `type`, `on` and `actor`. */
const FIELDS: Readonly<Record<CaseFileAuditEventType, Readonly<Record<string, FieldRule>>>> = {
  PLAN_AGREED: {
    theme: text,
    scope: text,
    lookBackMonths: wholeNumber(1, 120),
    auditToolId: text,
    auditToolVersion: wholeNumber(1, 10_000),
    meetingOn: date,
  },
  MEETING_DATE_CHANGED: { meetingOn: date, reason: text },
  CASES_SELECTED: { caseKeys: textList, agencyIds: textList },
  INVOLVEMENT_CONFIRMED: { agencyId: text, caseKeys: textList },
  RETURN_SAVED: { agencyId: text, caseKey: text },
  RETURN_SUBMITTED: { agencyId: text, caseKey: text },
  RETURN_REOPENED: { agencyId: text, caseKey: text, reason: text },
  AUDITS_CLOSED: {},
  MEETING_HELD: { heldOn: date, moderatedGrades: gradesByCase },
  REPORT_SUBMITTED: { recommendationIds: textList, approvalMeetingOn: optional(date) },
  REPORT_APPROVED: {},
  REPORT_SENT_BACK: { reason: text },
  ACTION_PLAN_AGREED: {},
  LEARNING_SHARED: { format: oneOf(LEARNING_FORMATS) },
  AUDIT_CLOSED: { outcome: oneOf(CLOSURE_OUTCOMES) },
  AUDIT_CANCELLED: { reason: text },
  DUE_DATE_CHANGED: { stepKey: text, dueOn: date, reason: text },
  CONCERN_RAISED: { concernId: text, caseKey: optional(text) },
  CONCERN_ACTIONED: { concernId: text },
};

/** Rules about dates that need today and the business calendar. */
function dateRefusal(
  event: CaseFileAuditEvent,
  today: IsoDate,
  calendar: BusinessCalendar,
): string | null {
  switch (event.type) {
    case 'PLAN_AGREED':
    case 'MEETING_DATE_CHANGED':
      if (event.meetingOn <= today) return 'The meeting date must be in the future.';
      return calendar.isWorkingDay(event.meetingOn)
        ? null
        : `The meeting date ${event.meetingOn} is not a working day.`;
    case 'MEETING_HELD':
      return event.heldOn > today ? 'The meeting cannot be recorded before it is held.' : null;
    case 'REPORT_SUBMITTED':
      return event.approvalMeetingOn !== undefined && event.approvalMeetingOn < today
        ? 'The approval meeting date is in the past.'
        : null;
    case 'DUE_DATE_CHANGED':
      return event.dueOn < today ? 'A due date cannot be set in the past.' : null;
    default:
      return null;
  }
}

/**
 * The definition's check for an event type: the payload's shape (naming the field), `on` being
 * today, dates against today, then the audit's own rules (eventRefusal) with the acting person.
 */
function checkFor(type: CaseFileAuditEventType): EventCheck {
  return ({ context, event, actor, calendar, today }) => {
    for (const [field, rule] of Object.entries({ on: date, ...FIELDS[type] })) {
      const problem = rule(event[field], field);
      if (problem) return problem;
    }
    if (event.on !== today) return `on must be today's date, ${today}.`;
    const typed = { ...event, type, actor } as CaseFileAuditEvent;
    return (
      dateRefusal(typed, today, calendar) ?? eventRefusal(context as CaseFileAuditContext, typed)
    );
  };
}

export const caseFileAuditChecks: Readonly<Record<CaseFileAuditEventType, EventCheck>> =
  Object.fromEntries(
    (Object.keys(FIELDS) as CaseFileAuditEventType[]).map((type) => [type, checkFor(type)]),
  ) as Record<CaseFileAuditEventType, EventCheck>;
