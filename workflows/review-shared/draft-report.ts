/**
 * The draft report every review shares: the reviewer (or author) submits a draft, the panel chair
 * opens rounds of comments from the panel, each due on a date the chair sets, the reviewer revises,
 * and the chair signs the report off once the panel has commented at least once.
 */
import { assertEvent, type EventObject } from 'xstate';
import type { IsoDate } from '../shared/due-rule';
import type { Assignee } from '../shared/steps';
import { assignPart } from './assign-part';
import { PANEL_CHAIR, PANEL_MEMBERS } from './review-assignees';
import type { CommentRound, WithActor } from './review.types';
import { withComments, withLastRoundClosed, withNewRound } from './review-updates';

export type DraftReportDates = {
  /** Due date of the open (or latest) round of comments. */
  commentRoundDueOn?: IsoDate;
  /** The panel (or review group) chair signed off the final report. */
  panelSignedOffOn?: IsoDate;
};

export interface DraftReportContext {
  dates: DraftReportDates;
  draftsSubmitted: number;
  commentRounds: CommentRound[];
}

export type DraftReportEvent =
  | { type: 'DRAFT_SUBMITTED' }
  | { type: 'COMMENT_ROUND_OPENED'; dueOn: IsoDate }
  | { type: 'COMMENTS_SUBMITTED' }
  | { type: 'COMMENT_ROUND_CLOSED' }
  | { type: 'PANEL_SIGNED_OFF'; signedOffOn: IsoDate }
  /** Whoever approves the report sends it back to be revised. */
  | { type: 'CHANGES_REQUESTED' };

export function draftReportActions<
  TContext extends DraftReportContext,
  TEvent extends EventObject,
>() {
  const update = assignPart<TContext, TEvent, DraftReportContext, WithActor<DraftReportEvent>>;
  return {
    submitDraft: update(({ context }) => ({ draftsSubmitted: context.draftsSubmitted + 1 })),
    openCommentRound: update(({ context, event }) => {
      assertEvent(event, 'COMMENT_ROUND_OPENED');
      return {
        commentRounds: withNewRound(context.commentRounds, event.dueOn),
        dates: { ...context.dates, commentRoundDueOn: event.dueOn },
      };
    }),
    recordComments: update(({ context, event }) => ({
      commentRounds: withComments(context.commentRounds, event.actor?.personId),
    })),
    closeCommentRound: update(({ context }) => ({
      commentRounds: withLastRoundClosed(context.commentRounds),
    })),
    signOff: update(({ context, event }) => {
      assertEvent(event, 'PANEL_SIGNED_OFF');
      return { dates: { ...context.dates, panelSignedOffOn: event.signedOffOn } };
    }),
  };
}

/** How a review names its draft's steps; a learning review speaks of its review group. */
export interface DraftReportWording {
  reviewDraftTitle: string;
  commentsStepKey: string;
  closeRoundTitle: string;
}

export const PANEL_DRAFT_WORDING = {
  reviewDraftTitle: 'Open a round of panel comments on the draft, or sign it off',
  commentsStepKey: 'panel-comments',
  closeRoundTitle: 'Close the round of panel comments',
} as const satisfies DraftReportWording;

/**
 * The `drafting` state: `author` writes and revises the draft; on sign-off the review moves to
 * `signedOffTarget` (its approval state, by id).
 */
export function draftReportState(options: {
  author: Assignee;
  signedOffTarget: `#${string}`;
  wording?: DraftReportWording;
}) {
  const { author, signedOffTarget } = options;
  const wording = options.wording ?? PANEL_DRAFT_WORDING;
  return {
    initial: 'writing',
    meta: { stage: 'Draft report' },
    states: {
      writing: {
        meta: {
          steps: [{ key: 'submit-draft', title: 'Submit the draft report', assignee: author }],
        },
        on: { DRAFT_SUBMITTED: { target: 'draftReceived', actions: 'submitDraft' } },
      },
      draftReceived: {
        meta: {
          steps: [{ key: 'review-draft', title: wording.reviewDraftTitle, assignee: PANEL_CHAIR }],
        },
        on: {
          COMMENT_ROUND_OPENED: { target: 'commentRound', actions: 'openCommentRound' },
          PANEL_SIGNED_OFF: { target: signedOffTarget, actions: 'signOff' },
        },
      },
      commentRound: {
        meta: {
          steps: [
            {
              key: wording.commentsStepKey,
              title: 'Comment on the draft report',
              assignee: PANEL_MEMBERS,
              due: { kind: 'fixed', anchor: 'commentRoundDueOn' },
            },
            {
              key: 'close-comment-round',
              title: wording.closeRoundTitle,
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
              assignee: author,
            },
          ],
        },
        on: { DRAFT_SUBMITTED: { target: 'draftReceived', actions: 'submitDraft' } },
      },
    },
  } as const;
}
