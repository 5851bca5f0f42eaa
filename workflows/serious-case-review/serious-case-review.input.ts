import { incidentInputProblems, type InputProblem } from '../review-shared/review-input';
import type { IsoDate } from '../shared/due-rule';

/** What is wrong with the details a serious case review starts from; empty when they are valid. */
export function seriousCaseReviewInputProblems(input: unknown, today: IsoDate): InputProblem[] {
  return incidentInputProblems(input, today, {
    field: 'notifiedOn',
    what: 'the date of the notification',
  });
}
