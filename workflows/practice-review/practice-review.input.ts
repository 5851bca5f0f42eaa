import type { IsoDate } from '../shared/due-rule';
import { oneOfProblem } from '../review-shared/review-checks';
import {
  booleanRule,
  inputProblems,
  pastDateRule,
  pseudonymProblem,
  type InputProblem,
} from '../review-shared/review-input';
import { INCIDENT_KINDS } from '../review-shared/review.types';

/** What is wrong with the details a practice review starts from; empty when they are valid. */
export function practiceReviewInputProblems(input: unknown, today: IsoDate): InputProblem[] {
  return inputProblems(input, {
    pseudonym: pseudonymProblem,
    awareOn: pastDateRule('the date the local authority became aware', today),
    childLookedAfter: booleanRule('the child was looked after'),
    incidentKind: (value) => oneOfProblem(value, INCIDENT_KINDS, 'what happened to the child'),
  });
}
