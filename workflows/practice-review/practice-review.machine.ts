/**
 * Rapid review and local child safeguarding practice review (LCSPR), Working Together 2018/2023.
 * Pure: the engine applies events with XState's `transition()` and turns each state's `meta.steps`
 * into tasks and deadlines; nothing here keeps time.
 */
import { assertEvent, assign, setup } from 'xstate';
import { ACTION_PLAN_STATES, actionPlanActions } from '../review-shared/action-plan';
import { appointmentRegion, termsOfReferenceRegion } from '../review-shared/commissioning';
import { draftReportActions, draftReportState } from '../review-shared/draft-report';
import {
  FAMILY_INVOLVEMENT_REGION,
  PRACTITIONER_EVENT_STATES,
  engagementActions,
} from '../review-shared/engagement';
import { publicationActions, publicationStates } from '../review-shared/publication';
import {
  BUSINESS_MANAGER,
  LEAD_SAFEGUARDING_PARTNERS,
  REVIEWER,
} from '../review-shared/review-assignees';
import { PUBLICATION_NOTICE_WORKING_DAYS } from '../review-shared/review-checks';
import { union, without } from '../review-shared/review-updates';
import {
  STEPPED_DOWN_STATE,
  stepDownActions,
  steppedDownTransition,
} from '../review-shared/step-down';
import type { StateMeta } from '../shared/steps';
import type {
  PracticeReviewContext,
  PracticeReviewEvent,
  PracticeReviewInput,
  RapidReviewDecision,
} from './practice-review.types';

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
    approve: assign(({ context, event }) => {
      assertEvent(event, 'REPORT_APPROVED');
      return { dates: { ...context.dates, partnersApprovedOn: event.approvedOn } };
    }),
    recordReportSent: assign(({ context, event }) => {
      assertEvent(event, 'FINAL_REPORT_SENT');
      return { dates: { ...context.dates, reportSentToPanelOn: event.sentOn } };
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
    ...engagementActions<PracticeReviewContext, PracticeReviewEvent>(),
    ...draftReportActions<PracticeReviewContext, PracticeReviewEvent>(),
    ...publicationActions<PracticeReviewContext, PracticeReviewEvent>(),
    ...actionPlanActions<PracticeReviewContext, PracticeReviewEvent>(),
    ...stepDownActions<PracticeReviewContext, PracticeReviewEvent>(),
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
                assignee: LEAD_SAFEGUARDING_PARTNERS,
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
            assignee: LEAD_SAFEGUARDING_PARTNERS,
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
        STEPPED_DOWN: steppedDownTransition('practice-review'),
      },
      states: {
        commissioning: {
          type: 'parallel',
          meta: { stage: 'Commissioning' },
          onDone: 'informationGathering',
          states: {
            reviewer: appointmentRegion(
              { key: 'appoint-reviewer', title: 'Appoint the independent reviewer' },
              'hasReviewer',
            ),
            termsOfReference: termsOfReferenceRegion(
              'Agree the terms of reference and the review method',
            ),
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
            practitionerEvent: { initial: 'unscheduled', states: PRACTITIONER_EVENT_STATES },
            family: FAMILY_INVOLVEMENT_REGION,
          },
        },
        drafting: draftReportState({
          author: REVIEWER,
          signedOffTarget: '#practice-review.review.approval',
        }),
        approval: {
          meta: {
            stage: 'Approval',
            steps: [
              {
                key: 'approve-report',
                title: 'Approve the final report',
                assignee: LEAD_SAFEGUARDING_PARTNERS,
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
    ...publicationStates({
      deferralReviewer: LEAD_SAFEGUARDING_PARTNERS,
      published: {
        PUBLISHED: { target: 'actionPlan', actions: 'publish' },
        SUMMARY_OF_IMPROVEMENTS_PUBLISHED: { target: 'actionPlan', actions: 'publishSummary' },
      },
    }),
    ...ACTION_PLAN_STATES,
    noReview: { type: 'final', meta: { stage: 'No review: other learning', final: true } },
    nationalReview: {
      type: 'final',
      meta: { stage: 'Referred for a national review', final: true },
    },
    steppedDown: STEPPED_DOWN_STATE,
  },
});
