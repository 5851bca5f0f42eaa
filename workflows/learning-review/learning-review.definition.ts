import {
  COMMENT_ROUND_CHECKS,
  FAMILY_CHECKS,
  actionPlanClosedCheck,
  agencyIdsProblem,
  agencyReturnProblem,
  dateProblem,
  firstProblem,
  futureDateProblem,
  happenedProblem,
  idProblem,
  oneOfProblem,
  orderProblem,
  practitionerEventChecks,
  typedCheck,
} from '../review-shared/review-checks';
import {
  BUSINESS_UNIT,
  LEAD_PARTNERS,
  agencyReturn,
  businessUnit,
  only,
  panelChair,
  reviewerOrChair,
} from '../review-shared/review-permissions';
import { REVIEW_METHODS } from '../review-shared/review.types';
import type { EventCheck, EventPermission, WorkflowDefinition } from '../shared/definition';
import { learningReviewMachine } from './learning-review.machine';
import {
  BRIEFING_FORMATS,
  type LearningReviewContext,
  type LearningReviewEventType,
} from './learning-review.types';

const GROUP_CHAIR = 'review group chair';
const APPROVERS = ['partnership-chair', ...LEAD_PARTNERS] as const;

const permissions = {
  REVIEWER_APPOINTED: only(
    { partnership: BUSINESS_UNIT, instance: ['panel-chair'] },
    'Only the review group chair or the business unit can appoint the reviewer.',
  ),
  SCOPE_AGREED: panelChair('agree the scope of the review', GROUP_CHAIR),
  AGENCY_REPORTS_REQUESTED: only(
    { partnership: BUSINESS_UNIT, instance: ['panel-chair'] },
    'Only the review group chair or the business unit can ask agencies for their reports.',
  ),
  AGENCY_REPORT_SUBMITTED: agencyReturn("an agency's report"),
  PRACTITIONER_EVENT_SCHEDULED: reviewerOrChair(
    'schedule the practitioner learning event',
    GROUP_CHAIR,
  ),
  PRACTITIONER_EVENT_HELD: reviewerOrChair('record the practitioner learning event', GROUP_CHAIR),
  FAMILY_INVITED: reviewerOrChair("record the family's invitation", GROUP_CHAIR),
  FAMILY_MET: reviewerOrChair('record a meeting with the family', GROUP_CHAIR),
  FAMILY_DECLINED: reviewerOrChair('record that the family declined', GROUP_CHAIR),
  FAMILY_NOT_INVOLVED: reviewerOrChair('decide that the family will not be involved', GROUP_CHAIR),
  DRAFT_SUBMITTED: only(
    { instance: ['independent-reviewer'] },
    'Only the reviewer can submit the draft report.',
  ),
  COMMENT_ROUND_OPENED: panelChair('open a round of comments', GROUP_CHAIR),
  COMMENTS_SUBMITTED: only(
    { instance: ['panel-member', 'panel-chair'] },
    'Only a member of the review group can comment on the draft report.',
  ),
  COMMENT_ROUND_CLOSED: panelChair('close a round of comments', GROUP_CHAIR),
  PANEL_SIGNED_OFF: panelChair('sign off the final report', GROUP_CHAIR),
  CHANGES_REQUESTED: only(
    { partnership: APPROVERS },
    'Only the partnership chair or a lead safeguarding partner can send the report back for changes.',
  ),
  REPORT_APPROVED: only(
    { partnership: APPROVERS },
    'Only the partnership chair or a lead safeguarding partner can approve the report.',
  ),
  BRIEFING_PUBLISHED: businessUnit('record that the learning briefing was published'),
  ACTION_PLAN_CLOSED: only(
    { partnership: ['business-manager', ...APPROVERS] },
    'Only the business manager, the partnership chair or a lead safeguarding partner can close the action plan.',
  ),
} satisfies Record<LearningReviewEventType, EventPermission>;

const check = typedCheck<LearningReviewContext>;

const checks: Partial<Record<LearningReviewEventType, EventCheck>> = {
  ...FAMILY_CHECKS,
  ...COMMENT_ROUND_CHECKS,
  ...practitionerEventChecks(({ dates }: LearningReviewContext) => [
    dates.scopeAgreedOn,
    'the scoping',
  ]),
  REVIEWER_APPOINTED: check(({ event }) =>
    idProblem(event.reviewerPersonId, 'person is the reviewer'),
  ),
  SCOPE_AGREED: check(({ context, event, today }) =>
    firstProblem(
      () => oneOfProblem(event.method, REVIEW_METHODS, 'the review method'),
      () => dateProblem(event.periodFrom, 'the start of the period under review'),
      () => happenedProblem(event.periodTo, 'the end of the period under review', today),
      () =>
        orderProblem(
          event.periodTo as string,
          'the end of the period under review',
          event.periodFrom as string,
          'its start',
        ),
      () => agencyIdsProblem(event.agencyIds, 'an agency report'),
      () =>
        happenedProblem(event.agreedOn, 'the date the scope was agreed', today, [
          context.dates.referredOn,
          'the referral',
        ]),
    ),
  ),
  AGENCY_REPORTS_REQUESTED: check(({ event, today }) =>
    firstProblem(
      () =>
        event.agencyIds === undefined
          ? null
          : agencyIdsProblem(event.agencyIds, 'an agency report'),
      () => futureDateProblem(event.dueOn, 'the date agency reports are due', today),
    ),
  ),
  AGENCY_REPORT_SUBMITTED: check(({ context, event, actor }) =>
    agencyReturnProblem(
      { event, actor },
      context.agenciesAskedForReports,
      context.reportsAwaitedFrom,
      'agency report',
    ),
  ),
  REPORT_APPROVED: check(({ context, event, today }) =>
    happenedProblem(event.approvedOn, 'the date of approval', today, [
      context.dates.panelSignedOffOn,
      "the review group's sign-off",
    ]),
  ),
  BRIEFING_PUBLISHED: check(({ context, event, today }) =>
    firstProblem(
      () => oneOfProblem(event.format, BRIEFING_FORMATS, 'the kind of briefing'),
      () =>
        happenedProblem(event.publishedOn, 'the date the briefing was published', today, [
          context.dates.approvedOn,
          "the report's approval",
        ]),
    ),
  ),
  ACTION_PLAN_CLOSED: actionPlanClosedCheck(({ dates }: LearningReviewContext) => [
    dates.briefingPublishedOn,
    'the briefing',
  ]),
};

export const learningReviewDefinition: WorkflowDefinition<typeof learningReviewMachine> = {
  key: 'learning-review',
  version: 1,
  title: 'Learning review',
  referenceCode: 'LR',
  machine: learningReviewMachine,
  permissions,
  checks,
};
