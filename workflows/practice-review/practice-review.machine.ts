/**
 * Rapid review and local child safeguarding practice review (LCSPR), Working Together 2018/2023.
 * Pure: the engine applies events with XState's `transition()` and turns each state's `meta.steps`
 * into tasks and deadlines; nothing here keeps time.
 */
import { assertEvent, assign, setup } from 'xstate';
import type { StateMeta } from '../shared/steps';
import type {
  PracticeReviewContext,
  PracticeReviewEvent,
  PracticeReviewInput,
  RapidReviewDecision,
} from './practice-review.types';
import type { ReviewSteppedDownEffect } from '../review-shared/review.types';
import { PUBLICATION_NOTICE_WORKING_DAYS } from '../review-shared/review-checks';
import {
  union,
  withComments,
  withLastRoundClosed,
  withNewRound,
  without,
} from '../review-shared/review-updates';

const BUSINESS_MANAGER = { kind: 'partnership-role', role: 'business-manager' } as const;
const LEAD_PARTNERS = { kind: 'partnership-role', role: 'lead-safeguarding-partner' } as const;
const PANEL_CHAIR = { kind: 'instance-role', role: 'panel-chair' } as const;
const PANEL_MEMBERS = { kind: 'instance-role', role: 'panel-member' } as const;
const REVIEWER = { kind: 'person', contextKey: 'reviewerPersonId' } as const;

/** Types every state's `meta` as the engine reads it (stage, steps). */
const STATE_META: StateMeta = {};

export const practiceReviewMachine = setup({
  types: {
    context: {} as PracticeReviewContext,
    events: {} as PracticeReviewEvent,
    input: {} as PracticeReviewInput,
    meta: STATE_META,
  },
  guards: {
    allSummariesIn: ({ context }) => context.summariesAwaitedFrom.length === 0,
    allInformationIn: ({ context }) => context.informationAwaitedFrom.length === 0,
    hasReviewer: ({ context }) => context.reviewerPersonId !== null,
    panelAgreed: ({ event }) =>
      event.type === 'PANEL_RESPONSE_RECORDED' && event.response === 'agrees',
    panelAgreedWith: ({ context, event }, params: { decision: RapidReviewDecision }) =>
      event.type === 'PANEL_RESPONSE_RECORDED' &&
      event.response === 'agrees' &&
      context.decision === params.decision,
    decidingNow: ({ event }, params: { decision: RapidReviewDecision }) =>
      event.type === 'RAPID_REVIEW_DECIDED' && event.decision === params.decision,
  },
  actions: {
    correctIncidentDetails: assign(({ context, event }) => {
      assertEvent(event, 'INCIDENT_DETAILS_CORRECTED');
      return {
        dates: { ...context.dates, awareOn: event.awareOn ?? context.dates.awareOn },
        pseudonym: event.pseudonym ?? context.pseudonym,
        childLookedAfter: event.childLookedAfter ?? context.childLookedAfter,
        incidentKind: event.incidentKind ?? context.incidentKind,
      };
    }),
    recordNotification: assign(({ context, event }) => {
      assertEvent(event, 'SERIOUS_INCIDENT_NOTIFIED');
      return {
        dates: { ...context.dates, notificationSentOn: event.sentOn },
        notifiedOfstedAndSecretaryOfState: event.alsoSentToOfstedAndSecretaryOfState === true,
      };
    }),
    requestSummaries: assign(({ context, event }) => {
      assertEvent(event, 'AGENCY_SUMMARIES_REQUESTED');
      return {
        agenciesAskedForSummaries: union(context.agenciesAskedForSummaries, event.agencyIds),
        summariesAwaitedFrom: union(
          context.summariesAwaitedFrom,
          event.agencyIds.filter((id) => !context.agenciesAskedForSummaries.includes(id)),
        ),
        dueOverrides: event.dueOn
          ? { ...context.dueOverrides, 'agency-summary': event.dueOn }
          : context.dueOverrides,
      };
    }),
    receiveSummary: assign(({ context, event }) => {
      assertEvent(event, 'AGENCY_SUMMARY_SUBMITTED');
      return { summariesAwaitedFrom: without(context.summariesAwaitedFrom, event.agencyId) };
    }),
    scheduleRapidReviewMeeting: assign(({ context, event }) => {
      assertEvent(event, 'RAPID_REVIEW_MEETING_SCHEDULED');
      return { dates: { ...context.dates, rapidReviewMeetingOn: event.meetingOn } };
    }),
    holdRapidReviewMeeting: assign(({ context, event }) => {
      assertEvent(event, 'RAPID_REVIEW_MEETING_HELD');
      return {
        dates: { ...context.dates, rapidReviewMeetingOn: event.heldOn },
        summariesMissingAtMeeting: [...context.summariesAwaitedFrom],
        summariesAwaitedFrom: [],
      };
    }),
    recordDecision: assign(({ context, event }) => {
      assertEvent(event, 'RAPID_REVIEW_DECIDED');
      return {
        decision: event.decision,
        otherLearning: event.decision === 'no-review' ? (event.otherLearning ?? null) : null,
        dates: { ...context.dates, decisionOn: event.decidedOn },
      };
    }),
    recordRapidReviewSent: assign(({ context, event }) => {
      assertEvent(event, 'RAPID_REVIEW_SENT_TO_PANEL');
      return { dates: { ...context.dates, rapidReviewSentToPanelOn: event.sentOn } };
    }),
    recordPanelResponse: assign(({ context, event }) => {
      assertEvent(event, 'PANEL_RESPONSE_RECORDED');
      return {
        panelResponse: event.response,
        dates: { ...context.dates, panelResponseOn: event.respondedOn },
      };
    }),
    recordRapidReviewMissed: assign(({ context }) => ({
      missedTimescales: union(context.missedTimescales, ['rapid-review']),
    })),
    appointReviewer: assign(({ event }) => {
      assertEvent(event, 'REVIEWER_APPOINTED');
      return { reviewerPersonId: event.reviewerPersonId };
    }),
    agreeTermsOfReference: assign(({ context, event }) => {
      assertEvent(event, 'TERMS_OF_REFERENCE_AGREED');
      return {
        method: event.method,
        dates: { ...context.dates, termsOfReferenceAgreedOn: event.agreedOn },
      };
    }),
    confirmPanel: assign({ panelConfirmed: true }),
    requestInformation: assign(({ context, event }) => {
      assertEvent(event, 'INFORMATION_REQUESTED');
      return {
        agenciesAskedForInformation: union(context.agenciesAskedForInformation, event.agencyIds),
        informationAwaitedFrom: union(
          context.informationAwaitedFrom,
          event.agencyIds.filter((id) => !context.agenciesAskedForInformation.includes(id)),
        ),
        dates: { ...context.dates, informationDueOn: event.dueOn },
      };
    }),
    receiveInformation: assign(({ context, event }) => {
      assertEvent(event, 'AGENCY_INFORMATION_SUBMITTED');
      return { informationAwaitedFrom: without(context.informationAwaitedFrom, event.agencyId) };
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
      return { dates: { ...context.dates, partnersApprovedOn: event.approvedOn } };
    }),
    setPublicationDate: assign(({ context, event }) => {
      assertEvent(event, 'PUBLICATION_DATE_SET');
      return {
        dates: { ...context.dates, plannedPublicationOn: event.plannedOn },
        publication: { ...context.publication, status: 'not-published' as const },
      };
    }),
    recordReportSent: assign(({ context, event }) => {
      assertEvent(event, 'FINAL_REPORT_SENT');
      return { dates: { ...context.dates, reportSentToPanelOn: event.sentOn } };
    }),
    publish: assign(({ context, event }) => {
      assertEvent(event, 'PUBLISHED');
      return {
        dates: { ...context.dates, publishedOn: event.publishedOn },
        publication: { ...context.publication, status: 'published' as const },
      };
    }),
    publishSummary: assign(({ context, event }) => {
      assertEvent(event, 'SUMMARY_OF_IMPROVEMENTS_PUBLISHED');
      return {
        dates: { ...context.dates, publishedOn: event.publishedOn },
        publication: {
          ...context.publication,
          status: 'summary-of-improvements' as const,
          exceptionalCircumstances: event.exceptionalCircumstances,
        },
      };
    }),
    defer: assign(({ context, event }) => {
      assertEvent(event, 'PUBLICATION_DEFERRED');
      const deferral = {
        reason: event.reason,
        ...(event.note ? { note: event.note } : {}),
        deferredOn: event.deferredOn,
        reviewAgainOn: event.reviewAgainOn,
      };
      return {
        dates: {
          ...context.dates,
          deferredOn: event.deferredOn,
          reviewAgainOn: event.reviewAgainOn,
          plannedPublicationOn: undefined,
        },
        publication: {
          ...context.publication,
          status: 'deferred' as const,
          deferrals: [...context.publication.deferrals, deferral],
        },
      };
    }),
    closeActionPlan: assign(({ context, event }) => {
      assertEvent(event, 'ACTION_PLAN_CLOSED');
      return { dates: { ...context.dates, actionPlanClosedOn: event.closedOn } };
    }),
    stepDown: assign(({ context, event }) => {
      assertEvent(event, 'STEPPED_DOWN');
      return {
        dates: { ...context.dates, steppedDownOn: event.panelAgreedOn },
        links: event.learningReviewId
          ? {
              ...context.links,
              steppedDownTo: { workflowKey: 'learning-review', instanceId: event.learningReviewId },
            }
          : context.links,
      };
    }),
    'effect.review-stepped-down': (_args, _params: ReviewSteppedDownEffect) => undefined,
  },
}).createMachine({
  id: 'practice-review',
  initial: 'notification',
  context: ({ input }) => ({
    dates: { awareOn: input.awareOn },
    dueOverrides: {},
    pseudonym: input.pseudonym,
    childLookedAfter: input.childLookedAfter,
    incidentKind: input.incidentKind,
    notifiedOfstedAndSecretaryOfState: false,
    agenciesAskedForSummaries: [],
    summariesAwaitedFrom: [],
    summariesMissingAtMeeting: [],
    decision: null,
    otherLearning: null,
    panelResponse: null,
    reviewerPersonId: null,
    method: null,
    panelConfirmed: false,
    agenciesAskedForInformation: [],
    informationAwaitedFrom: [],
    family: { status: 'undecided' },
    draftsSubmitted: 0,
    commentRounds: [],
    publication: { status: 'not-published', deferrals: [] },
    missedTimescales: [],
    links: {},
  }),
  states: {
    notification: {
      meta: {
        stage: 'Serious incident notification',
        steps: [
          {
            key: 'serious-incident-notification',
            title: 'Send the serious incident notification to the national Panel',
            assignee: BUSINESS_MANAGER,
            due: { kind: 'working-days-after', anchor: 'awareOn', days: 5 },
          },
        ],
      },
      on: {
        INCIDENT_DETAILS_CORRECTED: { actions: 'correctIncidentDetails' },
        SERIOUS_INCIDENT_NOTIFIED: { target: 'rapidReview', actions: 'recordNotification' },
      },
    },
    rapidReview: {
      initial: 'requestingSummaries',
      meta: {
        stage: 'Rapid review',
        steps: [
          {
            key: 'rapid-review',
            title: 'Send the rapid review to the national Panel',
            assignee: BUSINESS_MANAGER,
            due: { kind: 'working-days-after', anchor: 'notificationSentOn', days: 15 },
            onDue: 'RAPID_REVIEW_OVERDUE',
          },
        ],
      },
      on: {
        INCIDENT_DETAILS_CORRECTED: { actions: 'correctIncidentDetails' },
        RAPID_REVIEW_MEETING_SCHEDULED: { actions: 'scheduleRapidReviewMeeting' },
        RAPID_REVIEW_OVERDUE: { actions: 'recordRapidReviewMissed' },
      },
      states: {
        requestingSummaries: {
          meta: {
            steps: [
              {
                key: 'request-agency-summaries',
                title: 'Ask agencies for their rapid review summaries',
                assignee: BUSINESS_MANAGER,
              },
            ],
          },
          on: {
            AGENCY_SUMMARIES_REQUESTED: {
              target: 'gatheringSummaries',
              actions: 'requestSummaries',
            },
          },
        },
        gatheringSummaries: {
          meta: {
            steps: [
              {
                key: 'agency-summary',
                title: "Send your agency's summary for the rapid review",
                assignee: { kind: 'each-agency', contextKey: 'summariesAwaitedFrom' },
                due: { kind: 'working-days-after', anchor: 'notificationSentOn', days: 10 },
              },
            ],
          },
          always: { guard: 'allSummariesIn', target: 'meeting' },
          on: {
            AGENCY_SUMMARIES_REQUESTED: { actions: 'requestSummaries' },
            AGENCY_SUMMARY_SUBMITTED: { actions: 'receiveSummary' },
            RAPID_REVIEW_MEETING_HELD: { target: 'deciding', actions: 'holdRapidReviewMeeting' },
          },
        },
        meeting: {
          meta: {
            steps: [
              {
                key: 'rapid-review-meeting',
                title: 'Hold the rapid review meeting',
                assignee: BUSINESS_MANAGER,
                due: { kind: 'fixed', anchor: 'rapidReviewMeetingOn' },
              },
            ],
          },
          on: {
            RAPID_REVIEW_MEETING_HELD: { target: 'deciding', actions: 'holdRapidReviewMeeting' },
          },
        },
        deciding: {
          meta: {
            steps: [
              {
                key: 'rapid-review-decision',
                title: 'Decide whether to hold a local child safeguarding practice review',
                assignee: LEAD_PARTNERS,
                due: { kind: 'working-days-after', anchor: 'notificationSentOn', days: 15 },
              },
            ],
          },
          on: { RAPID_REVIEW_DECIDED: { target: 'sendingToPanel', actions: 'recordDecision' } },
        },
        sendingToPanel: {
          on: {
            RAPID_REVIEW_DECIDED: { actions: 'recordDecision' },
            RAPID_REVIEW_SENT_TO_PANEL: {
              target: '#practice-review.awaitingPanelResponse',
              actions: 'recordRapidReviewSent',
            },
          },
        },
      },
    },
    awaitingPanelResponse: {
      meta: {
        stage: 'National Panel response',
        steps: [
          {
            key: 'record-panel-response',
            title: "Record the national Panel's response to the rapid review",
            assignee: BUSINESS_MANAGER,
            due: { kind: 'working-days-after', anchor: 'rapidReviewSentToPanelOn', days: 10 },
          },
        ],
      },
      on: {
        PANEL_RESPONSE_RECORDED: [
          {
            guard: { type: 'panelAgreedWith', params: { decision: 'practice-review' } },
            target: 'review',
            actions: 'recordPanelResponse',
          },
          {
            guard: { type: 'panelAgreedWith', params: { decision: 'no-review' } },
            target: 'noReview',
            actions: 'recordPanelResponse',
          },
          { guard: 'panelAgreed', target: 'nationalReview', actions: 'recordPanelResponse' },
          { target: 'reconsidering', actions: 'recordPanelResponse' },
        ],
      },
    },
    reconsidering: {
      meta: {
        stage: 'National Panel response',
        steps: [
          {
            key: 'reconsider-decision',
            title: "Reconsider the decision after the national Panel's response",
            assignee: LEAD_PARTNERS,
          },
        ],
      },
      on: {
        RAPID_REVIEW_DECIDED: [
          {
            guard: { type: 'decidingNow', params: { decision: 'practice-review' } },
            target: 'review',
            actions: 'recordDecision',
          },
          {
            guard: { type: 'decidingNow', params: { decision: 'no-review' } },
            target: 'noReview',
            actions: 'recordDecision',
          },
          { target: 'nationalReview', actions: 'recordDecision' },
        ],
      },
    },
    review: {
      initial: 'commissioning',
      on: {
        REVIEWER_APPOINTED: { actions: 'appointReviewer' },
        STEPPED_DOWN: {
          target: 'steppedDown',
          actions: [
            'stepDown',
            {
              type: 'effect.review-stepped-down',
              params: ({ event }) => ({
                fromWorkflow: 'practice-review' as const,
                panelAgreedOn: event.panelAgreedOn,
                learningReviewId: event.learningReviewId ?? null,
              }),
            },
          ],
        },
      },
      states: {
        commissioning: {
          type: 'parallel',
          meta: { stage: 'Commissioning' },
          onDone: 'informationGathering',
          states: {
            reviewer: {
              initial: 'pending',
              states: {
                pending: {
                  meta: {
                    steps: [
                      {
                        key: 'appoint-reviewer',
                        title: 'Appoint the independent reviewer',
                        assignee: BUSINESS_MANAGER,
                      },
                    ],
                  },
                  always: { guard: 'hasReviewer', target: 'appointed' },
                },
                appointed: { type: 'final' },
              },
            },
            termsOfReference: {
              initial: 'pending',
              states: {
                pending: {
                  meta: {
                    steps: [
                      {
                        key: 'agree-terms-of-reference',
                        title: 'Agree the terms of reference and the review method',
                        assignee: PANEL_CHAIR,
                      },
                    ],
                  },
                  on: {
                    TERMS_OF_REFERENCE_AGREED: {
                      target: 'agreed',
                      actions: 'agreeTermsOfReference',
                    },
                  },
                },
                agreed: { type: 'final' },
              },
            },
            panel: {
              initial: 'pending',
              states: {
                pending: {
                  meta: {
                    steps: [
                      {
                        key: 'confirm-review-panel',
                        title: "Confirm the review panel's membership",
                        assignee: BUSINESS_MANAGER,
                      },
                    ],
                  },
                  on: { REVIEW_PANEL_CONFIRMED: { target: 'confirmed', actions: 'confirmPanel' } },
                },
                confirmed: { type: 'final' },
              },
            },
          },
        },
        informationGathering: {
          type: 'parallel',
          meta: { stage: 'Information gathering' },
          onDone: 'drafting',
          states: {
            agencyInformation: {
              initial: 'notRequested',
              states: {
                notRequested: {
                  meta: {
                    steps: [
                      {
                        key: 'request-agency-information',
                        title: 'Ask agencies for chronologies and agency reports',
                        assignee: BUSINESS_MANAGER,
                      },
                    ],
                  },
                  on: {
                    INFORMATION_REQUESTED: { target: 'requested', actions: 'requestInformation' },
                  },
                },
                requested: {
                  meta: {
                    steps: [
                      {
                        key: 'agency-information',
                        title: "Send your agency's chronology and agency report",
                        assignee: { kind: 'each-agency', contextKey: 'informationAwaitedFrom' },
                        due: { kind: 'fixed', anchor: 'informationDueOn' },
                      },
                    ],
                  },
                  always: { guard: 'allInformationIn', target: 'received' },
                  on: {
                    INFORMATION_REQUESTED: { actions: 'requestInformation' },
                    AGENCY_INFORMATION_SUBMITTED: { actions: 'receiveInformation' },
                  },
                },
                received: { type: 'final' },
              },
            },
            practitionerEvent: {
              initial: 'unscheduled',
              states: {
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
                    title: 'Open a round of panel comments on the draft, or sign it off',
                    assignee: PANEL_CHAIR,
                  },
                ],
              },
              on: {
                COMMENT_ROUND_OPENED: { target: 'commentRound', actions: 'openCommentRound' },
                PANEL_SIGNED_OFF: {
                  target: '#practice-review.review.approval',
                  actions: 'signOff',
                },
              },
            },
            commentRound: {
              meta: {
                steps: [
                  {
                    key: 'panel-comments',
                    title: 'Comment on the draft report',
                    assignee: PANEL_MEMBERS,
                    due: { kind: 'fixed', anchor: 'commentRoundDueOn' },
                  },
                  {
                    key: 'close-comment-round',
                    title: 'Close the round of panel comments',
                    assignee: PANEL_CHAIR,
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
                title: 'Approve the final report',
                assignee: LEAD_PARTNERS,
              },
            ],
          },
          on: {
            REPORT_APPROVED: { target: '#practice-review.sendingReport', actions: 'approve' },
            CHANGES_REQUESTED: { target: 'drafting.revising' },
          },
        },
      },
    },
    sendingReport: {
      meta: {
        stage: 'Publication',
        steps: [
          {
            key: 'send-final-report',
            title: 'Send the final report to the national Panel and the Department for Education',
            assignee: BUSINESS_MANAGER,
            due: {
              kind: 'working-days-before',
              anchor: 'plannedPublicationOn',
              days: PUBLICATION_NOTICE_WORKING_DAYS,
            },
          },
        ],
      },
      on: {
        PUBLICATION_DATE_SET: { actions: 'setPublicationDate' },
        FINAL_REPORT_SENT: { target: 'publication', actions: 'recordReportSent' },
      },
    },
    publication: {
      meta: {
        stage: 'Publication',
        steps: [
          {
            key: 'publish-report',
            title: 'Publish the report, or record that publication is deferred',
            assignee: BUSINESS_MANAGER,
            due: { kind: 'fixed', anchor: 'plannedPublicationOn' },
          },
        ],
      },
      on: {
        PUBLICATION_DATE_SET: { actions: 'setPublicationDate' },
        PUBLISHED: { target: 'actionPlan', actions: 'publish' },
        SUMMARY_OF_IMPROVEMENTS_PUBLISHED: { target: 'actionPlan', actions: 'publishSummary' },
        PUBLICATION_DEFERRED: { target: 'deferred', actions: 'defer' },
      },
    },
    deferred: {
      meta: {
        stage: 'Publication',
        steps: [
          {
            key: 'review-deferral',
            title: 'Look again at whether the deferred report can be published',
            assignee: LEAD_PARTNERS,
            due: { kind: 'fixed', anchor: 'reviewAgainOn' },
          },
        ],
      },
      on: {
        PUBLICATION_DEFERRED: { target: 'deferred', reenter: true, actions: 'defer' },
        PUBLICATION_DATE_SET: { target: 'publication', actions: 'setPublicationDate' },
        PUBLISHED: { target: 'actionPlan', actions: 'publish' },
        SUMMARY_OF_IMPROVEMENTS_PUBLISHED: { target: 'actionPlan', actions: 'publishSummary' },
      },
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
    noReview: { type: 'final', meta: { stage: 'No review: other learning', final: true } },
    nationalReview: {
      type: 'final',
      meta: { stage: 'Referred for a national review', final: true },
    },
    steppedDown: {
      type: 'final',
      meta: { stage: 'Stepped down to a learning review', final: true },
    },
  },
});
