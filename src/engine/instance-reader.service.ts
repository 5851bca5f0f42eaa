import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { acceptedEvents } from '../../workflows/shared/accepted-events';
import type { IsoDate } from '../../workflows/shared/due-rule';
import { permissionRefusal } from '../../workflows/shared/permissions';
import { SYSTEM_ACTOR } from '../../workflows/shared/roles';
import { activeStage } from '../../workflows/shared/steps';
import { DefinitionRegistry } from './definitions/definition-registry';
import { EngineErrorCode, EngineException } from './engine.exception';
import {
  isSystem,
  type AssignedTaskView,
  type EngineActor,
  type InstanceCount,
  type InstanceFilter,
  type InstanceSummary,
  type InstanceView,
  type MemberView,
  type TaskDetail,
  type TaskView,
  type TimelineEntry,
} from './engine.types';
import { instanceStageSql } from './instance-stage-sql';
import { instanceVisibleToSql, taskHeldBySql } from './instance-visibility';
import { enterPersonScope, type PersonAccess } from './persistence/person-scope';
import type { TaskStatus } from './persistence/task.entity';
import type { InstanceStatus } from './persistence/workflow-instance.entity';
import { heldStepKeys, personActorContext } from './runtime/actor-context';
import { restoreSnapshot } from './runtime/snapshot';
import type { TaskAssignment } from './runtime/tasks';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const TASK_JSON = `json_build_object('id', t.id, 'instanceId', t.instance_id, 'stepKey', t.step_key,
  'title', t.title, 'assigneeKind', t.assignee_kind, 'assigneeRole', t.assignee_role,
  'assigneePersonId', t.assignee_person_id, 'assigneeAgencyId', t.assignee_agency_id, 'dueOn', t.due_on,
  'dueOverridden', t.due_overridden, 'remind', t.remind, 'status', t.status, 'openedAt', t.opened_at,
  'closedAt', t.closed_at)`;

/**
 * The active people holding open task `t` of instance `i`, by the same rule as `taskHeldBySql`,
 * among those who could: its members, its partnership's people and the person named on it.
 */
const TASK_HOLDERS = `(SELECT coalesce(jsonb_agg(jsonb_build_object('personId', h.id,
    'displayName', h.display_name) ORDER BY h.display_name, h.id), '[]'::jsonb)
  FROM people h WHERE h.deactivated_at IS NULL AND h.id IN (
      SELECT hm.person_id FROM instance_members hm WHERE hm.instance_id = i.id
      UNION SELECT hp.person_id FROM partnership_members hp WHERE hp.partnership_id = i.partnership_id
      UNION SELECT t.assignee_person_id)
    AND ${taskHeldBySql('t', 'h.id')})`;

interface TaskJson {
  id: string;
  instanceId: string;
  stepKey: string;
  title: string;
  assigneeKind: TaskAssignment['kind'];
  assigneeRole: string | null;
  assigneePersonId: string | null;
  assigneeAgencyId: string | null;
  dueOn: string | null;
  dueOverridden: boolean;
  remind: boolean;
  status: TaskStatus;
  openedAt: string;
  closedAt: string | null;
  holders?: TaskView['holders'];
}

interface InstanceRow {
  id: string;
  partnership_id: string;
  definition_key: string;
  definition_version: number;
  reference: string;
  title: string;
  state_value: unknown;
  snapshot: unknown;
  version: number;
  status: InstanceStatus;
  broken_reason: string | null;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  open_tasks: TaskJson[];
  members: MemberView[];
}

/**
 * Reads for feature modules (and later REST endpoints): an instance's state, open tasks and
 * history, lists of visible instances and of a person's open tasks. A person reads only what the
 * visibility rule (`instanceVisibleToSql`) and row-level security let them; anything else is 404.
 */
@Injectable()
export class InstanceReader {
  private stageSqlCache: string | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: DefinitionRegistry,
  ) {}

  /** The stage of `workflow_instances i`, computed from its state value (see instance-stage-sql). */
  private get stageSql(): string {
    this.stageSqlCache ??= instanceStageSql(this.registry.all(), 'i');
    return this.stageSqlCache;
  }

  async getInstance(viewer: EngineActor, instanceId: string): Promise<InstanceView> {
    return this.read(viewer, instanceId, async (manager, access) => {
      const rows: InstanceRow[] = await manager.query(
        `SELECT i.*,
           (SELECT coalesce(json_agg(${TASK_JSON}::jsonb || jsonb_build_object('holders', ${TASK_HOLDERS})
                ORDER BY t.due_on NULLS LAST, t.opened_at, t.id), '[]'::json)
              FROM tasks t WHERE t.instance_id = i.id AND t.status = 'open') AS open_tasks,
           (SELECT coalesce(json_agg(json_build_object('personId', m.person_id, 'displayName', p.display_name,
                'role', m.role, 'agencyId', m.agency_id) ORDER BY m.added_at, m.id), '[]'::json)
              FROM instance_members m JOIN people p ON p.id = m.person_id WHERE m.instance_id = i.id) AS members
         FROM workflow_instances i WHERE i.id = $1 ${access ? `AND ${instanceVisibleToSql('i', '$2')}` : ''}`,
        access ? [instanceId, access.personId] : [instanceId],
      );
      const row = rows[0];
      if (!row) throw notFound();
      const openTasks = row.open_tasks.map(toTaskView);
      const definition = this.registry.find(row.definition_key, row.definition_version);
      let stage: string | null = null;
      let accepted: string[] = [];
      let available: string[] = [];
      if (definition && row.status !== 'broken') {
        try {
          const snapshot = restoreSnapshot(definition.machine, row.snapshot);
          stage = activeStage(snapshot) ?? null;
          accepted = snapshot.status === 'active' ? acceptedEvents(snapshot) : [];
          const actor = access
            ? personActorContext(
                access.personId,
                access.partnerships.find((p) => p.partnershipId === row.partnership_id),
                access.instanceMemberships,
              )
            : SYSTEM_ACTOR;
          const held = heldStepKeys(
            actor,
            access?.instanceMemberships ?? [],
            openTasks.map((task) => ({ stepKey: task.stepKey, assignment: task.assignee })),
          );
          available = accepted.filter(
            (type) => permissionRefusal(definition, type, actor, held) === null,
          );
        } catch {
          // A snapshot that no longer fits is reported when someone acts on it; reading still works.
        }
      }
      return {
        id: row.id,
        partnershipId: row.partnership_id,
        reference: row.reference,
        title: row.title,
        definition: {
          key: row.definition_key,
          version: row.definition_version,
          title: definition?.title ?? null,
        },
        state: row.state_value,
        stage,
        status: row.status,
        brokenReason: row.broken_reason,
        version: row.version,
        createdAt: row.created_at.toISOString(),
        updatedAt: row.updated_at.toISOString(),
        closedAt: row.closed_at?.toISOString() ?? null,
        openTasks,
        members: row.members,
        acceptedEvents: accepted,
        availableEvents: available,
      };
    });
  }

  /** The instance's open tasks, soonest due first. */
  async openTasks(viewer: EngineActor, instanceId: string): Promise<TaskView[]> {
    return (await this.getInstance(viewer, instanceId)).openTasks;
  }

  /**
   * One task of the instance, open or closed: who holds it now (open) or whose event closed it
   * (closed). 404 when the viewer may not see the instance or it has no such task.
   */
  async task(viewer: EngineActor, instanceId: string, taskId: string): Promise<TaskDetail> {
    if (!UUID.test(taskId)) throw notFound();
    return this.read(viewer, instanceId, async (manager, access) => {
      const rows: Array<{
        task: TaskJson;
        closed_by: { personId: string | null; displayName: string | null } | null;
      }> = await manager.query(
        `SELECT ${TASK_JSON}::jsonb || jsonb_build_object('holders',
                  CASE WHEN t.status = 'open' THEN ${TASK_HOLDERS} ELSE '[]'::jsonb END) AS task,
                CASE WHEN e.id IS NULL THEN NULL
                     ELSE json_build_object('personId', e.actor_person_id, 'displayName', p.display_name)
                END AS closed_by
           FROM tasks t JOIN workflow_instances i ON i.id = t.instance_id
           LEFT JOIN workflow_events e ON e.id = t.closed_by_event_id
           LEFT JOIN people p ON p.id = e.actor_person_id
          WHERE t.id = $1 AND t.instance_id = $2
            ${access ? `AND ${instanceVisibleToSql('i', '$3')}` : ''}`,
        access ? [taskId, instanceId, access.personId] : [taskId, instanceId],
      );
      const row = rows[0];
      if (!row) throw notFound();
      return { ...toTaskView(row.task), closedBy: row.closed_by };
    });
  }

  /** Every event in order: who, when, what, from which state to which. */
  async timeline(viewer: EngineActor, instanceId: string): Promise<TimelineEntry[]> {
    return this.read(viewer, instanceId, async (manager, access) => {
      const rows: Array<{
        version: number;
        type: string;
        occurred_at: Date;
        actor_kind: 'person' | 'system';
        actor_person_id: string | null;
        display_name: string | null;
        from_state: unknown;
        to_state: unknown;
      }> = await manager.query(
        `SELECT e.version, e.type, e.occurred_at, e.actor_kind, e.actor_person_id, p.display_name,
                e.from_state, e.to_state
           FROM workflow_events e
           JOIN workflow_instances i ON i.id = e.instance_id
           LEFT JOIN people p ON p.id = e.actor_person_id
          WHERE e.instance_id = $1 ${access ? `AND ${instanceVisibleToSql('i', '$2')}` : ''}
          ORDER BY e.version`,
        access ? [instanceId, access.personId] : [instanceId],
      );
      // Every instance has its start event, so no rows means nothing the viewer may see.
      if (rows.length === 0) throw notFound();
      return rows.map((row) => ({
        version: row.version,
        type: row.type,
        occurredAt: row.occurred_at.toISOString(),
        actor: {
          kind: row.actor_kind,
          personId: row.actor_person_id,
          displayName: row.display_name,
        },
        from: row.from_state,
        to: row.to_state,
      }));
    });
  }

  /** Instances the viewer may see, most recently changed first. */
  async listInstances(
    viewer: EngineActor,
    filter: InstanceFilter = {},
  ): Promise<InstanceSummary[]> {
    return (await this.pageInstances(viewer, filter, { total: false })).items;
  }

  /** One page of the instances the viewer may see, and how many there are in all. */
  async pageInstances(
    viewer: EngineActor,
    filter: InstanceFilter = {},
    options: { total?: boolean } = {},
  ): Promise<{ items: InstanceSummary[]; total: number }> {
    return this.read(viewer, null, async (manager, access) => {
      const values: unknown[] = [];
      const where: string[] = [];
      const add = (value: unknown): string => {
        values.push(value);
        return `$${values.length}`;
      };
      if (access) where.push(instanceVisibleToSql('i', add(access.personId)));
      if (filter.partnershipId) where.push(`i.partnership_id = ${add(filter.partnershipId)}`);
      if (filter.definitionKey) where.push(`i.definition_key = ${add(filter.definitionKey)}`);
      if (filter.status) where.push(`i.status = ${add(filter.status)}`);
      if (filter.stage) where.push(`${this.stageSql} = ${add(filter.stage)}`);
      if (filter.overdue) {
        where.push(
          `${filter.overdue.overdue ? '' : 'NOT '}EXISTS (SELECT 1 FROM tasks od WHERE od.instance_id = i.id
             AND od.status = 'open' AND od.due_on < ${add(filter.overdue.asOf)}::date)`,
        );
      }
      const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500);
      const offset = Math.max(filter.offset ?? 0, 0);
      const rows: Array<InstanceRow & { stage: string | null; next_due_on: string | null }> =
        await manager.query(
          `SELECT i.id, i.partnership_id, i.reference, i.title, i.definition_key, i.definition_version,
                i.state_value, i.status, i.version, i.updated_at, ${this.stageSql} AS stage,
                (SELECT to_char(min(t.due_on), 'YYYY-MM-DD') FROM tasks t
                  WHERE t.instance_id = i.id AND t.status = 'open') AS next_due_on
           FROM workflow_instances i ${whereSql}
          ORDER BY i.updated_at DESC, i.id LIMIT ${add(limit)} OFFSET ${add(offset)}`,
          values,
        );
      // A short page that is not past the end says the total; otherwise count.
      let total = offset + rows.length;
      const knownTotal = rows.length < limit && (rows.length > 0 || offset === 0);
      if (options.total !== false && !knownTotal) {
        const counted: Array<{ total: number }> = await manager.query(
          `SELECT count(*)::int AS total FROM workflow_instances i ${whereSql}`,
          values.slice(0, -2),
        );
        total = counted[0].total;
      }
      return {
        items: rows.map((row) => ({
          id: row.id,
          partnershipId: row.partnership_id,
          reference: row.reference,
          title: row.title,
          definitionKey: row.definition_key,
          definitionVersion: row.definition_version,
          state: row.state_value,
          stage: row.stage,
          status: row.status,
          version: row.version,
          updatedAt: row.updated_at.toISOString(),
          nextDueOn: row.next_due_on,
        })),
        total,
      };
    });
  }

  /**
   * How many instances of the partnership are at each stage, and how many of those have an open
   * task due before `asOf`: every instance of the partnership, whoever sits on it, because counts
   * carry no case details. The caller decides who may see them (e.g. `reports.read`).
   */
  async countInstances(
    viewer: EngineActor,
    partnershipId: string,
    asOf: IsoDate,
  ): Promise<InstanceCount[]> {
    if (!UUID.test(partnershipId)) return [];
    return this.read(viewer, null, async (manager) => {
      const rows: Array<{
        definition_key: string;
        stage: string | null;
        status: InstanceStatus;
        instances: number;
        overdue: number;
      }> = await manager.query(
        `SELECT c.definition_key, c.stage, c.status, count(*)::int AS instances,
                count(*) FILTER (WHERE c.overdue)::int AS overdue
           FROM (SELECT i.definition_key, i.status, ${this.stageSql} AS stage,
                        EXISTS (SELECT 1 FROM tasks t WHERE t.instance_id = i.id AND t.status = 'open'
                                   AND t.due_on < $2::date) AS overdue
                   FROM workflow_instances i WHERE i.partnership_id = $1) c
          GROUP BY c.definition_key, c.stage, c.status
          ORDER BY c.definition_key, c.status, c.stage NULLS LAST`,
        [partnershipId, asOf],
      );
      return rows.map((row) => ({
        definitionKey: row.definition_key,
        stage: row.stage,
        status: row.status,
        instances: row.instances,
        overdue: row.overdue,
      }));
    });
  }

  /** The person's open tasks across every instance they may see, soonest due first. */
  async tasksAssignedTo(
    personId: string,
    options: { limit?: number } = {},
  ): Promise<AssignedTaskView[]> {
    return this.read({ personId }, null, async (manager) => {
      const rows: Array<{
        task: TaskJson;
        partnership_id: string;
        partnership_name: string;
        reference: string;
        instance_title: string;
        definition_key: string;
        definition_version: number;
      }> = await manager.query(
        `SELECT ${TASK_JSON} AS task, i.partnership_id, pa.name AS partnership_name, i.reference,
                i.title AS instance_title, i.definition_key, i.definition_version
           FROM tasks t JOIN workflow_instances i ON i.id = t.instance_id
           JOIN partnerships pa ON pa.id = i.partnership_id
          WHERE t.status = 'open' AND ${taskHeldBySql('t', '$1')} AND ${instanceVisibleToSql('i', '$1')}
          ORDER BY t.due_on NULLS LAST, t.opened_at, t.id
          LIMIT $2`,
        [personId, Math.min(Math.max(options.limit ?? 100, 1), 1000)],
      );
      return rows.map((row) => ({
        ...toTaskView(row.task),
        partnershipId: row.partnership_id,
        partnershipName: row.partnership_name,
        reference: row.reference,
        instanceTitle: row.instance_title,
        definitionTitle:
          this.registry.find(row.definition_key, row.definition_version)?.title ?? null,
      }));
    });
  }

  /**
   * The instance of a task, open or closed, when the person holds the task or may see its
   * instance; null otherwise, and for a task that does not exist, alike.
   */
  async instanceIdOfTask(personId: string, taskId: string): Promise<string | null> {
    if (!UUID.test(taskId)) return null;
    return this.read({ personId }, null, async (manager) => {
      const rows: Array<{ instance_id: string }> = await manager.query(
        `SELECT t.instance_id FROM tasks t JOIN workflow_instances i ON i.id = t.instance_id
          WHERE t.id = $1 AND (${taskHeldBySql('t', '$2')} OR ${instanceVisibleToSql('i', '$2')})`,
        [taskId, personId],
      );
      return rows[0]?.instance_id ?? null;
    });
  }

  /** Instances whose snapshot no longer fits their machine, for whoever keeps the service running. */
  async listBroken(): Promise<
    Array<{ id: string; reference: string; definition: string; reason: string | null }>
  > {
    const rows: Array<{
      id: string;
      reference: string;
      definition_key: string;
      definition_version: number;
      broken_reason: string | null;
    }> = await this.dataSource.query(
      `SELECT id, reference, definition_key, definition_version, broken_reason
           FROM workflow_instances WHERE status = 'broken' ORDER BY updated_at`,
    );
    return rows.map((row) => ({
      id: row.id,
      reference: row.reference,
      definition: `${row.definition_key}@${row.definition_version}`,
      reason: row.broken_reason,
    }));
  }

  private async read<T>(
    viewer: EngineActor,
    instanceId: string | null,
    work: (manager: EntityManager, access: PersonAccess | null) => Promise<T>,
  ): Promise<T> {
    if (instanceId !== null && !UUID.test(instanceId)) throw notFound();
    if (!isSystem(viewer) && !UUID.test(viewer.personId)) throw notFound();
    return this.dataSource.transaction(async (manager) => {
      if (isSystem(viewer)) return work(manager, null);
      const access = await enterPersonScope(manager, viewer.personId, instanceId);
      if (!access.active) throw notFound();
      return work(manager, access);
    });
  }
}

function toTaskView(json: TaskJson): TaskView {
  return {
    id: json.id,
    instanceId: json.instanceId,
    stepKey: json.stepKey,
    title: json.title,
    assignee: {
      kind: json.assigneeKind,
      role: json.assigneeRole,
      personId: json.assigneePersonId,
      agencyId: json.assigneeAgencyId,
    },
    dueOn: json.dueOn,
    dueOverridden: json.dueOverridden,
    remind: json.remind,
    status: json.status,
    openedAt: new Date(json.openedAt).toISOString(),
    closedAt: json.closedAt ? new Date(json.closedAt).toISOString() : null,
    ...(json.holders ? { holders: json.holders } : {}),
  };
}

function notFound(): EngineException {
  return new EngineException(EngineErrorCode.InstanceNotFound, 'There is no such audit or review.');
}
