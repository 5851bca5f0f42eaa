import { oneOfProblem } from '../review-shared/review-checks';
import {
  booleanRule,
  inputProblems,
  pastDateRule,
  pseudonymProblem,
  type InputProblem,
} from '../review-shared/review-input';
import { INCIDENT_KINDS } from '../review-shared/review.types';
import type { IsoDate } from '../shared/due-rule';

/** What is wrong with the details a serious case review starts from; empty when they are valid. */
export function seriousCaseReviewInputProblems(input: unknown, today: IsoDate): InputProblem[] {
  return inputProblems(input, {
    pseudonym: pseudonymProblem,
    notifiedOn: pastDateRule('the date of the notification', today),
    childLookedAfter: booleanRule('the child was looked after'),
    incidentKind: (value) => oneOfProblem(value, INCIDENT_KINDS, 'what happened to the child'),
  });
}
