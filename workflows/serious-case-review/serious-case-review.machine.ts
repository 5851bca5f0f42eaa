/**
 * Serious case review (SCR) under Working Together 2015, kept as its own definition for the reviews
 * begun under that regime. Pure: the engine turns each state's `meta.steps` into tasks.
 */
import { assertEvent, assign, setup } from 'xstate';
import type { ReviewSteppedDownEffect } from '../review-shared/review.types';
import {
  union,
  withComments,
  withLastRoundClosed,
  withNewRound,
  without,
} from '../review-shared/review-updates';
import type { StateMeta } from '../shared/steps';
import type {
  SeriousCaseReviewContext,
  SeriousCaseReviewEvent,
  SeriousCaseReviewInput,
} from './serious-case-review.types';

const BUSINESS_MANAGER = { kind: 'partnership-role', role: 'business-manager' } as const;
const PARTNERSHIP_CHAIR = { kind: 'partnership-role', role: 'partnership-chair' } as const;
const PANEL_CHAIR = { kind: 'instance-role', role: 'panel-chair' } as const;
const PANEL_MEMBERS = { kind: 'instance-role', role: 'panel-member' } as const;
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
      assertEvent(event, 'BOARD_APPROVED');
      return { dates: { ...context.dates, boardApprovedOn: event.approvedOn } };
    }),
    setPublicationDate: assign(({ context, event }) => {
      assertEvent(event, 'PUBLICATION_DATE_SET');
      return {
        dates: { ...context.dates, plannedPublicationOn: event.plannedOn },
        publication: { ...context.publication, status: 'not-published' as const },
      };
    }),
    publish: assign(({ context, event }) => {
      assertEvent(event, 'PUBLISHED');
      return {
        dates: { ...context.dates, publishedOn: event.publishedOn },
        publication: { ...context.publication, status: 'published' as const },
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
        STEPPED_DOWN: {
          target: 'steppedDown',
          actions: [
            'stepDown',
            {
              type: 'effect.review-stepped-down',
              params: ({ event }) => ({
                fromWorkflow: 'serious-case-review' as const,
                panelAgreedOn: event.panelAgreedOn,
                learningReviewId: event.learningReviewId ?? null,
              }),
            },
          ],
        },
      },
      states: {
        panelSetUp: {
          type: 'parallel',
          meta: { stage: 'SCR panel' },
          onDone: 'agencyReviews',
          states: {
            chair: {
              initial: 'pending',
              states: {
                pending: {
                  meta: {
                    steps: [
                      {
                        key: 'appoint-scr-panel-chair',
                        title: 'Appoint the independent chair of the SCR panel',
                        assignee: BUSINESS_MANAGER,
                      },
                    ],
                  },
                  always: { guard: 'hasPanelChair', target: 'appointed' },
                },
                appointed: { type: 'final' },
              },
            },
            author: {
              initial: 'pending',
              states: {
                pending: {
                  meta: {
                    steps: [
                      {
                        key: 'appoint-author',
                        title: 'Appoint the independent author',
                        assignee: BUSINESS_MANAGER,
                      },
                    ],
                  },
                  always: { guard: 'hasAuthor', target: 'appointed' },
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
                        title: 'Agree the terms of reference',
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
        drafting: {
          initial: 'writing',
          meta: { stage: 'Draft report' },
          states: {
            writing: {
              meta: {
                steps: [
                  { key: 'submit-draft', title: 'Submit the draft report', assignee: AUTHOR },
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
                  target: '#serious-case-review.review.boardApproval',
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
                    assignee: AUTHOR,
                  },
                ],
              },
              on: { DRAFT_SUBMITTED: { target: 'draftReceived', actions: 'submitDraft' } },
            },
          },
        },
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
            assignee: PARTNERSHIP_CHAIR,
            due: { kind: 'fixed', anchor: 'reviewAgainOn' },
          },
        ],
      },
      on: {
        PUBLICATION_DEFERRED: { target: 'deferred', reenter: true, actions: 'defer' },
        PUBLICATION_DATE_SET: { target: 'publication', actions: 'setPublicationDate' },
        PUBLISHED: { target: 'actionPlan', actions: 'publish' },
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
    noReview: { type: 'final', meta: { stage: 'No serious case review', final: true } },
    steppedDown: {
      type: 'final',
      meta: { stage: 'Stepped down to a learning review', final: true },
    },
  },
});
