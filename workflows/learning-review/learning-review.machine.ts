/**
 * Learning review (non-statutory): for cases below the threshold of a statutory review, or stepped
 * down from one. Pure: the engine turns each state's `meta.steps` into tasks.
 */
import { assertEvent, assign, setup } from 'xstate';
import {
  union,
  withComments,
  withLastRoundClosed,
  withNewRound,
  without,
} from '../review-shared/review-updates';
import type { StateMeta } from '../shared/steps';
import type {
  LearningReviewContext,
  LearningReviewEvent,
  LearningReviewInput,
} from './learning-review.types';

const BUSINESS_MANAGER = { kind: 'partnership-role', role: 'business-manager' } as const;
const PARTNERSHIP_CHAIR = { kind: 'partnership-role', role: 'partnership-chair' } as const;
const GROUP_CHAIR = { kind: 'instance-role', role: 'panel-chair' } as const;
const GROUP_MEMBERS = { kind: 'instance-role', role: 'panel-member' } as const;
const REVIEWER = { kind: 'person', contextKey: 'reviewerPersonId' } as const;

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
    schedulePractitionerEvent: assign(({ context, event }) => {
      assertEvent(event, 'PRACTITIONER_EVENT_SCHEDULED');
      return { dates: { ...context.dates, practitionerEventOn: event.eventOn } };
    }),
    holdPractitionerEvent: assign(({ context, event }) => {
      assertEvent(event, 'PRACTITIONER_EVENT_HELD');
      return { dates: { ...context.dates, practitionerEventOn: event.heldOn } };
    }),
    familyInvited: assign(({ event }) => {
      assertEvent(event, 'FAMILY_INVITED');
      return { family: { status: 'invited' as const, invitedOn: event.invitedOn } };
    }),
    familyMet: assign(({ context, event }) => {
      assertEvent(event, 'FAMILY_MET');
      return { family: { ...context.family, status: 'met' as const, respondedOn: event.metOn } };
    }),
    familyDeclined: assign(({ context, event }) => {
      assertEvent(event, 'FAMILY_DECLINED');
      return {
        family: { ...context.family, status: 'declined' as const, respondedOn: event.declinedOn },
      };
    }),
    familyNotInvolved: assign(({ context, event }) => {
      assertEvent(event, 'FAMILY_NOT_INVOLVED');
      return {
        family: {
          ...context.family,
          status: 'not-involved' as const,
          notInvolvedReason: event.reason,
        },
      };
    }),
    submitDraft: assign(({ context }) => ({ draftsSubmitted: context.draftsSubmitted + 1 })),
    openCommentRound: assign(({ context, event }) => {
      assertEvent(event, 'COMMENT_ROUND_OPENED');
      return {
        commentRounds: withNewRound(context.commentRounds, event.dueOn),
        dates: { ...context.dates, commentRoundDueOn: event.dueOn },
      };
    }),
    recordComments: assign(({ context, event }) => ({
      commentRounds: withComments(context.commentRounds, event.actor?.personId),
    })),
    closeCommentRound: assign(({ context }) => ({
      commentRounds: withLastRoundClosed(context.commentRounds),
    })),
    signOff: assign(({ context, event }) => {
      assertEvent(event, 'PANEL_SIGNED_OFF');
      return { dates: { ...context.dates, panelSignedOffOn: event.signedOffOn } };
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
    closeActionPlan: assign(({ context, event }) => {
      assertEvent(event, 'ACTION_PLAN_CLOSED');
      return { dates: { ...context.dates, actionPlanClosedOn: event.closedOn } };
    }),
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
            reviewer: {
              initial: 'pending',
              states: {
                pending: {
                  meta: {
                    steps: [
                      {
                        key: 'appoint-reviewer',
                        title: 'Appoint the reviewer',
                        assignee: BUSINESS_MANAGER,
                      },
                    ],
                  },
                  always: { guard: 'hasReviewer', target: 'appointed' },
                },
                appointed: { type: 'final' },
              },
            },
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
                unscheduled: {
                  meta: {
                    steps: [
                      {
                        key: 'schedule-practitioner-event',
                        title: 'Arrange the practitioner learning event',
                        assignee: REVIEWER,
                      },
                    ],
                  },
                  on: {
                    PRACTITIONER_EVENT_SCHEDULED: {
                      target: 'scheduled',
                      actions: 'schedulePractitionerEvent',
                    },
                    PRACTITIONER_EVENT_HELD: { target: 'held', actions: 'holdPractitionerEvent' },
                  },
                },
                scheduled: {
                  meta: {
                    steps: [
                      {
                        key: 'practitioner-event',
                        title: 'Hold the practitioner learning event',
                        assignee: REVIEWER,
                        due: { kind: 'fixed', anchor: 'practitionerEventOn' },
                      },
                    ],
                  },
                  on: {
                    PRACTITIONER_EVENT_SCHEDULED: { actions: 'schedulePractitionerEvent' },
                    PRACTITIONER_EVENT_HELD: { target: 'held', actions: 'holdPractitionerEvent' },
                  },
                },
                held: { type: 'final' },
                notNeeded: { type: 'final' },
              },
            },
            family: {
              initial: 'undecided',
              states: {
                undecided: {
                  meta: {
                    steps: [
                      {
                        key: 'family-involvement',
                        title: 'Invite the family to take part, or record why not',
                        assignee: REVIEWER,
                      },
                    ],
                  },
                  on: {
                    FAMILY_INVITED: { target: 'invited', actions: 'familyInvited' },
                    FAMILY_NOT_INVOLVED: { target: 'done', actions: 'familyNotInvolved' },
                  },
                },
                invited: {
                  meta: {
                    steps: [
                      {
                        key: 'family-response',
                        title: 'Record whether the family met the reviewer or declined',
                        assignee: REVIEWER,
                      },
                    ],
                  },
                  on: {
                    FAMILY_MET: { target: 'done', actions: 'familyMet' },
                    FAMILY_DECLINED: { target: 'done', actions: 'familyDeclined' },
                    FAMILY_NOT_INVOLVED: { target: 'done', actions: 'familyNotInvolved' },
                  },
                },
                done: { type: 'final' },
              },
            },
          },
        },
        drafting: {
          initial: 'writing',
          meta: { stage: 'Draft report' },
          states: {
            writing: {
              meta: {
                steps: [
                  { key: 'submit-draft', title: 'Submit the draft report', assignee: REVIEWER },
                ],
              },
              on: { DRAFT_SUBMITTED: { target: 'draftReceived', actions: 'submitDraft' } },
            },
            draftReceived: {
              meta: {
                steps: [
                  {
                    key: 'review-draft',
                    title: 'Open a round of comments on the draft, or sign off the final report',
                    assignee: GROUP_CHAIR,
                  },
                ],
              },
              on: {
                COMMENT_ROUND_OPENED: { target: 'commentRound', actions: 'openCommentRound' },
                PANEL_SIGNED_OFF: {
                  target: '#learning-review.review.approval',
                  actions: 'signOff',
                },
              },
            },
            commentRound: {
              meta: {
                steps: [
                  {
                    key: 'group-comments',
                    title: 'Comment on the draft report',
                    assignee: GROUP_MEMBERS,
                    due: { kind: 'fixed', anchor: 'commentRoundDueOn' },
                  },
                  {
                    key: 'close-comment-round',
                    title: 'Close the round of comments',
                    assignee: GROUP_CHAIR,
                    due: { kind: 'fixed', anchor: 'commentRoundDueOn' },
                  },
                ],
              },
              on: {
                COMMENTS_SUBMITTED: { actions: 'recordComments' },
                COMMENT_ROUND_CLOSED: { target: 'revising', actions: 'closeCommentRound' },
              },
            },
            revising: {
              meta: {
                steps: [
                  {
                    key: 'revise-draft',
                    title: 'Revise the draft report and submit it again',
                    assignee: REVIEWER,
                  },
                ],
              },
              on: { DRAFT_SUBMITTED: { target: 'draftReceived', actions: 'submitDraft' } },
            },
          },
        },
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
    actionPlan: {
      meta: {
        stage: 'Action plan',
        steps: [
          {
            key: 'monitor-action-plan',
            title: 'Monitor the action plan to closure',
            assignee: BUSINESS_MANAGER,
          },
        ],
      },
      on: { ACTION_PLAN_CLOSED: { target: 'closed', actions: 'closeActionPlan' } },
    },
    closed: { type: 'final', meta: { stage: 'Closed', final: true } },
  },
});
