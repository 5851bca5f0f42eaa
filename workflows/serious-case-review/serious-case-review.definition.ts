import {
  COMMENT_ROUND_CHECKS,
  actionPlanClosedCheck,
  agencyIdsProblem,
  agencyReturnProblem,
  dateProblem,
  deferralProblem,
  firstProblem,
  futureDateProblem,
  happenedProblem,
  idProblem,
  incidentCorrectionProblem,
  oneOfProblem,
  orderProblem,
  stepDownProblem,
  typedCheck,
} from '../review-shared/review-checks';
import {
  BUSINESS_UNIT,
  agencyReturn,
  businessUnit,
  only,
  panelChair,
  partnershipChair,
} from '../review-shared/review-permissions';
import { OTHER_LEARNING } from '../review-shared/review.types';
import type { EventCheck, EventPermission, WorkflowDefinition } from '../shared/definition';
import { seriousCaseReviewMachine } from './serious-case-review.machine';
import {
  SCR_DECISIONS,
  type SeriousCaseReviewContext,
  type SeriousCaseReviewPersonEventType,
  type SeriousCaseReviewSystemEventType,
} from './serious-case-review.types';

const SCR_PANEL_CHAIR = 'SCR panel chair';
const CHAIR_OR_BUSINESS_UNIT = ['partnership-chair', ...BUSINESS_UNIT] as const;

const permissions = {
  INCIDENT_DETAILS_CORRECTED: businessUnit('correct the incident details'),
  SCR_DECIDED: partnershipChair('decide whether to hold a serious case review'),
  SCR_PANEL_CHAIR_APPOINTED: only(
    { partnership: CHAIR_OR_BUSINESS_UNIT },
    'Only the partnership chair or the business unit can appoint the SCR panel chair.',
  ),
  AUTHOR_APPOINTED: only(
    { partnership: CHAIR_OR_BUSINESS_UNIT, instance: ['panel-chair'] },
    'Only the partnership chair, the SCR panel chair or the business unit can appoint the author.',
  ),
  TERMS_OF_REFERENCE_AGREED: panelChair('agree the terms of reference', SCR_PANEL_CHAIR),
  IMRS_REQUESTED: only(
    { partnership: BUSINESS_UNIT, instance: ['panel-chair'] },
    'Only the SCR panel chair or the business unit can ask agencies for chronologies and IMRs.',
  ),
  CHRONOLOGY_SUBMITTED: agencyReturn("an agency's chronology"),
  IMR_SUBMITTED: agencyReturn("an agency's individual management review"),
  DRAFT_SUBMITTED: only(
    { instance: ['independent-reviewer'] },
    'Only the independent author can submit the draft report.',
  ),
  COMMENT_ROUND_OPENED: panelChair('open a round of comments', SCR_PANEL_CHAIR),
  COMMENTS_SUBMITTED: only(
    { instance: ['panel-member', 'panel-chair'] },
    'Only a member of the SCR panel can comment on the draft report.',
  ),
  COMMENT_ROUND_CLOSED: panelChair('close a round of comments', SCR_PANEL_CHAIR),
  PANEL_SIGNED_OFF: panelChair('sign off the report for the panel', SCR_PANEL_CHAIR),
  CHANGES_REQUESTED: partnershipChair('send the report back for changes'),
  BOARD_APPROVED: partnershipChair("record the board's approval"),
  PUBLICATION_DATE_SET: only(
    { partnership: CHAIR_OR_BUSINESS_UNIT },
    'Only the partnership chair or the business unit can set the publication date.',
  ),
  PUBLISHED: only(
    { partnership: CHAIR_OR_BUSINESS_UNIT },
    'Only the partnership chair or the business unit can record publication.',
  ),
  PUBLICATION_DEFERRED: partnershipChair('defer publication'),
  ACTION_PLAN_CLOSED: only(
    { partnership: ['business-manager', 'partnership-chair'] },
    'Only the business manager or the partnership chair can close the action plan.',
  ),
  STEPPED_DOWN: partnershipChair("step the review down, with the national Panel's agreement"),
} satisfies Record<SeriousCaseReviewPersonEventType, EventPermission>;

const check = typedCheck<SeriousCaseReviewContext>;

const NOTIFIED = 'the date of the notification';
const INITIATED = 'the decision to hold the review';

const checks: Partial<Record<SeriousCaseReviewPersonEventType, EventCheck>> = {
  ...COMMENT_ROUND_CHECKS,
  INCIDENT_DETAILS_CORRECTED: check(({ context, event, today }) =>
    incidentCorrectionProblem(
      { event, today },
      {
        field: 'notifiedOn',
        what: NOTIFIED,
        notAfter: [context.dates.decisionOn, 'the date of the decision'],
      },
    ),
  ),
  SCR_DECIDED: check(({ context, event, today }) =>
    firstProblem(
      () => oneOfProblem(event.decision, SCR_DECISIONS, 'the decision'),
      () =>
        happenedProblem(event.decidedOn, 'the date of the decision', today, [
          context.dates.notifiedOn,
          NOTIFIED,
        ]),
      () =>
        event.decision === 'no-scr'
          ? oneOfProblem(event.otherLearning, OTHER_LEARNING, 'what other learning follows')
          : null,
    ),
  ),
  SCR_PANEL_CHAIR_APPOINTED: check(({ event }) =>
    idProblem(event.personId, 'person chairs the SCR panel'),
  ),
  AUTHOR_APPOINTED: check(({ event }) => idProblem(event.personId, 'person is the author')),
  TERMS_OF_REFERENCE_AGREED: check(({ context, event, today }) =>
    happenedProblem(event.agreedOn, 'the date the terms of reference were agreed', today, [
      context.dates.initiatedOn,
      INITIATED,
    ]),
  ),
  IMRS_REQUESTED: check(({ event, today }) =>
    firstProblem(
      () => agencyIdsProblem(event.agencyIds, 'a chronology and an IMR'),
      () => futureDateProblem(event.chronologiesDueOn, 'the date chronologies are due', today),
      () => futureDateProblem(event.imrsDueOn, 'the date IMRs are due', today),
    ),
  ),
  CHRONOLOGY_SUBMITTED: check(({ context, event, actor }) =>
    agencyReturnProblem(
      { event, actor },
      context.agenciesAskedForImrs,
      context.chronologiesAwaitedFrom,
      'chronology',
    ),
  ),
  IMR_SUBMITTED: check(({ context, event, actor }) =>
    agencyReturnProblem(
      { event, actor },
      context.agenciesAskedForImrs,
      context.imrsAwaitedFrom,
      'IMR',
    ),
  ),
  BOARD_APPROVED: check(({ context, event, today }) =>
    happenedProblem(event.approvedOn, "the date of the board's approval", today, [
      context.dates.panelSignedOffOn,
      "the panel's sign-off",
    ]),
  ),
  PUBLICATION_DATE_SET: check(({ event, today }) =>
    firstProblem(
      () => dateProblem(event.plannedOn, 'the planned publication date'),
      () => orderProblem(event.plannedOn as string, 'the planned publication date', today, 'today'),
    ),
  ),
  PUBLISHED: check(({ context, event, today }) =>
    happenedProblem(event.publishedOn, 'the publication date', today, [
      context.dates.boardApprovedOn,
      "the board's approval",
    ]),
  ),
  PUBLICATION_DEFERRED: check(({ context, event, today }) =>
    deferralProblem({ event, today }, [context.dates.boardApprovedOn, "the board's approval"]),
  ),
  ACTION_PLAN_CLOSED: actionPlanClosedCheck(({ dates }: SeriousCaseReviewContext) => [
    dates.publishedOn,
    'publication',
  ]),
  STEPPED_DOWN: check(({ context, event, today }) =>
    stepDownProblem({ event, today }, [context.dates.initiatedOn, INITIATED]),
  ),
};

export const seriousCaseReviewDefinition: WorkflowDefinition<typeof seriousCaseReviewMachine> = {
  key: 'serious-case-review',
  version: 1,
  title: 'Serious case review (Working Together 2015)',
  referenceCode: 'SCR',
  machine: seriousCaseReviewMachine,
  permissions,
  checks,
};

/** Events only the engine sends (a deadline passing); no person may send them. */
export const SERIOUS_CASE_REVIEW_SYSTEM_EVENTS = [
  'SCR_DECISION_OVERDUE',
] as const satisfies readonly SeriousCaseReviewSystemEventType[];
