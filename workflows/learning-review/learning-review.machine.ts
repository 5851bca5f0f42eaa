/**
 * Learning review (non-statutory): for cases below the threshold of a statutory review, or stepped
 * down from one. Pure: the engine turns each state's `meta.steps` into tasks.
 */
import { assertEvent, assign, setup } from 'xstate';
import { ACTION_PLAN_STATES, actionPlanActions } from '../review-shared/action-plan';
import { appointmentRegion } from '../review-shared/commissioning';
import { draftReportActions, draftReportState } from '../review-shared/draft-report';
import {
  FAMILY_INVOLVEMENT_REGION,
  PRACTITIONER_EVENT_STATES,
  engagementActions,
} from '../review-shared/engagement';
import {
  BUSINESS_MANAGER,
  PANEL_CHAIR as GROUP_CHAIR,
  PARTNERSHIP_CHAIR,
  REVIEWER,
} from '../review-shared/review-assignees';
import { union, without } from '../review-shared/review-updates';
import type { StateMeta } from '../shared/steps';
import type {
  LearningReviewContext,
  LearningReviewEvent,
  LearningReviewInput,
} from './learning-review.types';

/** The draft's steps speak of the review group, not a panel. */
const REVIEW_GROUP_DRAFT_WORDING = {
  reviewDraftTitle: 'Open a round of comments on the draft, or sign off the final report',
  commentsStepKey: 'group-comments',
  closeRoundTitle: 'Close the round of comments',
};

/** Types every state's `meta` as the engine reads it (stage, steps). */
const STATE_META: StateMeta = {};

export const learningReviewMachine = setup({
  types: {
    context: {} as LearningReviewContext,
    events: {} as LearningReviewEvent,
    input: {} as LearningReviewInput,
    meta: STATE_META,
  },
  guards: {
    hasReviewer: ({ context }) => context.reviewerPersonId !== null,
    allReportsIn: ({ context }) => context.reportsAwaitedFrom.length === 0,
    /** A desktop review works from records alone: no practitioner learning event. */
    isDesktopReview: ({ context }) => context.scope?.method === 'desktop',
  },
  actions: {
    appointReviewer: assign(({ event }) => {
      assertEvent(event, 'REVIEWER_APPOINTED');
      return { reviewerPersonId: event.reviewerPersonId };
    }),
    agreeScope: assign(({ context, event }) => {
      assertEvent(event, 'SCOPE_AGREED');
      return {
        scope: {
          method: event.method,
          periodFrom: event.periodFrom,
          periodTo: event.periodTo,
          agencyIds: [...event.agencyIds],
        },
        dates: { ...context.dates, scopeAgreedOn: event.agreedOn },
      };
    }),
    requestReports: assign(({ context, event }) => {
      assertEvent(event, 'AGENCY_REPORTS_REQUESTED');
      const agencyIds = event.agencyIds ?? context.scope?.agencyIds ?? [];
      return {
        agenciesAskedForReports: union(context.agenciesAskedForReports, agencyIds),
        reportsAwaitedFrom: union(
          context.reportsAwaitedFrom,
          agencyIds.filter((id) => !context.agenciesAskedForReports.includes(id)),
        ),
        dates: { ...context.dates, agencyReportsDueOn: event.dueOn },
      };
    }),
    receiveReport: assign(({ context, event }) => {
      assertEvent(event, 'AGENCY_REPORT_SUBMITTED');
      return { reportsAwaitedFrom: without(context.reportsAwaitedFrom, event.agencyId) };
    }),
    approve: assign(({ context, event }) => {
      assertEvent(event, 'REPORT_APPROVED');
      return { dates: { ...context.dates, approvedOn: event.approvedOn } };
    }),
    publishBriefing: assign(({ context, event }) => {
      assertEvent(event, 'BRIEFING_PUBLISHED');
      return {
        briefingFormat: event.format,
        dates: { ...context.dates, briefingPublishedOn: event.publishedOn },
      };
    }),
    ...engagementActions<LearningReviewContext, LearningReviewEvent>(),
    ...draftReportActions<LearningReviewContext, LearningReviewEvent>(),
    ...actionPlanActions<LearningReviewContext, LearningReviewEvent>(),
  },
}).createMachine({
  id: 'learning-review',
  initial: 'review',
  context: ({ input }) => ({
    dates: { referredOn: input.referredOn },
    dueOverrides: {},
    pseudonym: input.pseudonym,
    referralSource: input.referralSource,
    reviewerPersonId: null,
    scope: null,
    agenciesAskedForReports: [],
    reportsAwaitedFrom: [],
    family: { status: 'undecided' },
    draftsSubmitted: 0,
    commentRounds: [],
    briefingFormat: null,
    links: input.steppedDownFrom ? { steppedDownFrom: { ...input.steppedDownFrom } } : {},
  }),
  states: {
    review: {
      initial: 'scoping',
      on: { REVIEWER_APPOINTED: { actions: 'appointReviewer' } },
      states: {
        scoping: {
          type: 'parallel',
          meta: { stage: 'Scoping' },
          onDone: 'agencyReports',
          states: {
            reviewer: appointmentRegion(
              { key: 'appoint-reviewer', title: 'Appoint the reviewer' },
              'hasReviewer',
            ),
            scope: {
              initial: 'pending',
              states: {
                pending: {
                  meta: {
                    steps: [
                      {
                        key: 'agree-scope',
                        title:
                          'Agree the method, period under review, agencies and terms of reference',
                        assignee: GROUP_CHAIR,
                      },
                    ],
                  },
                  on: { SCOPE_AGREED: { target: 'agreed', actions: 'agreeScope' } },
                },
                agreed: { type: 'final' },
              },
            },
          },
        },
        agencyReports: {
          initial: 'requesting',
          meta: { stage: 'Agency reports' },
          states: {
            requesting: {
              meta: {
                steps: [
                  {
                    key: 'request-agency-reports',
                    title: 'Ask the agencies in scope for their agency reports',
                    assignee: BUSINESS_MANAGER,
                  },
                ],
              },
              on: { AGENCY_REPORTS_REQUESTED: { target: 'awaiting', actions: 'requestReports' } },
            },
            awaiting: {
              meta: {
                steps: [
                  {
                    key: 'agency-report',
                    title: "Send your agency's report for the learning review",
                    assignee: { kind: 'each-agency', contextKey: 'reportsAwaitedFrom' },
                    due: { kind: 'fixed', anchor: 'agencyReportsDueOn' },
                  },
                ],
              },
              always: { guard: 'allReportsIn', target: '#learning-review.review.engagement' },
              on: {
                AGENCY_REPORTS_REQUESTED: { actions: 'requestReports' },
                AGENCY_REPORT_SUBMITTED: { actions: 'receiveReport' },
              },
            },
          },
        },
        engagement: {
          type: 'parallel',
          meta: { stage: 'Learning event and family' },
          onDone: 'drafting',
          states: {
            practitionerEvent: {
              initial: 'checking',
              states: {
                checking: {
                  always: [
                    { guard: 'isDesktopReview', target: 'notNeeded' },
                    { target: 'unscheduled' },
                  ],
                },
                ...PRACTITIONER_EVENT_STATES,
                notNeeded: { type: 'final' },
              },
            },
            family: FAMILY_INVOLVEMENT_REGION,
          },
        },
        drafting: draftReportState({
          author: REVIEWER,
          signedOffTarget: '#learning-review.review.approval',
          wording: REVIEW_GROUP_DRAFT_WORDING,
        }),
        approval: {
          meta: {
            stage: 'Approval',
            steps: [
              {
                key: 'approve-report',
                title: 'Approve the final report for the partnership',
                assignee: PARTNERSHIP_CHAIR,
              },
            ],
          },
          on: {
            REPORT_APPROVED: { target: '#learning-review.briefing', actions: 'approve' },
            CHANGES_REQUESTED: { target: 'drafting.revising' },
          },
        },
      },
    },
    briefing: {
      meta: {
        stage: 'Learning briefing',
        steps: [
          {
            key: 'publish-briefing',
            title: 'Publish the Learning and Improvement Briefing',
            assignee: BUSINESS_MANAGER,
          },
        ],
      },
      on: { BRIEFING_PUBLISHED: { target: 'actionPlan', actions: 'publishBriefing' } },
    },
    ...ACTION_PLAN_STATES,
  },
});
