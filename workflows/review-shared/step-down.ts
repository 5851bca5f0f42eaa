/**
 * Stepping a statutory review down to a learning review, with the national Panel's agreement: the
 * review ends, keeping its history, and asks the reviews module to start the linked learning review.
 */
import { assertEvent, type EventObject } from 'xstate';
import type { IsoDate } from '../shared/due-rule';
import { assignPart } from './assign-part';
import type { ReviewLinks, ReviewSteppedDownEffect, SteppedDownEvent } from './review.types';

export type StepDownDates = {
  steppedDownOn?: IsoDate;
};

export interface StepDownContext {
  dates: StepDownDates;
  links: ReviewLinks;
}

export function stepDownActions<TContext extends StepDownContext, TEvent extends EventObject>() {
  const update = assignPart<TContext, TEvent, StepDownContext, SteppedDownEvent>;
  return {
    stepDown: update(({ context, event }) => {
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
    'effect.review-stepped-down': (_args: unknown, _params: ReviewSteppedDownEffect) => undefined,
  };
}

/** The `STEPPED_DOWN` transition of a review still under way, to its final `steppedDown` state. */
export function steppedDownTransition(fromWorkflow: ReviewSteppedDownEffect['fromWorkflow']) {
  return {
    target: 'steppedDown',
    actions: [
      'stepDown',
      {
        type: 'effect.review-stepped-down',
        params: ({ event }: { event: SteppedDownEvent }): ReviewSteppedDownEffect => ({
          fromWorkflow,
          panelAgreedOn: event.panelAgreedOn,
          learningReviewId: event.learningReviewId ?? null,
        }),
      },
    ],
  } as const;
}

export const STEPPED_DOWN_STATE = {
  type: 'final',
  meta: { stage: 'Stepped down to a learning review', final: true },
} as const;
