/** Pure updates of the context pieces the review workflows share. */
import type { IsoDate } from '../shared/due-rule';
import type { CommentRound } from './review.types';

export function withNewRound(rounds: readonly CommentRound[], dueOn: IsoDate): CommentRound[] {
  return [...rounds, { number: rounds.length + 1, dueOn, commentsFrom: [], closed: false }];
}

/** Adds a person to the open round's commenters (once). */
export function withComments(
  rounds: readonly CommentRound[],
  personId: string | null | undefined,
): CommentRound[] {
  return rounds.map((round, index) =>
    index === rounds.length - 1 && personId && !round.commentsFrom.includes(personId)
      ? { ...round, commentsFrom: [...round.commentsFrom, personId] }
      : round,
  );
}

export function withLastRoundClosed(rounds: readonly CommentRound[]): CommentRound[] {
  return rounds.map((round, index) =>
    index === rounds.length - 1 ? { ...round, closed: true } : round,
  );
}

/** Agencies added to a request, keeping order and no duplicates. */
export function union(existing: readonly string[], added: readonly string[]): string[] {
  return [...new Set([...existing, ...added])];
}

export function without(list: readonly string[], item: string): string[] {
  return list.filter((entry) => entry !== item);
}
