/** The stored lifecycle of an action. "Overdue" and the RAG rating are computed, never stored. */
export const ACTION_STATUSES = [
  'not-started',
  'in-progress',
  'awaiting-closure',
  'complete',
] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** A recommendation is complete once it has actions and every one of them is complete. */
export const RECOMMENDATION_STATUSES = ['open', 'complete'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

/**
 * What an entry in an action's append-only history records: the owner's progress report, the
 * owner asking for closure, or the subgroup agreeing or declining it.
 */
export const ACTION_UPDATE_KINDS = [
  'progress',
  'closure-requested',
  'closure-agreed',
  'closure-declined',
] as const;
export type ActionUpdateKind = (typeof ACTION_UPDATE_KINDS)[number];
