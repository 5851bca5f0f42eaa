/**
 * Validation of a review's start input. The shared WorkflowDefinition has no input contract yet,
 * so each review exports its own; the reviews module runs it before starting an instance.
 */
import type { IsoDate } from '../shared/due-rule';
import { oneOfProblem, pastDateProblem, pseudonymProblem, type Problem } from './review-checks';
import { INCIDENT_KINDS } from './review.types';

export { pseudonymProblem } from './review-checks';

/** A field-level problem, shaped like the API's validation errors. */
export interface InputProblem {
  field: string;
  message: string;
}

/** Collects each field's problem, in field order. */
export function inputProblems(
  input: unknown,
  rules: Record<string, (value: unknown) => Problem>,
): InputProblem[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return [{ field: '', message: 'The review details must be an object.' }];
  }
  const fields = input as Record<string, unknown>;
  const known = Object.keys(rules);
  return [
    ...Object.entries(rules).flatMap(([field, rule]) => {
      const message = rule(fields[field]);
      return message ? [{ field, message }] : [];
    }),
    ...Object.keys(fields)
      .filter((field) => !known.includes(field))
      .map((field) => ({ field, message: `${field} is not a detail this review records.` })),
  ];
}

export function pastDateRule(what: string, today: IsoDate): (value: unknown) => Problem {
  return (value) => pastDateProblem(value, what, today);
}

export function booleanRule(what: string): (value: unknown) => Problem {
  return (value) => (typeof value === 'boolean' ? null : `Say whether ${what} (true or false).`);
}

/**
 * What is wrong with the incident a statutory review starts from: the child's pseudonym, the date
 * that anchors the review (`anchor.field`, e.g. `awareOn`), whether the child was looked after and
 * what happened to them.
 */
export function incidentInputProblems(
  input: unknown,
  today: IsoDate,
  anchor: { field: string; what: string },
): InputProblem[] {
  return inputProblems(input, {
    pseudonym: pseudonymProblem,
    [anchor.field]: pastDateRule(anchor.what, today),
    childLookedAfter: booleanRule('the child was looked after'),
    incidentKind: (value) => oneOfProblem(value, INCIDENT_KINDS, 'what happened to the child'),
  });
}
