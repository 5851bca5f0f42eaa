import { idProblem, oneOfProblem, type Problem } from '../review-shared/review-checks';
import {
  inputProblems,
  pastDateRule,
  pseudonymProblem,
  type InputProblem,
} from '../review-shared/review-input';
import type { IsoDate } from '../shared/due-rule';
import { REFERRAL_SOURCES } from './learning-review.types';

/** The statutory reviews a learning review can continue. */
const STEPPED_DOWN_FROM = ['practice-review', 'serious-case-review'] as const;

/** What is wrong with the details a learning review starts from; empty when they are valid. */
export function learningReviewInputProblems(input: unknown, today: IsoDate): InputProblem[] {
  const source = (input as { referralSource?: unknown } | null)?.referralSource;
  return inputProblems(input, {
    pseudonym: pseudonymProblem,
    referredOn: pastDateRule('the date of the referral', today),
    referralSource: (value) =>
      oneOfProblem(value, REFERRAL_SOURCES, 'where the referral came from'),
    steppedDownFrom: (value) => steppedDownFromProblem(value, source === 'step-down'),
  });
}

function steppedDownFromProblem(value: unknown, steppedDown: boolean): Problem {
  if (!steppedDown) {
    return value === undefined
      ? null
      : 'Only a review stepped down links to the review it continues.';
  }
  if (typeof value !== 'object' || value === null) {
    return 'Say which review was stepped down to this one.';
  }
  const link = value as Record<string, unknown>;
  return (
    oneOfProblem(link.workflowKey, STEPPED_DOWN_FROM, 'the kind of review stepped down') ??
    idProblem(link.instanceId, 'review was stepped down')
  );
}
