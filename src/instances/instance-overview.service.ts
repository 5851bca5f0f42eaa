import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { IsoDate } from '../calendar';
import { DefinitionRegistry } from '../engine/definitions/definition-registry';
import { instanceStageSql } from '../engine/instance-stage-sql';
import { instanceVisibleToSql } from '../engine/instance-visibility';
import { inPersonScope } from '../engine/persistence/person-scope';

/** A live audit or review as a dashboard lists it: no case content beyond its title. */
export interface LiveInstance {
  id: string;
  reference: string;
  title: string;
  definitionKey: string;
  definitionVersion: number;
  /** The stage label of its current state, e.g. "Rapid review". */
  stage: string | null;
  /** The machine's context (its dates and decisions), for computing progress against timescales. */
  context: Record<string, unknown>;
  /** Its soonest-due open task: when that is due, and the London date it was opened. */
  nextDue: { dueOn: IsoDate; openedOn: IsoDate } | null;
  /** How many of its open tasks are past their due date. */
  overdueTasks: number;
}

/** How many open tasks past their due date an agency holds; `agencyId` null: held by a role. */
export interface OverdueTasksOfAgency {
  agencyId: string | null;
  agencyName: string | null;
  overdue: number;
}

/**
 * Reads across a partnership's live audits and reviews for dashboards, each in one statement
 * whatever the number of instances: the rows a person may see (the visibility rule and row-level
 * security apply), and counts that carry no case details.
 */
@Injectable()
export class InstanceOverview {
  private stageSqlCache: string | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: DefinitionRegistry,
  ) {}

  private get stageSql(): string {
    this.stageSqlCache ??= instanceStageSql(this.registry.all(), 'i');
    return this.stageSqlCache;
  }

  /** Every live instance of the partnership the person may see, by reference. */
  async liveInstances(
    personId: string,
    partnershipId: string,
    asOf: IsoDate,
  ): Promise<LiveInstance[]> {
    const rows = await inPersonScope(this.dataSource, personId, (manager) =>
      manager.query<
        Array<{
          id: string;
          reference: string;
          title: string;
          definition_key: string;
          definition_version: number;
          stage: string | null;
          context: Record<string, unknown> | null;
          next_due_on: string | null;
          next_opened_on: string | null;
          overdue_tasks: number;
        }>
      >(
        `SELECT i.id, i.reference, i.title, i.definition_key, i.definition_version,
                ${this.stageSql} AS stage, i.snapshot -> 'context' AS context,
                nt.due_on AS next_due_on, nt.opened_on AS next_opened_on,
                coalesce(od.overdue, 0) AS overdue_tasks
           FROM workflow_instances i
           LEFT JOIN LATERAL (
             SELECT to_char(t.due_on, 'YYYY-MM-DD') AS due_on,
                    to_char(t.opened_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS opened_on
               FROM tasks t WHERE t.instance_id = i.id AND t.status = 'open' AND t.due_on IS NOT NULL
              ORDER BY t.due_on, t.opened_at LIMIT 1) nt ON true
           LEFT JOIN LATERAL (
             SELECT count(*)::int AS overdue FROM tasks t
              WHERE t.instance_id = i.id AND t.status = 'open' AND t.due_on < $3::date) od ON true
          WHERE i.partnership_id = $1 AND i.status = 'live' AND ${instanceVisibleToSql('i', '$2')}
          ORDER BY i.reference`,
        [partnershipId, personId, asOf],
      ),
    );
    return rows.map((row) => ({
      id: row.id,
      reference: row.reference,
      title: row.title,
      definitionKey: row.definition_key,
      definitionVersion: row.definition_version,
      stage: row.stage,
      context: row.context ?? {},
      nextDue:
        row.next_due_on && row.next_opened_on
          ? { dueOn: row.next_due_on, openedOn: row.next_opened_on }
          : null,
      overdueTasks: row.overdue_tasks,
    }));
  }

  /**
   * Open tasks past their due date across every live instance of the partnership, whoever sits on
   * it (counts only; the caller decides who may see them, e.g. `reports.read`), by the agency
   * holding them: the agency a task was opened for, else the agency of the person it names; tasks
   * held by a role count under no agency.
   */
  async overdueTasksByAgency(
    personId: string,
    partnershipId: string,
    asOf: IsoDate,
  ): Promise<OverdueTasksOfAgency[]> {
    const rows = await inPersonScope(this.dataSource, personId, (manager) =>
      manager.query<
        Array<{ agency_id: string | null; agency_name: string | null; overdue: number }>
      >(
        `SELECT a.id AS agency_id, a.name AS agency_name, count(*)::int AS overdue
           FROM tasks t
           JOIN workflow_instances i ON i.id = t.instance_id AND i.status = 'live'
           LEFT JOIN partnership_members pm
             ON pm.partnership_id = t.partnership_id AND pm.person_id = t.assignee_person_id
           LEFT JOIN agencies a ON a.id = coalesce(t.assignee_agency_id, pm.agency_id)
          WHERE t.partnership_id = $1 AND t.status = 'open' AND t.due_on < $2::date
          GROUP BY a.id, a.name
          ORDER BY a.name NULLS LAST`,
        [partnershipId, asOf],
      ),
    );
    return rows.map((row) => ({
      agencyId: row.agency_id,
      agencyName: row.agency_name,
      overdue: row.overdue,
    }));
  }
}
