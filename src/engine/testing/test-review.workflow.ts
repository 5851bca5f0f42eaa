import { assign, setup } from 'xstate';
import { isIsoDate } from '../../calendar';
import type { WorkflowDefinition } from '../../../workflows/shared/definition';
import type { ActorContext } from '../../../workflows/shared/roles';
import type { StateMeta, WorkflowContextBase } from '../../../workflows/shared/steps';

/**
 * A small review machine for the engine's own tests and benchmark: steps with each kind of
 * assignee and due rule, a deadline the machine reacts to, effects, guards that read the actor,
 * checks, a nested state that loops, and a second version with a migration. Not a real workflow.
 */
export interface TestReviewContext extends WorkflowContextBase {
  /** Agencies whose summary is still awaited. */
  agencies: string[];
  reviewerId?: string;
  round: number;
  escalations: number;
}

export interface TestReviewInput {
  awareOn?: string;
  agencies?: string[];
}

type From<E> = E & { actor: ActorContext };
export type TestReviewEvent = From<
  | { type: 'NOTIFICATION_SENT'; sentOn: string }
  | { type: 'SUMMARY_RETURNED'; agencyId: string }
  | { type: 'SET_DUE_DATE'; stepKey: string; dueOn?: string }
  | { type: 'SET_DATE'; anchor: string; date?: string }
  | { type: 'DECIDE'; decision: 'lcspr' | 'no-review'; reviewerId?: string }
  | { type: 'DEADLINE_PASSED'; stepKey: string; taskId: string; dueOn: string }
  | { type: 'SEND_DRAFT'; on: string }
  | { type: 'CLOSE_COMMENTS' }
  | { type: 'NUDGE' }
  | { type: 'PUBLISH' }
  | { type: 'WITHDRAW' }
>;

const meta = (value: StateMeta): StateMeta => value;

/** `v1` loops review.drafting <-> review.commenting; `v2` renamed commenting to panelReview. */
function buildMachine(variant: 'v1' | 'v2') {
  const commenting = variant === 'v1' ? 'commenting' : 'panelReview';
  return setup({
    types: {
      context: {} as TestReviewContext,
      events: {} as TestReviewEvent,
      input: undefined as TestReviewInput | undefined,
    },
    guards: {
      awaitsThisAgency: ({ context, event }) =>
        event.type === 'SUMMARY_RETURNED' &&
        context.agencies.includes(event.agencyId) &&
        // Guards see the actor: an agency returns only its own summary, unless the system does it.
        (event.actor.kind === 'system' ||
          event.actor.partnershipRoles.includes('business-manager') ||
          event.actor.agencyId === event.agencyId),
      decidedLcspr: ({ event }) => event.type === 'DECIDE' && event.decision === 'lcspr',
      decidedNoReview: ({ event }) => event.type === 'DECIDE' && event.decision === 'no-review',
      commentsDeadline: ({ event }) =>
        event.type === 'DEADLINE_PASSED' && event.stepKey === 'panel-comments',
    },
    actions: {
      escalate: assign({ escalations: ({ context }) => context.escalations + 1 }),
      // Effects do nothing here: the engine turns each `effect.*` action into an outbox row.
      'effect.nudge': (_, _params: { round: number }) => undefined,
      'effect.national-panel-notified': (_, _params: { sentOn: string }) => undefined,
      'effect.escalate': (_, _params: { stepKey: string; dueOn: string }) => undefined,
      'effect.publish': (_, _params: { round: number }) => undefined,
      'effect.comments-closed-on-deadline': (_, _params: { taskId: string; dueOn: string }) =>
        undefined,
    },
  }).createMachine({
    id: 'test-review',
    initial: 'notification',
    // XState's pure transition() builds an initial snapshot without input on every call: a context
    // factory that throws on missing input costs an exception per event, so it tolerates none.
    context: ({ input }: { input: TestReviewInput | undefined }) => ({
      dates: { awareOn: input?.awareOn },
      dueOverrides: {},
      agencies: input?.agencies ?? [],
      round: 1,
      escalations: 0,
    }),
    on: {
      SET_DUE_DATE: {
        actions: assign({
          dueOverrides: ({ context, event }) => ({
            ...context.dueOverrides,
            [event.stepKey]: event.dueOn,
          }),
        }),
      },
      SET_DATE: {
        actions: assign({
          dates: ({ context, event }) => ({ ...context.dates, [event.anchor]: event.date }),
        }),
      },
      NUDGE: {
        actions: { type: 'effect.nudge', params: ({ context }) => ({ round: context.round }) },
      },
      WITHDRAW: { target: '.withdrawn' },
    },
    states: {
      notification: {
        meta: meta({
          stage: 'Notification',
          steps: [
            {
              key: 'notify-panel',
              title: 'Notify the national Panel',
              assignee: { kind: 'partnership-role', role: 'business-manager' },
              due: { kind: 'working-days-after', anchor: 'awareOn', days: 5 },
              onDue: 'DEADLINE_PASSED',
            },
          ],
        }),
        on: {
          NOTIFICATION_SENT: {
            target: 'rapidReview',
            actions: [
              assign({
                dates: ({ context, event }) => ({
                  ...context.dates,
                  notificationSentOn: event.sentOn,
                }),
              }),
              {
                type: 'effect.national-panel-notified',
                params: ({ event }) => ({ sentOn: event.sentOn }),
              },
            ],
          },
          DEADLINE_PASSED: {
            actions: [
              'escalate',
              {
                type: 'effect.escalate',
                params: ({ event }) => ({ stepKey: event.stepKey, dueOn: event.dueOn }),
              },
            ],
          },
        },
      },
      rapidReview: {
        meta: meta({
          stage: 'Rapid review',
          steps: [
            {
              key: 'agency-summary',
              title: 'Return the agency summary',
              assignee: { kind: 'each-agency', contextKey: 'agencies' },
              due: { kind: 'working-days-after', anchor: 'notificationSentOn', days: 10 },
            },
            {
              key: 'rapid-review-decision',
              title: 'Record the rapid review decision',
              assignee: { kind: 'instance-role', role: 'panel-chair' },
              due: { kind: 'working-days-after', anchor: 'notificationSentOn', days: 15 },
              remind: false,
            },
          ],
        }),
        on: {
          SUMMARY_RETURNED: {
            guard: 'awaitsThisAgency',
            actions: assign({
              agencies: ({ context, event }) =>
                context.agencies.filter((id) => id !== event.agencyId),
            }),
          },
          DECIDE: [
            {
              guard: 'decidedLcspr',
              target: 'review',
              actions: assign({ reviewerId: ({ event }) => event.reviewerId }),
            },
            { guard: 'decidedNoReview', target: 'closed' },
          ],
        },
      },
      review: {
        initial: 'drafting',
        meta: meta({ stage: 'Review' }),
        on: {
          PUBLISH: {
            target: 'published',
            actions: {
              type: 'effect.publish',
              params: ({ context }) => ({ round: context.round }),
            },
          },
        },
        states: {
          drafting: {
            meta: meta({
              steps: [
                {
                  key: 'draft-report',
                  title: 'Write the draft report',
                  assignee: { kind: 'person', contextKey: 'reviewerId' },
                  due: { kind: 'fixed', anchor: 'draftDueOn' },
                },
              ],
            }),
            on: {
              SEND_DRAFT: {
                target: commenting,
                actions: assign({
                  dates: ({ context, event }) => ({ ...context.dates, commentsOpenedOn: event.on }),
                }),
              },
            },
          },
          [commenting]: {
            meta: meta({
              steps: [
                {
                  key: 'panel-comments',
                  title: 'Comment on the draft report',
                  assignee: { kind: 'instance-role', role: 'panel-member' },
                  due: { kind: 'working-days-after', anchor: 'commentsOpenedOn', days: 10 },
                  onDue: 'DEADLINE_PASSED',
                },
              ],
            }),
            on: {
              CLOSE_COMMENTS: {
                target: 'drafting',
                actions: assign({ round: ({ context }) => context.round + 1 }),
              },
              DEADLINE_PASSED: {
                guard: 'commentsDeadline',
                target: 'drafting',
                actions: [
                  assign({ round: ({ context }) => context.round + 1 }),
                  {
                    type: 'effect.comments-closed-on-deadline',
                    params: ({ event }) => ({ taskId: event.taskId, dueOn: event.dueOn }),
                  },
                ],
              },
            },
          },
        },
      },
      closed: { type: 'final', meta: meta({ stage: 'Closed', final: true }) },
      published: { type: 'final', meta: meta({ stage: 'Published', final: true }) },
      withdrawn: { type: 'final', meta: meta({ stage: 'Withdrawn', final: true }) },
    },
  });
}

const BUSINESS_UNIT = ['business-manager', 'business-officer'] as const;

const base = {
  key: 'test-review',
  title: 'Test review',
  referenceCode: 'TEST',
  permissions: {
    NOTIFICATION_SENT: {
      partnershipRoles: BUSINESS_UNIT,
      reason: 'Only the business unit can record the notification.',
    },
    SUMMARY_RETURNED: {
      taskHolderOf: ['agency-summary'],
      partnershipRoles: ['business-manager'],
      reason: 'Only the agency asked for a summary can return it.',
    },
    SET_DUE_DATE: { partnershipRoles: BUSINESS_UNIT, reason: 'Only the business unit sets dates.' },
    SET_DATE: { partnershipRoles: BUSINESS_UNIT, reason: 'Only the business unit sets dates.' },
    DECIDE: {
      instanceRoles: ['panel-chair'],
      reason: 'Only the panel chair can record the decision.',
    },
    SEND_DRAFT: {
      taskHolderOf: ['draft-report'],
      partnershipRoles: ['business-manager'],
      reason: 'Only the reviewer can send the draft.',
    },
    CLOSE_COMMENTS: {
      instanceRoles: ['panel-chair'],
      partnershipRoles: ['business-manager'],
      reason: 'Only the panel chair can close the comments.',
    },
    NUDGE: { partnershipRoles: BUSINESS_UNIT, reason: 'Only the business unit can nudge.' },
    PUBLISH: {
      partnershipRoles: ['partnership-chair'],
      reason: 'Only the partnership chair can publish.',
    },
    WITHDRAW: {
      partnershipRoles: ['business-manager'],
      reason: 'Only the business manager can withdraw.',
    },
  },
  checks: {
    DECIDE: ({ context }) =>
      (context as TestReviewContext).agencies.length > 0
        ? 'Every agency summary must be returned before the decision.'
        : null,
    SET_DATE: ({ event }) =>
      event.date === undefined || isIsoDate(event.date)
        ? null
        : 'The date must be a real date written YYYY-MM-DD.',
    SEND_DRAFT: ({ event, today }) =>
      typeof event.on === 'string' && event.on > today
        ? 'The draft cannot be sent on a future date.'
        : null,
  },
} satisfies Omit<WorkflowDefinition, 'version' | 'machine'>;

export const testReviewMachineV1 = buildMachine('v1');
export const testReviewMachineV2 = buildMachine('v2');

export const TEST_REVIEW_V1: WorkflowDefinition = {
  ...base,
  version: 1,
  machine: testReviewMachineV1,
};

/** Version 2 renamed `review.commenting` to `review.panelReview`; the migration moves snapshots. */
export const TEST_REVIEW_V2: WorkflowDefinition = {
  ...base,
  version: 2,
  machine: testReviewMachineV2,
  migrateFromPrevious: (snapshot) => {
    const persisted = snapshot as { value: unknown; [key: string]: unknown };
    const value =
      JSON.stringify(persisted.value) === JSON.stringify({ review: 'commenting' })
        ? { review: 'panelReview' }
        : persisted.value;
    return { ...persisted, value };
  },
};
