/**
 * Business-rule checks shared by the review workflows. Each returns the reason an event is refused
 * (shown to the user with a 422) or null. Reasons name fields and dates, never case content.
 */
import { isIsoDate, type BusinessCalendar } from '../../src/calendar';
import type { EventCheck } from '../shared/definition';
import type { IsoDate } from '../shared/due-rule';
import type { ActorContext } from '../shared/roles';
import {
  DEFERRAL_REASONS,
  FAMILY_NOT_INVOLVED_REASONS,
  INCIDENT_KINDS,
  type CommentRound,
  type FamilyInvolvement,
} from './review.types';
import { BUSINESS_UNIT } from './review-permissions';

export type Problem = string | null;
export type RawEvent = Parameters<EventCheck>[0]['event'];

export interface CheckArgs<TContext> {
  context: TContext;
  event: RawEvent;
  actor: ActorContext;
  calendar: BusinessCalendar;
  today: IsoDate;
}

/** An EventCheck that sees the machine's own context type. */
export function typedCheck<TContext>(check: (args: CheckArgs<TContext>) => Problem): EventCheck {
  return (args) => check({ ...args, context: args.context as TContext });
}

/** The first problem found. Later rules run only when earlier ones pass, so may rely on them. */
export function firstProblem(...rules: Array<() => Problem>): Problem {
  for (const rule of rules) {
    const problem = rule();
    if (problem) return problem;
  }
  return null;
}

export function dateProblem(value: unknown, what: string): Problem {
  return isIsoDate(value) ? null : `Give ${what} as a date written YYYY-MM-DD.`;
}

/** A real date, today or earlier: something that has happened. */
export function pastDateProblem(value: unknown, what: string, today: IsoDate): Problem {
  return (
    dateProblem(value, what) ??
    ((value as IsoDate) > today
      ? `${capitalise(what)} (${String(value)}) cannot be in the future: today is ${today}.`
      : null)
  );
}

/** A real date after today: something still to come. */
export function futureDateProblem(value: unknown, what: string, today: IsoDate): Problem {
  return (
    dateProblem(value, what) ??
    ((value as IsoDate) <= today
      ? `${capitalise(what)} (${String(value)}) must be after today (${today}).`
      : null)
  );
}

/** `later` may not come before `earlier`; an earlier date not yet known is no constraint. */
export function orderProblem(
  later: IsoDate,
  laterWhat: string,
  earlier: IsoDate | undefined,
  earlierWhat: string,
): Problem {
  return earlier !== undefined && later < earlier
    ? `${capitalise(laterWhat)} (${later}) cannot be before ${earlierWhat} (${earlier}).`
    : null;
}

export function oneOfProblem(value: unknown, allowed: readonly string[], what: string): Problem {
  return typeof value === 'string' && allowed.includes(value)
    ? null
    : `Choose ${what}: one of ${allowed.join(', ')}.`;
}

export function textProblem(value: unknown, what: string): Problem {
  return typeof value === 'string' && value.trim() !== '' ? null : `Give ${what}.`;
}

/** A pseudonym such as "Child H": never a name. Length is capped to keep details out. */
export function pseudonymProblem(value: unknown): Problem {
  if (typeof value !== 'string' || value.trim() === '') return "Give the child's pseudonym.";
  return value.length > 40 ? 'A pseudonym is at most 40 characters, e.g. "Child H".' : null;
}

/** Ids of people, agencies and instances, as the engine stores them: lower-case UUIDs. */
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID.test(value);
}

export function idProblem(value: unknown, which: string): Problem {
  return isId(value) ? null : `Say which ${which}, by id.`;
}

/** A non-empty list of distinct agency ids. */
export function agencyIdsProblem(value: unknown, what: string): Problem {
  if (!Array.isArray(value) || value.length === 0) {
    return `Name at least one agency to ask for ${what}.`;
  }
  if (!value.every(isId)) return `Name each agency asked for ${what} by its id.`;
  return new Set(value).size === value.length ? null : `An agency is named twice in the request.`;
}

/** The business unit records returns on any agency's behalf, as may the engine itself. */
function mayActForAnyAgency(actor: ActorContext): boolean {
  return (
    actor.kind === 'system' || BUSINESS_UNIT.some((role) => actor.partnershipRoles.includes(role))
  );
}

/**
 * An agency's return (summary, information, IMR, report): the agency was asked, has not already
 * returned it, and an agency lead submits only their own agency's.
 */
export function agencyReturnProblem(
  args: { event: RawEvent; actor: ActorContext },
  asked: readonly string[],
  awaited: readonly string[],
  what: string,
): Problem {
  const agencyId = args.event.agencyId;
  if (!isId(agencyId)) return `Say which agency's ${what} this is, by id.`;
  if (!mayActForAnyAgency(args.actor) && args.actor.agencyId !== agencyId) {
    return `You can submit only your own agency's ${what}.`;
  }
  if (!asked.includes(agencyId)) return `That agency was not asked for ${aOrAn(what)}.`;
  if (!awaited.includes(agencyId)) return `That agency's ${what} has already been received.`;
  return null;
}

/** Working days between the report going to the national Panel and the DfE, and publication. */
export const PUBLICATION_NOTICE_WORKING_DAYS = 7;

/** The earliest publication date for a report sent on `sentOn`. */
export function earliestPublicationOn(sentOn: IsoDate, calendar: BusinessCalendar): IsoDate {
  return calendar.addWorkingDays(sentOn, PUBLICATION_NOTICE_WORKING_DAYS);
}

/**
 * Publication (or a planned publication date) fewer than 7 working days after the final report
 * went to the national Panel and the Department for Education is refused. Before the report is
 * sent, the earliest date is counted from today, the earliest it could be sent.
 */
export function publicationNoticeProblem(
  date: IsoDate,
  what: string,
  reportSentOn: IsoDate | undefined,
  today: IsoDate,
  calendar: BusinessCalendar,
): Problem {
  const days = PUBLICATION_NOTICE_WORKING_DAYS;
  if (reportSentOn === undefined) {
    const earliest = earliestPublicationOn(today, calendar);
    return date < earliest
      ? `${capitalise(what)} (${date}) is too early: the final report has not yet been sent to ` +
          `the national Panel and the Department for Education, and publication must be at least ` +
          `${days} working days after it is. If it is sent today (${today}), the earliest date is ` +
          `${earliest}.`
      : null;
  }
  const earliest = earliestPublicationOn(reportSentOn, calendar);
  if (date < reportSentOn) {
    return (
      `${capitalise(what)} (${date}) is before the final report was sent to the national Panel ` +
      `and the Department for Education on ${reportSentOn}. The earliest allowed date is ${earliest}.`
    );
  }
  const notice = calendar.workingDaysBetween(reportSentOn, date);
  return notice < days
    ? `${capitalise(what)} (${date}) is only ${notice} working day${notice === 1 ? '' : 's'} ` +
        `after the final report was sent to the national Panel and the Department for Education ` +
        `on ${reportSentOn}; publication must be at least ${days} working days after it. The ` +
        `earliest allowed date is ${earliest}.`
    : null;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function aOrAn(what: string): string {
  return /^[aeiou]/i.test(what) ? `an ${what}` : `a ${what}`;
}

/** A date that has happened, and not before an earlier step's date when that is known. */
export function happenedProblem(
  value: unknown,
  what: string,
  today: IsoDate,
  after?: readonly [IsoDate | undefined, string],
): Problem {
  return (
    pastDateProblem(value, what, today) ??
    (after ? orderProblem(value as IsoDate, what, after[0], after[1]) : null)
  );
}

/** Family involvement, the same in every review: invited, then met or declined; or not involved. */
export const FAMILY_CHECKS = {
  FAMILY_INVITED: typedCheck<{ family: FamilyInvolvement }>(({ event, today }) =>
    happenedProblem(event.invitedOn, 'the date the family was invited', today),
  ),
  FAMILY_MET: typedCheck<{ family: FamilyInvolvement }>(({ context, event, today }) =>
    happenedProblem(event.metOn, 'the date the reviewer met the family', today, [
      context.family.invitedOn,
      'the invitation',
    ]),
  ),
  FAMILY_DECLINED: typedCheck<{ family: FamilyInvolvement }>(({ context, event, today }) =>
    happenedProblem(event.declinedOn, 'the date the family declined', today, [
      context.family.invitedOn,
      'the invitation',
    ]),
  ),
  FAMILY_NOT_INVOLVED: typedCheck(({ event }) =>
    oneOfProblem(event.reason, FAMILY_NOT_INVOLVED_REASONS, 'why the family is not involved'),
  ),
} as const;

/**
 * The practitioner learning event: arranged for today or later, held on a date that has happened and
 * not before the step that `heldAfter` names (e.g. the decision to hold the review).
 */
export function practitionerEventChecks<TContext>(
  heldAfter: (context: TContext) => readonly [IsoDate | undefined, string],
) {
  return {
    PRACTITIONER_EVENT_SCHEDULED: typedCheck(({ event, today }) =>
      firstProblem(
        () => dateProblem(event.eventOn, 'the date of the practitioner learning event'),
        () =>
          orderProblem(
            event.eventOn as string,
            'the date of the practitioner learning event',
            today,
            'today',
          ),
      ),
    ),
    PRACTITIONER_EVENT_HELD: typedCheck<TContext>(({ context, event, today }) =>
      happenedProblem(
        event.heldOn,
        'the date the practitioner event was held',
        today,
        heldAfter(context),
      ),
    ),
  };
}

/** The action plan closes on a date that has happened, not before `after` (e.g. publication). */
export function actionPlanClosedCheck<TContext>(
  after: (context: TContext) => readonly [IsoDate | undefined, string],
): EventCheck {
  return typedCheck<TContext>(({ context, event, today }) =>
    happenedProblem(event.closedOn, 'the date the action plan was closed', today, after(context)),
  );
}

/** The draft's rounds of comments: each due after today; sign-off only after at least one round. */
export const COMMENT_ROUND_CHECKS = {
  COMMENT_ROUND_OPENED: typedCheck(({ event, today }) =>
    futureDateProblem(event.dueOn, 'the date comments are due', today),
  ),
  PANEL_SIGNED_OFF: typedCheck<{ commentRounds: CommentRound[] }>(({ context, event, today }) =>
    firstProblem(
      () => happenedProblem(event.signedOffOn, 'the date of the sign-off', today),
      () =>
        context.commentRounds.some((round) => round.closed)
          ? null
          : 'The panel must comment on the draft in at least one round before it is signed off.',
    ),
  ),
} as const;

/** A deferral needs a reason (with a note for "other"), its date, and a later date to look again. */
export function deferralProblem(
  args: { event: RawEvent; today: IsoDate },
  after: readonly [IsoDate | undefined, string],
): Problem {
  const { event, today } = args;
  return firstProblem(
    () => oneOfProblem(event.reason, DEFERRAL_REASONS, 'the reason publication is deferred'),
    () =>
      event.reason === 'other'
        ? textProblem(event.note, 'a note of why publication is deferred')
        : null,
    () => happenedProblem(event.deferredOn, 'the date publication was deferred', today, after),
    () => futureDateProblem(event.reviewAgainOn, 'the date to look again at publication', today),
  );
}

/** A step-down carries the date the national Panel agreed, and optionally the learning review's id. */
export function stepDownProblem(
  args: { event: RawEvent; today: IsoDate },
  after: readonly [IsoDate | undefined, string],
): Problem {
  const { event, today } = args;
  return firstProblem(
    () =>
      happenedProblem(
        event.panelAgreedOn,
        "the date of the national Panel's agreement",
        today,
        after,
      ),
    () =>
      event.learningReviewId === undefined
        ? null
        : idProblem(event.learningReviewId, 'learning review continues this one'),
  );
}

/**
 * A correction of the incident details a statutory review started from: at least one field, each
 * valid; the anchor date has happened and is not after the next step's date (when known).
 */
export function incidentCorrectionProblem(
  args: { event: RawEvent; today: IsoDate },
  anchor: { field: string; what: string; notAfter: readonly [IsoDate | undefined, string] },
): Problem {
  const { event, today } = args;
  const date = event[anchor.field];
  const [nextOn, nextWhat] = anchor.notAfter;
  return firstProblem(
    () =>
      [anchor.field, 'pseudonym', 'childLookedAfter', 'incidentKind'].some(
        (field) => event[field] !== undefined,
      )
        ? null
        : 'Give at least one incident detail to correct.',
    () =>
      date === undefined
        ? null
        : (happenedProblem(date, anchor.what, today) ??
          (nextOn === undefined
            ? null
            : orderProblem(nextOn, nextWhat, date as IsoDate, anchor.what))),
    () => (event.pseudonym === undefined ? null : pseudonymProblem(event.pseudonym)),
    () =>
      event.childLookedAfter === undefined || typeof event.childLookedAfter === 'boolean'
        ? null
        : 'Say whether the child was looked after (true or false).',
    () =>
      event.incidentKind === undefined
        ? null
        : oneOfProblem(event.incidentKind, INCIDENT_KINDS, 'what happened to the child'),
  );
}
