import type { EntityManager } from 'typeorm';
import type { Rag } from '../calendar';
import { instanceVisibleToSql } from '../engine/instance-visibility';
import { ragSql, type RagReason, type RagThresholds } from './action-rag';
import { sourceKindOf } from './action-source';
import type { ActionStatus, ActionUpdateKind } from './action-status';
import type {
  ActionPageView,
  ActionUpdateView,
  ActionView,
  PersonRefView,
} from './dto/action.view';
import type { ListStatus } from './dto/list-actions.query';

/** Numbered placeholders for one statement, added as values are. */
class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

interface ActionRow {
  id: string;
  recommendation_id: string;
  recommendation_number: number;
  number: number;
  description: string;
  instance_id: string;
  reference: string;
  instance_title: string;
  definition_key: string;
  owner_agency_id: string;
  owner_agency_name: string;
  lead_person_id: string;
  lead_name: string | null;
  due_on: string;
  status: ActionStatus;
  version: number;
  closure_requested_at: Date | null;
  closure_requested_by_person_id: string | null;
  closure_requested_by_name: string | null;
  closed_at: Date | null;
  closed_by_person_id: string | null;
  closed_by_name: string | null;
  closure_agreement: string | null;
  created_at: Date;
  updated_at: Date;
  last_report_at: Date | null;
  overdue: boolean;
  rag: Rag;
  rag_reason: RagReason | null;
  total?: number;
}

type Rule = ReturnType<typeof ragSql>;

/** The RAG rule over `actions a` and the owner's last report `lr`, its thresholds bound once. */
function ruleFor(params: Params, thresholds: RagThresholds): Rule {
  return ragSql('a', 'lr.last_report_at', {
    today: params.add(thresholds.today),
    amberDueBefore: params.add(thresholds.amberDueBefore),
    staleBefore: params.add(thresholds.staleBefore.toISOString()),
  });
}

/** Every action column a view needs, with the computed overdue flag and RAG, from `actions a`. */
function selectActions(rule: Rule, extra = ''): string {
  return `SELECT a.id, a.recommendation_id, r.number AS recommendation_number, a.number, a.description,
      a.instance_id, i.reference, i.title AS instance_title, i.definition_key,
      a.owner_agency_id, ag.name AS owner_agency_name, a.lead_person_id, lp.display_name AS lead_name,
      a.due_on::text AS due_on, a.status, a.version,
      a.closure_requested_at, a.closure_requested_by_person_id, crp.display_name AS closure_requested_by_name,
      a.closed_at, a.closed_by_person_id, cbp.display_name AS closed_by_name, a.closure_agreement,
      a.created_at, a.updated_at, lr.last_report_at,
      ${rule.overdue} AS overdue, ${rule.rag} AS rag, ${rule.reason} AS rag_reason ${extra}
    FROM actions a
    JOIN recommendations r ON r.id = a.recommendation_id
    JOIN workflow_instances i ON i.id = a.instance_id
    JOIN agencies ag ON ag.id = a.owner_agency_id
    LEFT JOIN people lp ON lp.id = a.lead_person_id
    LEFT JOIN people crp ON crp.id = a.closure_requested_by_person_id
    LEFT JOIN people cbp ON cbp.id = a.closed_by_person_id
    LEFT JOIN LATERAL (SELECT max(u.created_at) AS last_report_at FROM action_updates u
       WHERE u.action_id = a.id AND u.kind IN ('progress', 'closure-requested')) lr ON true`;
}

const ORDER = 'ORDER BY a.due_on, r.number, a.number, a.id';

function person(id: string | null, name: string | null): PersonRefView | null {
  return id === null ? null : { personId: id, displayName: name };
}

function toView(row: ActionRow): ActionView {
  return {
    id: row.id,
    recommendationId: row.recommendation_id,
    recommendationNumber: row.recommendation_number,
    number: row.number,
    label: `${row.recommendation_number}.${row.number}`,
    description: row.description,
    source: {
      instanceId: row.instance_id,
      reference: row.reference,
      title: row.instance_title,
      definitionKey: row.definition_key,
      kind: sourceKindOf(row.definition_key),
    },
    ownerAgency: { id: row.owner_agency_id, name: row.owner_agency_name },
    lead: { personId: row.lead_person_id, displayName: row.lead_name },
    dueOn: row.due_on,
    status: row.status,
    overdue: row.overdue,
    rag: row.rag,
    ragReason: row.rag_reason,
    lastReportAt: row.last_report_at?.toISOString() ?? null,
    version: row.version,
    closureRequestedAt: row.closure_requested_at?.toISOString() ?? null,
    closureRequestedBy: person(row.closure_requested_by_person_id, row.closure_requested_by_name),
    closedAt: row.closed_at?.toISOString() ?? null,
    closedBy: person(row.closed_by_person_id, row.closed_by_name),
    closureAgreement: row.closure_agreement,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** One action of the instance with its history, or null when the instance has no such action. */
export async function readAction(
  manager: EntityManager,
  instanceId: string,
  actionId: string,
  thresholds: RagThresholds,
): Promise<ActionView | null> {
  const params = new Params();
  const sql = `${selectActions(ruleFor(params, thresholds))}
    WHERE a.id = ${params.add(actionId)} AND a.instance_id = ${params.add(instanceId)}`;
  const [row] = await manager.query<ActionRow[]>(sql, params.values);
  if (!row) return null;
  const updates = await manager.query<
    Array<{
      id: string;
      kind: ActionUpdateKind;
      note: string;
      evidence_of_impact: string | null;
      by_person_id: string | null;
      display_name: string | null;
      created_at: Date;
    }>
  >(
    `SELECT u.id, u.kind, u.note, u.evidence_of_impact, u.by_person_id, p.display_name, u.created_at
       FROM action_updates u LEFT JOIN people p ON p.id = u.by_person_id
      WHERE u.action_id = $1 ORDER BY u.position`,
    [actionId],
  );
  return {
    ...toView(row),
    updates: updates.map((update): ActionUpdateView => ({
      id: update.id,
      kind: update.kind,
      note: update.note,
      evidenceOfImpact: update.evidence_of_impact,
      by: person(update.by_person_id, update.display_name),
      at: update.created_at.toISOString(),
    })),
  };
}

/** Every action of the instance's recommendations, soonest due first. */
export async function readInstanceActions(
  manager: EntityManager,
  instanceId: string,
  thresholds: RagThresholds,
): Promise<ActionView[]> {
  const params = new Params();
  const sql = `${selectActions(ruleFor(params, thresholds))}
    WHERE a.instance_id = ${params.add(instanceId)} ${ORDER}`;
  return (await manager.query<ActionRow[]>(sql, params.values)).map(toView);
}

export interface ActionListFilter {
  partnershipId: string;
  /** The person listing, or null when their role reads the whole partnership's reports. */
  visibleTo: string | null;
  agencyId?: string;
  /** Definition keys to keep, or to leave out when `excludeDefinitions`. */
  definitionKeys?: readonly string[];
  excludeDefinitions?: boolean;
  status?: ListStatus;
  rag?: Rag;
  limit: number;
  offset: number;
}

/**
 * The partnership-wide view: actions of every audit and review the person may see, filtered and
 * paged in PostgreSQL (the computed status and RAG included), with the count of all matches.
 */
export async function listActions(
  manager: EntityManager,
  filter: ActionListFilter,
  thresholds: RagThresholds,
): Promise<ActionPageView> {
  const params = new Params();
  const rule = ruleFor(params, thresholds);
  const select = selectActions(rule, ', count(*) OVER ()::int AS total');
  const where = [`a.partnership_id = ${params.add(filter.partnershipId)}`];
  if (filter.visibleTo !== null)
    where.push(instanceVisibleToSql('i', params.add(filter.visibleTo)));
  if (filter.agencyId) where.push(`a.owner_agency_id = ${params.add(filter.agencyId)}`);
  if (filter.definitionKeys) {
    const keys = `${params.add(filter.definitionKeys)}::text[]`;
    where.push(
      filter.excludeDefinitions
        ? `i.definition_key <> ALL (${keys})`
        : `i.definition_key = ANY (${keys})`,
    );
  }
  switch (filter.status) {
    case undefined:
      where.push(`a.status <> 'complete'`);
      break;
    case 'overdue':
      where.push(rule.overdue);
      break;
    default:
      where.push(`a.status = ${params.add(filter.status)}`);
  }
  if (filter.rag) where.push(`${rule.rag} = ${params.add(filter.rag)}`);
  const sql = `${select} WHERE ${where.join(' AND ')} ${ORDER}
    LIMIT ${params.add(filter.limit)} OFFSET ${params.add(filter.offset)}`;
  const rows = await manager.query<ActionRow[]>(sql, params.values);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && filter.offset > 0) {
    // Paged past the end: the window count is not there to read, so count on its own.
    const counted = await manager.query<Array<{ total: number }>>(
      `SELECT count(*)::int AS total FROM (${select} WHERE ${where.join(' AND ')}) matching`,
      params.values.slice(0, -2),
    );
    total = counted[0]?.total ?? 0;
  }
  return { items: rows.map(toView), total, limit: filter.limit, offset: filter.offset };
}

/** How many actions past their due date one owner agency has. */
export interface OverdueActionsOfAgency {
  agencyId: string;
  agencyName: string;
  overdue: number;
}

/**
 * Overdue actions of every audit and review of the partnership, by owner agency: counts only, no
 * case learning, for those who read the partnership's reports.
 */
export async function countOverdueActionsByAgency(
  manager: EntityManager,
  partnershipId: string,
  thresholds: RagThresholds,
): Promise<OverdueActionsOfAgency[]> {
  const params = new Params();
  const today = params.add(thresholds.today);
  // Only the overdue part of the rule is read, and it compares with today alone.
  const { overdue } = ragSql('a', 'NULL', { today, amberDueBefore: today, staleBefore: today });
  const rows = await manager.query<
    Array<{ agency_id: string; agency_name: string; overdue: number }>
  >(
    `SELECT ag.id AS agency_id, ag.name AS agency_name, count(*)::int AS overdue
       FROM actions a JOIN agencies ag ON ag.id = a.owner_agency_id
      WHERE a.partnership_id = ${params.add(partnershipId)} AND ${overdue}
      GROUP BY ag.id, ag.name ORDER BY ag.name`,
    params.values,
  );
  return rows.map((row) => ({
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    overdue: row.overdue,
  }));
}
