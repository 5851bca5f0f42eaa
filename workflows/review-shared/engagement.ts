/**
 * The reviewer's engagement in a practice review or a learning review: the practitioner learning
 * event (arranged, then held) and the family's involvement (invited, then met or declined; or a
 * decision not to involve them), each a region of the state that gathers them.
 */
import { assertEvent, type EventObject } from 'xstate';
import type { IsoDate } from '../shared/due-rule';
import { assignPart } from './assign-part';
import { REVIEWER } from './review-assignees';
import type { FamilyInvolvement, FamilyNotInvolvedReason } from './review.types';

export type EngagementDates = {
  practitionerEventOn?: IsoDate;
};

export interface EngagementContext {
  dates: EngagementDates;
  family: FamilyInvolvement;
}

export type EngagementEvent =
  | { type: 'PRACTITIONER_EVENT_SCHEDULED'; eventOn: IsoDate }
  | { type: 'PRACTITIONER_EVENT_HELD'; heldOn: IsoDate }
  | { type: 'FAMILY_INVITED'; invitedOn: IsoDate }
  | { type: 'FAMILY_MET'; metOn: IsoDate }
  | { type: 'FAMILY_DECLINED'; declinedOn: IsoDate }
  | { type: 'FAMILY_NOT_INVOLVED'; reason: FamilyNotInvolvedReason };

export function engagementActions<
  TContext extends EngagementContext,
  TEvent extends EventObject,
>() {
  const update = assignPart<TContext, TEvent, EngagementContext, EngagementEvent>;
  return {
    schedulePractitionerEvent: update(({ context, event }) => {
      assertEvent(event, 'PRACTITIONER_EVENT_SCHEDULED');
      return { dates: { ...context.dates, practitionerEventOn: event.eventOn } };
    }),
    holdPractitionerEvent: update(({ context, event }) => {
      assertEvent(event, 'PRACTITIONER_EVENT_HELD');
      return { dates: { ...context.dates, practitionerEventOn: event.heldOn } };
    }),
    familyInvited: update(({ event }) => {
      assertEvent(event, 'FAMILY_INVITED');
      return { family: { status: 'invited' as const, invitedOn: event.invitedOn } };
    }),
    familyMet: update(({ context, event }) => {
      assertEvent(event, 'FAMILY_MET');
      return { family: { ...context.family, status: 'met' as const, respondedOn: event.metOn } };
    }),
    familyDeclined: update(({ context, event }) => {
      assertEvent(event, 'FAMILY_DECLINED');
      return {
        family: { ...context.family, status: 'declined' as const, respondedOn: event.declinedOn },
      };
    }),
    familyNotInvolved: update(({ context, event }) => {
      assertEvent(event, 'FAMILY_NOT_INVOLVED');
      return {
        family: {
          ...context.family,
          status: 'not-involved' as const,
          notInvolvedReason: event.reason,
        },
      };
    }),
  };
}

/** The practitioner learning event's states: arranged (optional), then held. */
export const PRACTITIONER_EVENT_STATES = {
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
      PRACTITIONER_EVENT_SCHEDULED: { target: 'scheduled', actions: 'schedulePractitionerEvent' },
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
} as const;

/** The family's involvement, a region of its own. */
export const FAMILY_INVOLVEMENT_REGION = {
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
} as const;
