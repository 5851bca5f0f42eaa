import { incidentInputProblems, type InputProblem } from '../review-shared/review-input';
import type { IsoDate } from '../shared/due-rule';

/** What is wrong with the details a practice review starts from; empty when they are valid. */
export function practiceReviewInputProblems(input: unknown, today: IsoDate): InputProblem[] {
  return incidentInputProblems(input, today, {
    field: 'awareOn',
    what: 'the date the local authority became aware',
  });
}
