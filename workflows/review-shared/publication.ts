/**
 * Publication of a statutory review's report: on the planned date, or deferred (criminal
 * proceedings, an inquest) with a reason and a date to look again, as often as needed.
 */
import { assertEvent, type EventObject } from 'xstate';
import type { IsoDate } from '../shared/due-rule';
import type { Assignee } from '../shared/steps';
import { assignPart } from './assign-part';
import { BUSINESS_MANAGER } from './review-assignees';
import type { DeferralReason, PublicationRecord } from './review.types';

export type PublicationDates = {
  plannedPublicationOn?: IsoDate;
  publishedOn?: IsoDate;
  deferredOn?: IsoDate;
  reviewAgainOn?: IsoDate;
};

export interface PublicationContext {
  dates: PublicationDates;
  publication: PublicationRecord;
}

export type PublicationEvent =
  | { type: 'PUBLICATION_DATE_SET'; plannedOn: IsoDate }
  | { type: 'PUBLISHED'; publishedOn: IsoDate }
  | {
      type: 'PUBLICATION_DEFERRED';
      reason: DeferralReason;
      note?: string;
      deferredOn: IsoDate;
      reviewAgainOn: IsoDate;
    };

export function publicationActions<
  TContext extends PublicationContext,
  TEvent extends EventObject,
>() {
  const update = assignPart<TContext, TEvent, PublicationContext, PublicationEvent>;
  return {
    setPublicationDate: update(({ context, event }) => {
      assertEvent(event, 'PUBLICATION_DATE_SET');
      return {
        dates: { ...context.dates, plannedPublicationOn: event.plannedOn },
        publication: { ...context.publication, status: 'not-published' as const },
      };
    }),
    publish: update(({ context, event }) => {
      assertEvent(event, 'PUBLISHED');
      return {
        dates: { ...context.dates, publishedOn: event.publishedOn },
        publication: { ...context.publication, status: 'published' as const },
      };
    }),
    defer: update(({ context, event }) => {
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
  };
}

/**
 * The `publication` and `deferred` states. `published` holds the transitions of the events that
 * publish the report, to `actionPlan`: `PUBLISHED`, and any other way the regime allows (a
 * practice review may publish only a summary of improvements).
 */
export function publicationStates<
  const TPublished extends Record<string, { target: 'actionPlan'; actions: string }>,
>(options: {
  /** Who looks again at a deferred publication. */
  deferralReviewer: Assignee;
  published: TPublished;
}) {
  return {
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
        ...options.published,
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
            assignee: options.deferralReviewer,
            due: { kind: 'fixed', anchor: 'reviewAgainOn' },
          },
        ],
      },
      on: {
        PUBLICATION_DEFERRED: { target: 'deferred', reenter: true, actions: 'defer' },
        PUBLICATION_DATE_SET: { target: 'publication', actions: 'setPublicationDate' },
        ...options.published,
      },
    },
  } as const;
}
