/**
 * Serious case review (SCR) under Working Together 2015, kept as its own definition for the reviews
 * begun under that regime. Pure: the engine turns each state's `meta.steps` into tasks.
 */
import { assertEvent, assign, setup } from 'xstate';
import { ACTION_PLAN_STATES, actionPlanActions } from '../review-shared/action-plan';
import { appointmentRegion, termsOfReferenceRegion } from '../review-shared/commissioning';
import { draftReportActions, draftReportState } from '../review-shared/draft-report';
import { publicationActions, publicationStates } from '../review-shared/publication';
import { BUSINESS_MANAGER, PARTNERSHIP_CHAIR } from '../review-shared/review-assignees';
import { union, without } from '../review-shared/review-updates';
import {
  STEPPED_DOWN_STATE,
  stepDownActions,
  steppedDownTransition,
} from '../review-shared/step-down';
import type { StateMeta } from '../shared/steps';
import type {
  SeriousCaseReviewContext,
  SeriousCaseReviewEvent,
  SeriousCaseReviewInput,
} from './serious-case-review.types';

/** The independent author, the SCR's reviewer. */
const AUTHOR = { kind: 'person', contextKey: 'authorPersonId' } as const;

/** Types every state's `meta` as the engine reads it (stage, steps). */
const STATE_META: StateMeta = {};

export const seriousCaseReviewMachine = setup({
  types: {
    context: {} as SeriousCaseReviewContext,
    events: {} as SeriousCaseReviewEvent,
    input: {} as SeriousCaseReviewInput,
    meta: STATE_META,
  },
  guards: {
    decidedToHoldScr: ({ event }) => event.type === 'SCR_DECIDED' && event.decision === 'scr',
    hasPanelChair: ({ context }) => context.panelChairPersonId !== null,
    hasAuthor: ({ context }) => context.authorPersonId !== null,
    allAgencyReturnsIn: ({ context }) =>
      context.chronologiesAwaitedFrom.length === 0 && context.imrsAwaitedFrom.length === 0,
  },
  actions: {
    correctIncidentDetails: assign(({ context, event }) => {
      assertEvent(event, 'INCIDENT_DETAILS_CORRECTED');
      return {
        dates: { ...context.dates, notifiedOn: event.notifiedOn ?? context.dates.notifiedOn },
        pseudonym: event.pseudonym ?? context.pseudonym,
        childLookedAfter: event.childLookedAfter ?? context.childLookedAfter,
        incidentKind: event.incidentKind ?? context.incidentKind,
      };
    }),
    recordDecision: assign(({ context, event }) => {
      assertEvent(event, 'SCR_DECIDED');
      const held = event.decision === 'scr';
      return {
        decision: event.decision,
        otherLearning: held ? null : (event.otherLearning ?? null),
        dates: {
          ...context.dates,
          decisionOn: event.decidedOn,
          ...(held ? { initiatedOn: event.decidedOn } : {}),
        },
      };
    }),
    recordDecisionMissed: assign(({ context }) => ({
      missedTimescales: union(context.missedTimescales, ['scr-decision']),
    })),
    appointPanelChair: assign(({ event }) => {
      assertEvent(event, 'SCR_PANEL_CHAIR_APPOINTED');
      return { panelChairPersonId: event.personId };
    }),
    appointAuthor: assign(({ event }) => {
      assertEvent(event, 'AUTHOR_APPOINTED');
      return { authorPersonId: event.personId };
    }),
    agreeTermsOfReference: assign(({ context, event }) => {
      assertEvent(event, 'TERMS_OF_REFERENCE_AGREED');
      return { dates: { ...context.dates, termsOfReferenceAgreedOn: event.agreedOn } };
    }),
    requestImrs: assign(({ context, event }) => {
      assertEvent(event, 'IMRS_REQUESTED');
      const added = event.agencyIds.filter((id) => !context.agenciesAskedForImrs.includes(id));
      return {
        agenciesAskedForImrs: union(context.agenciesAskedForImrs, event.agencyIds),
        chronologiesAwaitedFrom: union(context.chronologiesAwaitedFrom, added),
        imrsAwaitedFrom: union(context.imrsAwaitedFrom, added),
        dates: {
          ...context.dates,
          chronologiesDueOn: event.chronologiesDueOn,
          imrsDueOn: event.imrsDueOn,
        },
      };
    }),
    receiveChronology: assign(({ context, event }) => {
      assertEvent(event, 'CHRONOLOGY_SUBMITTED');
      return { chronologiesAwaitedFrom: without(context.chronologiesAwaitedFrom, event.agencyId) };
    }),
    receiveImr: assign(({ context, event }) => {
      assertEvent(event, 'IMR_SUBMITTED');
      return { imrsAwaitedFrom: without(context.imrsAwaitedFrom, event.agencyId) };
    }),
    approve: assign(({ context, event }) => {
      assertEvent(event, 'BOARD_APPROVED');
      return { dates: { ...context.dates, boardApprovedOn: event.approvedOn } };
    }),
    ...draftReportActions<SeriousCaseReviewContext, SeriousCaseReviewEvent>(),
    ...publicationActions<SeriousCaseReviewContext, SeriousCaseReviewEvent>(),
    ...actionPlanActions<SeriousCaseReviewContext, SeriousCaseReviewEvent>(),
    ...stepDownActions<SeriousCaseReviewContext, SeriousCaseReviewEvent>(),
  },
}).createMachine({
  id: 'serious-case-review',
  initial: 'deciding',
  context: ({ input }) => ({
    dates: { notifiedOn: input.notifiedOn },
    dueOverrides: {},
    pseudonym: input.pseudonym,
    childLookedAfter: input.childLookedAfter,
    incidentKind: input.incidentKind,
    decision: null,
    otherLearning: null,
    panelChairPersonId: null,
    authorPersonId: null,
    agenciesAskedForImrs: [],
    chronologiesAwaitedFrom: [],
    imrsAwaitedFrom: [],
    draftsSubmitted: 0,
    commentRounds: [],
    publication: { status: 'not-published', deferrals: [] },
    missedTimescales: [],
    links: {},
  }),
  states: {
    deciding: {
      meta: {
        stage: 'Decision',
        steps: [
          {
            key: 'scr-decision',
            title: 'Decide whether to hold a serious case review',
            assignee: PARTNERSHIP_CHAIR,
            due: { kind: 'calendar-months-after', anchor: 'notifiedOn', months: 1 },
            onDue: 'SCR_DECISION_OVERDUE',
          },
        ],
      },
      on: {
        INCIDENT_DETAILS_CORRECTED: { actions: 'correctIncidentDetails' },
        SCR_DECISION_OVERDUE: { actions: 'recordDecisionMissed' },
        SCR_DECIDED: [
          { guard: 'decidedToHoldScr', target: 'review', actions: 'recordDecision' },
          { target: 'noReview', actions: 'recordDecision' },
        ],
      },
    },
    review: {
      initial: 'panelSetUp',
      on: {
        SCR_PANEL_CHAIR_APPOINTED: { actions: 'appointPanelChair' },
        AUTHOR_APPOINTED: { actions: 'appointAuthor' },
        STEPPED_DOWN: steppedDownTransition('serious-case-review'),
      },
      states: {
        panelSetUp: {
          type: 'parallel',
          meta: { stage: 'SCR panel' },
          onDone: 'agencyReviews',
          states: {
            chair: appointmentRegion(
              {
                key: 'appoint-scr-panel-chair',
                title: 'Appoint the independent chair of the SCR panel',
              },
              'hasPanelChair',
            ),
            author: appointmentRegion(
              { key: 'appoint-author', title: 'Appoint the independent author' },
              'hasAuthor',
            ),
            termsOfReference: termsOfReferenceRegion('Agree the terms of reference'),
          },
        },
        agencyReviews: {
          initial: 'requesting',
          meta: { stage: 'Chronologies and IMRs' },
          states: {
            requesting: {
              meta: {
                steps: [
                  {
                    key: 'request-imrs',
                    title: 'Ask agencies for chronologies and individual management reviews',
                    assignee: BUSINESS_MANAGER,
                  },
                ],
              },
              on: { IMRS_REQUESTED: { target: 'awaiting', actions: 'requestImrs' } },
            },
            awaiting: {
              meta: {
                steps: [
                  {
                    key: 'chronology',
                    title: "Send your agency's chronology",
                    assignee: { kind: 'each-agency', contextKey: 'chronologiesAwaitedFrom' },
                    due: { kind: 'fixed', anchor: 'chronologiesDueOn' },
                  },
                  {
                    key: 'imr',
                    title: "Send your agency's individual management review",
                    assignee: { kind: 'each-agency', contextKey: 'imrsAwaitedFrom' },
                    due: { kind: 'fixed', anchor: 'imrsDueOn' },
                  },
                ],
              },
              always: {
                guard: 'allAgencyReturnsIn',
                target: '#serious-case-review.review.drafting',
              },
              on: {
                IMRS_REQUESTED: { actions: 'requestImrs' },
                CHRONOLOGY_SUBMITTED: { actions: 'receiveChronology' },
                IMR_SUBMITTED: { actions: 'receiveImr' },
              },
            },
          },
        },
        drafting: draftReportState({
          author: AUTHOR,
          signedOffTarget: '#serious-case-review.review.boardApproval',
        }),
        boardApproval: {
          meta: {
            stage: 'Board approval',
            steps: [
              {
                key: 'board-approval',
                title: 'Take the report to the board for approval',
                assignee: PARTNERSHIP_CHAIR,
              },
            ],
          },
          on: {
            BOARD_APPROVED: { target: '#serious-case-review.publication', actions: 'approve' },
            CHANGES_REQUESTED: { target: 'drafting.revising' },
          },
        },
      },
    },
    ...publicationStates({
      deferralReviewer: PARTNERSHIP_CHAIR,
      published: { PUBLISHED: { target: 'actionPlan', actions: 'publish' } },
    }),
    ...ACTION_PLAN_STATES,
    noReview: { type: 'final', meta: { stage: 'No serious case review', final: true } },
    steppedDown: STEPPED_DOWN_STATE,
  },
});
