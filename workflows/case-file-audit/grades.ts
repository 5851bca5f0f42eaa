/**
 * The grade scale of a case file audit, best first: each agency grades every domain of the audit
 * tool and the case overall, and the chair records a moderated grade per case at the meeting.
 */
export const GRADES = [
  { key: 'outstanding', label: 'Outstanding' },
  { key: 'good', label: 'Good' },
  { key: 'requires-improvement', label: 'Requires Improvement' },
  { key: 'inadequate', label: 'Inadequate' },
] as const;

export type Grade = (typeof GRADES)[number]['key'];

export const GRADE_KEYS: readonly Grade[] = GRADES.map((grade) => grade.key);

export function isGrade(value: unknown): value is Grade {
  return typeof value === 'string' && (GRADE_KEYS as readonly string[]).includes(value);
}
