import type { EntityManager } from 'typeorm';
import type { InstanceStatus } from '../engine/persistence/workflow-instance.entity';
import { REVIEW_KINDS, type ReviewKind } from './review-kinds';
import { ReviewsErrorCode, ReviewsException } from './reviews.exception';

/** A review instance as this module reads it: the engine's row with its machine context. */
export interface ReviewRecord {
  id: string;
  partnershipId: string;
  kind: ReviewKind;
  definitionVersion: number;
  reference: string;
  status: InstanceStatus;
  version: number;
  state: unknown;
  snapshot: unknown;
  context: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

export interface ReviewRow {
  id: string;
  partnership_id: string;
  definition_key: ReviewKind;
  definition_version: number;
  reference: string;
  status: InstanceStatus;
  version: number;
  state_value: unknown;
  snapshot: { context?: Record<string, unknown> } & Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

export const REVIEW_COLUMNS = `i.id, i.partnership_id, i.definition_key, i.definition_version,
  i.reference, i.status, i.version, i.state_value, i.snapshot, i.created_at, i.updated_at`;

export function toReviewRecord(row: ReviewRow): ReviewRecord {
  return {
    id: row.id,
    partnershipId: row.partnership_id,
    kind: row.definition_key,
    definitionVersion: row.definition_version,
    reference: row.reference,
    status: row.status,
    version: row.version,
    state: row.state_value,
    snapshot: row.snapshot,
    context: row.snapshot.context ?? {},
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * The review in the caller's scope (row-level security hides other partnerships'), or 404 when
 * there is none or it is an audit. Callers on an instance route have passed the access guard's
 * visibility rule already.
 */
export async function loadReview(
  manager: EntityManager,
  instanceId: string,
): Promise<ReviewRecord> {
  const rows: ReviewRow[] = await manager.query(
    `SELECT ${REVIEW_COLUMNS} FROM workflow_instances i
      WHERE i.id = $1 AND i.definition_key = ANY($2::text[])`,
    [instanceId, [...REVIEW_KINDS]],
  );
  if (rows.length === 0) throw new ReviewsException(ReviewsErrorCode.ReviewNotFound);
  return toReviewRecord(rows[0]);
}

/** A list in the context, read defensively: ids only. */
export function contextIds(context: Record<string, unknown>, key: string): string[] {
  const value = context[key];
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}
