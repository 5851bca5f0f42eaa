/** The end of every review: its action plan, monitored to closure. */
import { assertEvent, type EventObject } from 'xstate';
import type { IsoDate } from '../shared/due-rule';
import { assignPart } from './assign-part';
import { BUSINESS_MANAGER } from './review-assignees';

export type ActionPlanDates = {
  actionPlanClosedOn?: IsoDate;
};

export interface ActionPlanContext {
  dates: ActionPlanDates;
}

export type ActionPlanEvent = { type: 'ACTION_PLAN_CLOSED'; closedOn: IsoDate };

export function actionPlanActions<
  TContext extends ActionPlanContext,
  TEvent extends EventObject,
>() {
  const update = assignPart<TContext, TEvent, ActionPlanContext, ActionPlanEvent>;
  return {
    closeActionPlan: update(({ context, event }) => {
      assertEvent(event, 'ACTION_PLAN_CLOSED');
      return { dates: { ...context.dates, actionPlanClosedOn: event.closedOn } };
    }),
  };
}

/** The `actionPlan` state and the final `closed` state it leads to. */
export const ACTION_PLAN_STATES = {
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
} as const;
