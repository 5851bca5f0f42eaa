import type { EventCheck, EventPermission, WorkflowDefinition } from '../shared/definition';
import { practiceReviewMachine } from './practice-review.machine';
import {
  PANEL_RESPONSES,
  RAPID_REVIEW_DECISIONS,
  type PracticeReviewContext,
  type PracticeReviewPersonEventType,
  type PracticeReviewSystemEventType,
} from './practice-review.types';
import { OTHER_LEARNING, REVIEW_METHODS } from '../review-shared/review.types';
import {
  COMMENT_ROUND_CHECKS,
  FAMILY_CHECKS,
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
  practitionerEventChecks,
  publicationNoticeProblem,
  stepDownProblem,
  textProblem,
  typedCheck,
} from '../review-shared/review-checks';
import {
  BUSINESS_UNIT,
  LEAD_PARTNERS,
  agencyReturn,
  businessUnit,
  independentReviewer,
  leadPartners,
  only,
  panelChair,
  panelMembers,
  reviewerOrChair,
} from '../review-shared/review-permissions';

const permissions = {
  INCIDENT_DETAILS_CORRECTED: businessUnit('correct the incident details'),
  SERIOUS_INCIDENT_NOTIFIED: businessUnit('record the serious incident notification'),
  AGENCY_SUMMARIES_REQUESTED: businessUnit('ask agencies for rapid review summaries'),
  AGENCY_SUMMARY_SUBMITTED: agencyReturn("an agency's rapid review summary"),
  RAPID_REVIEW_MEETING_SCHEDULED: businessUnit('schedule the rapid review meeting'),
  RAPID_REVIEW_MEETING_HELD: businessUnit('record the rapid review meeting'),
  RAPID_REVIEW_DECIDED: leadPartners('record the decision after the rapid review'),
  RAPID_REVIEW_SENT_TO_PANEL: businessUnit(
    'record that the rapid review went to the national Panel',
  ),
  PANEL_RESPONSE_RECORDED: businessUnit("record the national Panel's response"),
  REVIEWER_APPOINTED: only(
    { partnership: [...BUSINESS_UNIT, ...LEAD_PARTNERS] },
    'Only the business manager, a business officer or a lead safeguarding partner can appoint the reviewer.',
  ),
  TERMS_OF_REFERENCE_AGREED: only(
    { partnership: LEAD_PARTNERS, instance: ['panel-chair'] },
    'Only the review panel chair or a lead safeguarding partner can agree the terms of reference.',
  ),
  REVIEW_PANEL_CONFIRMED: only(
    { partnership: BUSINESS_UNIT, instance: ['panel-chair'] },
    "Only the review panel chair or the business unit can confirm the review panel's membership.",
  ),
  INFORMATION_REQUESTED: only(
    { partnership: BUSINESS_UNIT, instance: ['panel-chair'] },
    'Only the review panel chair or the business unit can ask agencies for information.',
  ),
  AGENCY_INFORMATION_SUBMITTED: agencyReturn("an agency's chronology and report"),
  PRACTITIONER_EVENT_SCHEDULED: reviewerOrChair('schedule the practitioner learning event'),
  PRACTITIONER_EVENT_HELD: reviewerOrChair('record the practitioner learning event'),
  FAMILY_INVITED: reviewerOrChair("record the family's invitation"),
  FAMILY_MET: reviewerOrChair('record a meeting with the family'),
  FAMILY_DECLINED: reviewerOrChair('record that the family declined'),
  FAMILY_NOT_INVOLVED: panelChair('decide that the family will not be involved'),
  DRAFT_SUBMITTED: independentReviewer('submit the draft report'),
  COMMENT_ROUND_OPENED: panelChair('open a round of comments'),
  COMMENTS_SUBMITTED: panelMembers('comment on the draft report'),
  COMMENT_ROUND_CLOSED: panelChair('close a round of comments'),
  PANEL_SIGNED_OFF: panelChair('sign off the report for the panel'),
  CHANGES_REQUESTED: leadPartners('send the report back for changes'),
  REPORT_APPROVED: leadPartners('approve the final report'),
  PUBLICATION_DATE_SET: only(
    { partnership: [...BUSINESS_UNIT, ...LEAD_PARTNERS] },
    'Only the business manager, a business officer or a lead safeguarding partner can set the publication date.',
  ),
  FINAL_REPORT_SENT: businessUnit(
    'record that the final report went to the national Panel and the Department for Education',
  ),
  PUBLISHED: only(
    { partnership: [...BUSINESS_UNIT, ...LEAD_PARTNERS] },
    'Only the business manager, a business officer or a lead safeguarding partner can record publication.',
  ),
  PUBLICATION_DEFERRED: leadPartners('defer publication'),
  SUMMARY_OF_IMPROVEMENTS_PUBLISHED: leadPartners('publish only a summary of improvements'),
  ACTION_PLAN_CLOSED: only(
    { partnership: ['business-manager', 'partnership-chair', ...LEAD_PARTNERS] },
    'Only the business manager, the partnership chair or a lead safeguarding partner can close the action plan.',
  ),
  STEPPED_DOWN: leadPartners("step the review down, with the national Panel's agreement"),
} satisfies Record<PracticeReviewPersonEventType, EventPermission>;

const check = typedCheck<PracticeReviewContext>;

/** The rapid review is due 15 working days after the notification was sent. */
const RAPID_REVIEW_WORKING_DAYS = 15;

const AWARE = 'the date the local authority became aware';
const NOTIFIED = 'the date the notification was sent';
const DECISION = 'the decision to hold the review';

const checks: Partial<Record<PracticeReviewPersonEventType, EventCheck>> = {
  ...FAMILY_CHECKS,
  ...COMMENT_ROUND_CHECKS,
  ...practitionerEventChecks(({ dates }: PracticeReviewContext) => [dates.decisionOn, DECISION]),
  INCIDENT_DETAILS_CORRECTED: check(({ context, event, today }) =>
    incidentCorrectionProblem(
      { event, today },
      { field: 'awareOn', what: AWARE, notAfter: [context.dates.notificationSentOn, NOTIFIED] },
    ),
  ),
  SERIOUS_INCIDENT_NOTIFIED: check(({ context, event, today }) =>
    firstProblem(
      () => happenedProblem(event.sentOn, NOTIFIED, today, [context.dates.awareOn, AWARE]),
      () =>
        context.childLookedAfter &&
        context.incidentKind === 'death' &&
        event.alsoSentToOfstedAndSecretaryOfState !== true
          ? 'A looked-after child died: the notification must also go to Ofsted and the ' +
            'Secretary of State. Confirm it was sent to them too.'
          : null,
    ),
  ),
  AGENCY_SUMMARIES_REQUESTED: check(({ context, event, today, calendar }) =>
    firstProblem(
      () => agencyIdsProblem(event.agencyIds, 'a rapid review summary'),
      () =>
        event.dueOn === undefined
          ? null
          : futureDateProblem(event.dueOn, 'the date the summaries are due', today),
      () => {
        const sentOn = context.dates.notificationSentOn;
        if (event.dueOn === undefined || sentOn === undefined) return null;
        const rapidReviewDue = calendar.addWorkingDays(sentOn, RAPID_REVIEW_WORKING_DAYS);
        return (event.dueOn as string) < rapidReviewDue
          ? null
          : `Agency summaries must be due before the rapid review is due on ${rapidReviewDue}.`;
      },
    ),
  ),
  AGENCY_SUMMARY_SUBMITTED: check(({ context, event, actor }) =>
    agencyReturnProblem(
      { event, actor },
      context.agenciesAskedForSummaries,
      context.summariesAwaitedFrom,
      'rapid review summary',
    ),
  ),
  RAPID_REVIEW_MEETING_SCHEDULED: check(({ context, event }) =>
    firstProblem(
      () => dateProblem(event.meetingOn, 'the date of the rapid review meeting'),
      () =>
        orderProblem(
          event.meetingOn as string,
          'the date of the rapid review meeting',
          context.dates.notificationSentOn,
          NOTIFIED,
        ),
    ),
  ),
  RAPID_REVIEW_MEETING_HELD: check(({ context, event, today }) =>
    happenedProblem(event.heldOn, 'the date the rapid review meeting was held', today, [
      context.dates.notificationSentOn,
      NOTIFIED,
    ]),
  ),
  RAPID_REVIEW_DECIDED: check(({ context, event, today }) =>
    firstProblem(
      () => oneOfProblem(event.decision, RAPID_REVIEW_DECISIONS, 'the decision'),
      () =>
        context.panelResponse === 'disagrees'
          ? happenedProblem(event.decidedOn, 'the date of the reconsidered decision', today, [
              context.dates.panelResponseOn,
              "the national Panel's response",
            ])
          : happenedProblem(event.decidedOn, 'the date of the decision', today, [
              context.dates.rapidReviewMeetingOn,
              'the rapid review meeting',
            ]),
      () =>
        event.decision === 'no-review'
          ? oneOfProblem(event.otherLearning, OTHER_LEARNING, 'what other learning follows')
          : null,
    ),
  ),
  RAPID_REVIEW_SENT_TO_PANEL: check(({ context, event, today }) =>
    happenedProblem(event.sentOn, 'the date the rapid review was sent', today, [
      context.dates.decisionOn,
      'the date of the decision',
    ]),
  ),
  PANEL_RESPONSE_RECORDED: check(({ context, event, today }) =>
    firstProblem(
      () => oneOfProblem(event.response, PANEL_RESPONSES, "the national Panel's response"),
      () =>
        happenedProblem(event.respondedOn, "the date of the national Panel's response", today, [
          context.dates.rapidReviewSentToPanelOn,
          'the date the rapid review was sent to it',
        ]),
    ),
  ),
  REVIEWER_APPOINTED: check(({ event }) =>
    idProblem(event.reviewerPersonId, 'person is the reviewer'),
  ),
  TERMS_OF_REFERENCE_AGREED: check(({ context, event, today }) =>
    firstProblem(
      () => oneOfProblem(event.method, REVIEW_METHODS, 'the review method'),
      () =>
        happenedProblem(event.agreedOn, 'the date the terms of reference were agreed', today, [
          context.dates.decisionOn,
          DECISION,
        ]),
    ),
  ),
  INFORMATION_REQUESTED: check(({ event, today }) =>
    firstProblem(
      () => agencyIdsProblem(event.agencyIds, 'a chronology and agency report'),
      () => futureDateProblem(event.dueOn, 'the date the information is due', today),
    ),
  ),
  AGENCY_INFORMATION_SUBMITTED: check(({ context, event, actor }) =>
    agencyReturnProblem(
      { event, actor },
      context.agenciesAskedForInformation,
      context.informationAwaitedFrom,
      'chronology and agency report',
    ),
  ),
  REPORT_APPROVED: check(({ context, event, today }) =>
    happenedProblem(event.approvedOn, 'the date of approval', today, [
      context.dates.panelSignedOffOn,
      "the panel's sign-off",
    ]),
  ),
  PUBLICATION_DATE_SET: check(({ context, event, today, calendar }) =>
    firstProblem(
      () => dateProblem(event.plannedOn, 'the planned publication date'),
      () => orderProblem(event.plannedOn as string, 'the planned publication date', today, 'today'),
      () =>
        publicationNoticeProblem(
          event.plannedOn as string,
          'the planned publication date',
          context.dates.reportSentToPanelOn,
          today,
          calendar,
        ),
    ),
  ),
  FINAL_REPORT_SENT: check(({ context, event, today, calendar }) =>
    firstProblem(
      () =>
        happenedProblem(event.sentOn, 'the date the final report was sent', today, [
          context.dates.partnersApprovedOn,
          "the partners' approval",
        ]),
      () => {
        const planned = context.dates.plannedPublicationOn;
        if (planned === undefined) return null;
        const problem = publicationNoticeProblem(
          planned,
          'the planned publication date',
          event.sentOn as string,
          today,
          calendar,
        );
        return problem && `${problem} Set a later publication date before recording the sending.`;
      },
    ),
  ),
  PUBLISHED: check(({ context, event, today, calendar }) =>
    firstProblem(
      () => happenedProblem(event.publishedOn, 'the publication date', today),
      () =>
        publicationNoticeProblem(
          event.publishedOn as string,
          'the publication date',
          context.dates.reportSentToPanelOn,
          today,
          calendar,
        ),
    ),
  ),
  SUMMARY_OF_IMPROVEMENTS_PUBLISHED: check(({ context, event, today, calendar }) =>
    firstProblem(
      () =>
        textProblem(
          event.exceptionalCircumstances,
          'the exceptional circumstances in which only a summary of improvements is published',
        ),
      () => happenedProblem(event.publishedOn, 'the publication date', today),
      () =>
        publicationNoticeProblem(
          event.publishedOn as string,
          'the publication date',
          context.dates.reportSentToPanelOn,
          today,
          calendar,
        ),
    ),
  ),
  PUBLICATION_DEFERRED: check(({ context, event, today }) =>
    deferralProblem({ event, today }, [
      context.dates.reportSentToPanelOn,
      'the date the final report was sent',
    ]),
  ),
  ACTION_PLAN_CLOSED: actionPlanClosedCheck(({ dates }: PracticeReviewContext) => [
    dates.publishedOn,
    'publication',
  ]),
  STEPPED_DOWN: check(({ context, event, today }) =>
    stepDownProblem({ event, today }, [context.dates.decisionOn, DECISION]),
  ),
};

export const practiceReviewDefinition: WorkflowDefinition<typeof practiceReviewMachine> = {
  key: 'practice-review',
  version: 1,
  title: 'Rapid review and local child safeguarding practice review',
  referenceCode: 'LCSPR',
  machine: practiceReviewMachine,
  permissions,
  checks,
};

/** Events only the engine sends (a deadline passing); no person may send them. */
export const PRACTICE_REVIEW_SYSTEM_EVENTS = [
  'RAPID_REVIEW_OVERDUE',
] as const satisfies readonly PracticeReviewSystemEventType[];
