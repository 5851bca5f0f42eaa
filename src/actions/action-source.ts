/**
 * Where a recommendation came from, as the partnership-wide view filters it: an audit (the case
 * file audit) or a review (every other workflow: practice, serious case and learning reviews).
 */
export const SOURCE_KINDS = ['audit', 'review'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Definition keys whose instances are audits; every other workflow is a review. */
export const AUDIT_DEFINITION_KEYS: readonly string[] = ['case-file-audit'];

export function sourceKindOf(definitionKey: string): SourceKind {
  return AUDIT_DEFINITION_KEYS.includes(definitionKey) ? 'audit' : 'review';
}
