import type { EntityManager } from 'typeorm';
import type { PersistedSnapshot } from '../runtime/snapshot';
import type { ChangeSet } from '../runtime/changes';
import type { OpenTask, TaskAssignment } from '../runtime/tasks';
import type { DeadlineStatus } from './deadline.entity';
import type { InstanceStatus } from './workflow-instance.entity';
import {
  personAccessOf,
  personScopeColumns,
  type PersonAccess,
  type PersonScopeRow,
} from './person-scope';
import type { EngineTransaction } from './engine-transaction';
import { preparedQuery, preparedStatement } from './prepared-query';

/** An instance row as the engine works with it. */
export interface InstanceRecord {
  id: string;
  partnershipId: string;
  definitionKey: string;
  definitionVersion: number;
  reference: string;
  title: string;
  stateValue: unknown;
  snapshot: unknown;
  version: number;
  status: InstanceStatus;
  brokenReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

/** The locked instance, its open tasks, and the earlier outcome of a repeated idempotency key. */
export interface LockedInstance {
  instance: InstanceRecord;
  openTasks: OpenTask[];
  replay: { requestHash: string | null; outcome: unknown } | null;
}

interface LockedRow {
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
  seen_version: number | null;
  open_tasks: OpenTaskJson[];
  replay: { requestHash: string | null; outcome: unknown } | null;
}

interface OpenTaskJson {
  id: string;
  stepKey: string;
  title: string;
  assigneeKind: TaskAssignment['kind'];
  assigneeRole: string | null;
  assigneePersonId: string | null;
  assigneeAgencyId: string | null;
  dueOn: string | null;
  dueOverridden: boolean;
  remind: boolean;
  deadline: { id: string; status: DeadlineStatus; dueAt: string; eventType: string } | null;
}

const INSTANCE_COLUMNS = `i.id, i.partnership_id, i.definition_key, i.definition_version, i.reference,
  i.title, i.state_value, i.snapshot, i.version, i.status, i.broken_reason, i.created_at,
  i.updated_at, i.closed_at`;

const LOCKED_INSTANCE = `
    (SELECT s.version FROM workflow_instances s WHERE s.id = i.id) AS seen_version,
    (SELECT coalesce(json_agg(json_build_object(
        'id', t.id, 'stepKey', t.step_key, 'title', t.title, 'assigneeKind', t.assignee_kind,
        'assigneeRole', t.assignee_role, 'assigneePersonId', t.assignee_person_id,
        'assigneeAgencyId', t.assignee_agency_id, 'dueOn', t.due_on, 'dueOverridden', t.due_overridden,
        'remind', t.remind,
        'deadline', (SELECT json_build_object('id', d.id, 'status', d.status, 'dueAt', d.due_at,
                       'eventType', d.event_type) FROM deadlines d WHERE d.task_id = t.id))
        ORDER BY t.opened_at, t.id), '[]'::json)
       FROM tasks t WHERE t.instance_id = i.id AND t.status = 'open') AS open_tasks,
    (SELECT json_build_object('requestHash', e.request_hash, 'outcome', e.outcome)
       FROM workflow_events e WHERE e.instance_id = i.id AND e.idempotency_key = $3) AS replay
  FROM workflow_instances i WHERE i.id = $2::uuid FOR UPDATE OF i`;

/** For the system: lock and read. `$1` is unused so both statements share their numbering. */
const LOCK_SQL = `SELECT $1::uuid AS person_id, ${INSTANCE_COLUMNS}, ${LOCKED_INSTANCE}`;

/**
 * For a person: read their access and switch the transaction to their scope, lock and read, in
 * one round trip. The statement is planned as the connecting role, so the lock read is not fenced
 * by row-level security: the caller applies the visibility rule to what it returns, and every
 * later statement of the transaction runs as `reviews_app` inside the person's partnerships.
 */
const PERSON_LOCK_SQL = `SELECT ${personScopeColumns(true)}, ${INSTANCE_COLUMNS}, ${LOCKED_INSTANCE}`;

/**
 * Locks the instance row and reads what the command needs in one round trip (with `begin`, the
 * same round trip also starts that transaction). Under READ COMMITTED
 * a statement that waited for the lock returns the newest row but its subqueries still read the
 * statement's older snapshot; `seen_version` exposes that, and the read is simply repeated (the
 * lock is already ours, so the second read is current).
 */
export async function lockInstance(
  manager: EntityManager,
  instanceId: string,
  idempotencyKey: string | null,
  personId: string | null = null,
  begin?: EngineTransaction,
): Promise<(LockedInstance & { access: PersonAccess | null }) | null> {
  let access: PersonAccess | null = null;
  let sql = personId ? PERSON_LOCK_SQL : LOCK_SQL;
  for (;;) {
    const values = [personId, instanceId, idempotencyKey];
    const rows = begin
      ? await begin.begin<LockedRow & PersonScopeRow>(preparedStatement(sql, values))
      : await preparedQuery<LockedRow & PersonScopeRow>(manager, sql, values);
    begin = undefined;
    const row = rows[0];
    if (!row) return null;
    if (personId && !access) access = personAccessOf(personId, row);
    if (row.seen_version !== row.version) {
      sql = LOCK_SQL;
      continue;
    }
    return {
      instance: toInstanceRecord(row),
      openTasks: row.open_tasks.map(toOpenTask),
      replay: row.replay,
      access,
    };
  }
}

function toInstanceRecord(
  row: Omit<LockedRow, 'seen_version' | 'open_tasks' | 'replay'>,
): InstanceRecord {
  return {
    id: row.id,
    partnershipId: row.partnership_id,
    definitionKey: row.definition_key,
    definitionVersion: row.definition_version,
    reference: row.reference,
    title: row.title,
    stateValue: row.state_value,
    snapshot: row.snapshot,
    version: row.version,
    status: row.status,
    brokenReason: row.broken_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
  };
}

function toOpenTask(json: OpenTaskJson): OpenTask {
  return {
    id: json.id,
    stepKey: json.stepKey,
    title: json.title,
    assignment: {
      kind: json.assigneeKind,
      role: json.assigneeRole,
      personId: json.assigneePersonId,
      agencyId: json.assigneeAgencyId,
    },
    dueOn: json.dueOn,
    dueOverridden: json.dueOverridden,
    remind: json.remind,
    deadline: json.deadline
      ? { ...json.deadline, dueAt: new Date(json.deadline.dueAt).toISOString() }
      : null,
  };
}

/** The event row written with every change to an instance. */
export interface EventRecord {
  id: string;
  type: string;
  payload: Record<string, unknown>;
  actorKind: 'person' | 'system';
  actorPersonId: string | null;
  fromState: unknown;
  toState: unknown;
  idempotencyKey: string | null;
  requestHash: string | null;
  outcome: unknown;
}

export type InstanceWrite =
  | {
      kind: 'insert';
      row: Omit<InstanceRecord, 'brokenReason' | 'updatedAt' | 'closedAt'> & {
        createdByPersonId: string | null;
      };
      members: Array<{ id: string; personId: string; role: string; agencyId: string | null }>;
    }
  | {
      kind: 'update';
      instanceId: string;
      partnershipId: string;
      expectedVersion: number;
      definitionVersion: number;
      snapshot: PersistedSnapshot;
      stateValue: unknown;
      status: InstanceStatus;
      closedAt: Date | null;
    };

/** Builds one statement of data-modifying CTEs; `$n` placeholders are numbered as values are added. */
class StatementBuilder {
  readonly values: unknown[] = [];
  private readonly parts: string[] = [];

  param(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  json(value: unknown): string {
    return `${this.param(JSON.stringify(value))}::jsonb`;
  }

  /** `(VALUES (...), (...))`, one row per item, each row's placeholders from `columns`. */
  rows<T>(items: readonly T[], columns: (item: T) => string[]): string {
    return `(VALUES ${items.map((item) => `(${columns(item).join(', ')})`).join(', ')})`;
  }

  cte(name: string, sql: string): void {
    this.parts.push(`${name} AS (${sql})`);
  }

  build(finalSelect: string): string {
    return `WITH ${this.parts.join(',\n')}\n${finalSelect}`;
  }
}

/**
 * Writes the instance (insert or version-checked update), the event, every task, deadline and
 * outbox change, and new members, in ONE statement: one round trip, all or nothing with the
 * transaction. Every part reads the instance row it wrote, so when the version check fails the
 * statement writes nothing at all, and false is returned. With `commit`, the statement is that
 * transaction's last and is sent together with its COMMIT.
 */
export async function writeInstanceChanges(
  manager: EntityManager,
  write: InstanceWrite,
  event: EventRecord,
  changes: ChangeSet,
  occurredAt: Date,
  commit?: EngineTransaction,
): Promise<boolean> {
  const sql = new StatementBuilder();
  const now = sql.param(occurredAt.toISOString());
  const eventId = sql.param(event.id);
  let instanceId: string;
  let partnershipId: string;
  let version: string;
  let definitionVersion: string;

  if (write.kind === 'insert') {
    const row = write.row;
    instanceId = sql.param(row.id);
    partnershipId = sql.param(row.partnershipId);
    version = sql.param(row.version);
    definitionVersion = sql.param(row.definitionVersion);
    sql.cte(
      'inst',
      `INSERT INTO workflow_instances (id, partnership_id, definition_key, definition_version, reference,
         title, state_value, snapshot, version, status, created_by_person_id, created_at, updated_at)
       VALUES (${instanceId}, ${partnershipId}, ${sql.param(row.definitionKey)}, ${definitionVersion},
         ${sql.param(row.reference)}, ${sql.param(row.title)}, ${sql.json(row.stateValue)},
         ${sql.json(row.snapshot)}, ${version}, ${sql.param(row.status)},
         ${sql.param(row.createdByPersonId)}, ${now}, ${now})
       RETURNING id`,
    );
    if (write.members.length > 0) {
      sql.cte(
        'members',
        `INSERT INTO instance_members (id, partnership_id, instance_id, person_id, role, agency_id, added_at)
         SELECT x.id, ${partnershipId}, inst.id, x.person_id, x.role, x.agency_id, ${now}
           FROM inst, jsonb_to_recordset(${sql.json(
             write.members.map((m) => ({
               id: m.id,
               person_id: m.personId,
               role: m.role,
               agency_id: m.agencyId,
             })),
           )}) AS x(id uuid, person_id uuid, role text, agency_id uuid)`,
      );
    }
  } else {
    instanceId = sql.param(write.instanceId);
    partnershipId = sql.param(write.partnershipId);
    version = sql.param(write.expectedVersion + 1);
    definitionVersion = sql.param(write.definitionVersion);
    sql.cte(
      'inst',
      `UPDATE workflow_instances SET snapshot = ${sql.json(write.snapshot)},
         state_value = ${sql.json(write.stateValue)}, version = ${version},
         definition_version = ${definitionVersion}, status = ${sql.param(write.status)},
         broken_reason = NULL, updated_at = ${now}, closed_at = ${sql.param(write.closedAt?.toISOString() ?? null)}
       WHERE id = ${instanceId} AND version = ${sql.param(write.expectedVersion)}
       RETURNING id`,
    );
  }

  sql.cte(
    'ev',
    `INSERT INTO workflow_events (id, partnership_id, instance_id, version, definition_version, type,
       payload, actor_kind, actor_person_id, from_state, to_state, occurred_at, idempotency_key,
       request_hash, outcome)
     SELECT ${eventId}, ${partnershipId}, inst.id, ${version}, ${definitionVersion}, ${sql.param(event.type)},
       ${sql.json(event.payload)}, ${sql.param(event.actorKind)}, ${sql.param(event.actorPersonId)},
       ${sql.json(event.fromState ?? null)}, ${sql.json(event.toState)}, ${now},
       ${sql.param(event.idempotencyKey)}, ${sql.param(event.requestHash)}, ${sql.json(event.outcome ?? null)}
     FROM inst`,
  );

  // Updates join a VALUES list of one row per change rather than a JSON list: the planner then
  // knows the row count whatever the values, so it probes the primary key and the cached generic
  // plan is as good as a custom one. (With `= ANY($ids)` it re-planned every execution, ~0.5 ms.)
  if (changes.tasksToClose.length > 0) {
    sql.cte(
      'tasks_closed',
      `UPDATE tasks t SET status = x.status, closed_at = ${now}, closed_by_event_id = ${eventId}
         FROM inst, ${sql.rows(changes.tasksToClose, (row) => [
           `${sql.param(row.id)}::uuid`,
           `${sql.param(row.status)}::varchar`,
         ])} AS x(id, status)
        WHERE t.id = x.id AND t.status = 'open'`,
    );
  }
  if (changes.tasksToUpdate.length > 0) {
    sql.cte(
      'tasks_updated',
      `UPDATE tasks t SET due_on = x.due_on, due_overridden = x.due_overridden,
         assignee_person_id = x.assignee_person_id
         FROM inst, ${sql.rows(changes.tasksToUpdate, (row) => [
           `${sql.param(row.id)}::uuid`,
           `${sql.param(row.dueOn)}::date`,
           `${sql.param(row.dueOverridden)}::boolean`,
           `${sql.param(row.assigneePersonId)}::uuid`,
         ])} AS x(id, due_on, due_overridden, assignee_person_id)
        WHERE t.id = x.id`,
    );
  }
  if (changes.tasksToOpen.length > 0) {
    const rows = changes.tasksToOpen.map((task) => ({
      id: task.id,
      step_key: task.stepKey,
      title: task.title,
      assignee_kind: task.assignment.kind,
      assignee_role: task.assignment.role,
      assignee_person_id: task.assignment.personId,
      assignee_agency_id: task.assignment.agencyId,
      due_on: task.dueOn,
      due_rule: task.dueRule,
      due_overridden: task.dueOverridden,
      remind: task.remind,
    }));
    sql.cte(
      'tasks_opened',
      `INSERT INTO tasks (id, partnership_id, instance_id, step_key, title, assignee_kind, assignee_role,
         assignee_person_id, assignee_agency_id, due_on, due_rule, due_overridden, remind, status,
         opened_at, opened_by_event_id)
       SELECT x.id, ${partnershipId}, ${instanceId}, x.step_key, x.title, x.assignee_kind, x.assignee_role,
         x.assignee_person_id, x.assignee_agency_id, x.due_on, x.due_rule, x.due_overridden, x.remind,
         'open', ${now}, ${eventId}
       FROM inst, jsonb_to_recordset(${sql.json(rows)}) AS x(id uuid, step_key text, title text,
         assignee_kind text, assignee_role text, assignee_person_id uuid, assignee_agency_id uuid,
         due_on date, due_rule jsonb, due_overridden boolean, remind boolean)`,
    );
  }
  if (changes.deadlinesToInsert.length > 0) {
    sql.cte(
      'deadlines_set',
      `INSERT INTO deadlines (id, partnership_id, instance_id, task_id, due_at, event_type, status, updated_at)
       SELECT x.id, ${partnershipId}, ${instanceId}, x."taskId", x."dueAt", x."eventType", 'pending', ${now}
       FROM inst, jsonb_to_recordset(${sql.json(changes.deadlinesToInsert)})
         AS x(id uuid, "taskId" uuid, "dueAt" timestamptz, "eventType" text)`,
    );
  }
  if (changes.deadlinesToUpdate.length > 0) {
    sql.cte(
      'deadlines_changed',
      `UPDATE deadlines d SET due_at = x.due_at, status = x.status, event_type = x.event_type,
         updated_at = ${now},
         fired_at = CASE WHEN x.status = 'pending' THEN NULL ELSE d.fired_at END,
         fired_event_id = CASE WHEN x.status = 'pending' THEN NULL ELSE d.fired_event_id END
       FROM inst, ${sql.rows(changes.deadlinesToUpdate, (row) => [
         `${sql.param(row.id)}::uuid`,
         `${sql.param(row.dueAt)}::timestamptz`,
         `${sql.param(row.status)}::varchar`,
         `${sql.param(row.eventType)}::varchar`,
       ])} AS x(id, due_at, status, event_type)
      WHERE d.id = x.id`,
    );
  }
  if (changes.outbox.length > 0) {
    sql.cte(
      'outboxed',
      `INSERT INTO outbox (partnership_id, instance_id, event_id, topic, payload, created_at)
       SELECT ${partnershipId}, ${instanceId}, ${eventId}, x.topic, x.payload, ${now}
       FROM inst, jsonb_to_recordset(${sql.json(changes.outbox)}) AS x(topic text, payload jsonb)`,
    );
  }

  const text = sql.build('SELECT count(*)::int AS written FROM inst');
  const rows = commit
    ? await commit.commitWith<{ written: number }>(preparedStatement(text, sql.values))
    : await preparedQuery<{ written: number }>(manager, text, sql.values);
  return rows[0]?.written === 1;
}

/** Marks a deadline fired by the event (or by nothing, when the instance no longer accepted it). */
export async function markDeadlineFired(
  manager: EntityManager,
  deadlineId: string,
  eventId: string | null,
  firedAt: Date,
): Promise<void> {
  await manager.query(
    `UPDATE deadlines SET status = 'fired', fired_at = $2, fired_event_id = $3, updated_at = $2
      WHERE id = $1`,
    [deadlineId, firedAt.toISOString(), eventId],
  );
}
