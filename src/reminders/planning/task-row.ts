import type { EntityManager } from 'typeorm';
import type { IsoDate } from '../../calendar';
import type { TaskAssignee } from '../delivery/recipients';

/** What the reminder system reads about a task and its instance: ids, dates, title, reference. */
export interface ReminderTaskRow {
  id: string;
  partnershipId: string;
  instanceId: string;
  status: 'open' | 'completed' | 'cancelled';
  dueOn: IsoDate | null;
  remind: boolean;
  title: string;
  assignee: TaskAssignee;
  reference: string;
}

interface RawTaskRow {
  id: string;
  partnership_id: string;
  instance_id: string;
  status: ReminderTaskRow['status'];
  due_on: string | null;
  remind: boolean;
  title: string;
  assignee_kind: TaskAssignee['kind'];
  assignee_role: string | null;
  assignee_person_id: string | null;
  assignee_agency_id: string | null;
  reference: string;
}

/** The advisory-lock namespace serialising reminder work per task (the ASCII of "RMTK"). */
const TASK_LOCK_NAMESPACE = 0x524d544b;

/** Serialises planning and claiming for one task until the transaction ends. */
export async function lockTaskReminders(manager: EntityManager, taskId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [
    TASK_LOCK_NAMESPACE,
    taskId,
  ]);
}

export async function loadTaskRow(
  manager: EntityManager,
  taskId: string,
): Promise<ReminderTaskRow | null> {
  const rows: RawTaskRow[] = await manager.query(
    `SELECT t.id, t.partnership_id, t.instance_id, t.status, t.due_on::text AS due_on, t.remind,
            t.title, t.assignee_kind, t.assignee_role, t.assignee_person_id, t.assignee_agency_id,
            i.reference
       FROM tasks t JOIN workflow_instances i ON i.id = t.instance_id
      WHERE t.id = $1`,
    [taskId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    partnershipId: row.partnership_id,
    instanceId: row.instance_id,
    status: row.status,
    dueOn: row.due_on,
    remind: row.remind,
    title: row.title,
    reference: row.reference,
    assignee: {
      kind: row.assignee_kind,
      role: row.assignee_role,
      personId: row.assignee_person_id,
      agencyId: row.assignee_agency_id,
    },
  };
}
