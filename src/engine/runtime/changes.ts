import { randomUUID } from 'node:crypto';
import type { BusinessCalendar } from '../../calendar';
import type { DueRule, IsoDate } from '../../../workflows/shared/due-rule';
import type { DeadlineStatus } from '../persistence/deadline.entity';
import type { TaskStatus } from '../persistence/task.entity';
import { dueMoment } from './due-moment';
import { planTasks, type DesiredTask, type OpenTask, type TaskAssignment } from './tasks';

/** A side effect for the outbox: a topic and a payload of ids and dates. */
export interface OutboxEntry {
  topic: string;
  payload: Record<string, unknown>;
}

export interface NewTaskRow {
  id: string;
  stepKey: string;
  title: string;
  assignment: TaskAssignment;
  dueOn: IsoDate | null;
  dueRule: DueRule | null;
  dueOverridden: boolean;
  remind: boolean;
}

export interface TaskSummary {
  id: string;
  stepKey: string;
  dueOn: IsoDate | null;
}

/** Every row the event writes besides the instance and the event itself. */
export interface ChangeSet {
  tasksToOpen: NewTaskRow[];
  tasksToClose: Array<{ id: string; status: Exclude<TaskStatus, 'open'> }>;
  tasksToUpdate: Array<{
    id: string;
    dueOn: IsoDate | null;
    dueOverridden: boolean;
    assigneePersonId: string | null;
  }>;
  deadlinesToInsert: Array<{ id: string; taskId: string; dueAt: string; eventType: string }>;
  deadlinesToUpdate: Array<{
    id: string;
    dueAt: string;
    status: DeadlineStatus;
    eventType: string;
  }>;
  outbox: OutboxEntry[];
  opened: TaskSummary[];
  closed: TaskSummary[];
}

export function emptyChangeSet(): ChangeSet {
  return {
    tasksToOpen: [],
    tasksToClose: [],
    tasksToUpdate: [],
    deadlinesToInsert: [],
    deadlinesToUpdate: [],
    outbox: [],
    opened: [],
    closed: [],
  };
}

export interface ChangeInput {
  instanceId: string;
  openTasks: readonly OpenTask[];
  desired: readonly DesiredTask[];
  /** How tasks whose state was left close: `completed` after an event, `cancelled` by the engine. */
  closeAs: Exclude<TaskStatus, 'open'>;
  effects: readonly OutboxEntry[];
  calendar: BusinessCalendar;
  newId?: () => string;
}

/**
 * Opens, closes, re-dates and reassigns tasks so they match the active states, keeps each task's
 * deadline in step with its due date, and lists the outbox rows other modules react to.
 */
export function buildChanges(input: ChangeInput): ChangeSet {
  const { instanceId, calendar, newId = randomUUID } = input;
  const changes = emptyChangeSet();
  const plan = planTasks(input.openTasks, input.desired);

  for (const task of plan.close) {
    changes.tasksToClose.push({ id: task.id, status: input.closeAs });
    changes.closed.push({ id: task.id, stepKey: task.stepKey, dueOn: task.dueOn });
    if (task.deadline?.status === 'pending') {
      changes.deadlinesToUpdate.push({ ...task.deadline, status: 'cancelled' });
    }
    changes.outbox.push({
      topic: 'task.closed',
      payload: { taskId: task.id, instanceId, stepKey: task.stepKey, status: input.closeAs },
    });
  }

  for (const desired of plan.open) {
    const id = newId();
    changes.tasksToOpen.push({
      id,
      stepKey: desired.stepKey,
      title: desired.title,
      assignment: desired.assignment,
      dueOn: desired.dueOn,
      dueRule: desired.dueRule,
      dueOverridden: desired.dueOverridden,
      remind: desired.remind,
    });
    changes.opened.push({ id, stepKey: desired.stepKey, dueOn: desired.dueOn });
    const deadline = wantedDeadline(desired, calendar);
    if (deadline) changes.deadlinesToInsert.push({ id: newId(), taskId: id, ...deadline });
    changes.outbox.push({
      topic: 'task.opened',
      payload: {
        taskId: id,
        instanceId,
        stepKey: desired.stepKey,
        dueOn: desired.dueOn,
        assignee: desired.assignment,
        remind: desired.remind,
      },
    });
  }

  for (const { task, desired } of plan.keep) {
    const redated = task.dueOn !== desired.dueOn;
    const reassigned = task.assignment.personId !== desired.assignment.personId;
    if (redated || reassigned || task.dueOverridden !== desired.dueOverridden) {
      changes.tasksToUpdate.push({
        id: task.id,
        dueOn: desired.dueOn,
        dueOverridden: desired.dueOverridden,
        assigneePersonId: desired.assignment.personId,
      });
    }
    if (redated) {
      changes.outbox.push({
        topic: 'task.redated',
        payload: {
          taskId: task.id,
          instanceId,
          stepKey: task.stepKey,
          dueOn: desired.dueOn,
          previousDueOn: task.dueOn,
        },
      });
    }
    if (reassigned) {
      changes.outbox.push({
        topic: 'task.reassigned',
        payload: {
          taskId: task.id,
          instanceId,
          stepKey: task.stepKey,
          assignee: desired.assignment,
          previousAssignee: task.assignment,
        },
      });
    }
    syncDeadline(task, wantedDeadline(desired, calendar), changes, newId);
  }

  changes.outbox.push(...input.effects);
  return changes;
}

function wantedDeadline(
  desired: DesiredTask,
  calendar: BusinessCalendar,
): { dueAt: string; eventType: string } | null {
  if (!desired.onDue || !desired.dueOn) return null;
  return { dueAt: dueMoment(desired.dueOn, calendar).toISOString(), eventType: desired.onDue };
}

/** A due moment that moves is a new moment: a fired deadline re-arms, a pending one moves. */
function syncDeadline(
  task: OpenTask,
  wanted: { dueAt: string; eventType: string } | null,
  changes: ChangeSet,
  newId: () => string,
): void {
  const existing = task.deadline;
  if (!wanted) {
    if (existing?.status === 'pending')
      changes.deadlinesToUpdate.push({ ...existing, status: 'cancelled' });
    return;
  }
  if (!existing) {
    changes.deadlinesToInsert.push({ id: newId(), taskId: task.id, ...wanted });
    return;
  }
  const moved = existing.dueAt !== wanted.dueAt || existing.eventType !== wanted.eventType;
  if (existing.status === 'cancelled' || moved) {
    changes.deadlinesToUpdate.push({ id: existing.id, ...wanted, status: 'pending' });
  }
}
