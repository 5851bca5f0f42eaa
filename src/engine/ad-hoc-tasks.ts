import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { isIsoDate } from '../calendar';
import type { IsoDate } from '../../workflows/shared/due-rule';
import { EngineErrorCode, EngineException } from './engine.exception';
import { isSystem, type EngineActor } from './engine.types';
import { ENGINE_TOPICS } from './queue-names';
import {
  lockInstance,
  writeInstanceChanges,
  type InstanceRecord,
  type LockedInstance,
} from './persistence/instance-store';
import { sqlState } from './persistence/prepared-query';
import { emptyChangeSet, type ChangeSet } from './runtime/changes';
import type { PersistedSnapshot } from './runtime/snapshot';
import { AD_HOC_STEP_PREFIX, type OpenTask, type TaskAssignment } from './runtime/tasks';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The feature's own name for the task; stored as the step key `adhoc:<key>`. */
const AD_HOC_KEY = /^[a-z0-9][a-z0-9-]{0,89}$/;

/**
 * A task a feature module opens on an instance for a named person, outside the machine's steps
 * (e.g. an action's follow-up). Machine events never open, close or re-date it; only these
 * commands do. Reminders chase it like any other task.
 */
export interface OpenAdHocTask {
  /** Recorded as the event's actor; the feature has already decided they may do this. */
  actor: EngineActor;
  instanceId: string;
  /** Lower-case words and digits joined by hyphens, unique among the instance's open ad-hoc tasks. */
  key: string;
  /** Shown in reminder emails: never case content. */
  title: string;
  assigneePersonId: string;
  dueOn: IsoDate | null;
  /** Defaults to true; false exempts it from reminder emails. */
  remind?: boolean;
}

export interface UpdateAdHocTask {
  actor: EngineActor;
  instanceId: string;
  key: string;
  /** A new due date (null for none); omitted to keep it. */
  dueOn?: IsoDate | null;
  /** A new assignee; omitted to keep them. */
  assigneePersonId?: string;
}

export interface CloseAdHocTask {
  actor: EngineActor;
  instanceId: string;
  key: string;
  /** Defaults to `completed`. */
  status?: 'completed' | 'cancelled';
}

/** What an ad-hoc task command did: the task, and the instance version and event it wrote. */
export interface AdHocTaskResult {
  taskId: string;
  instanceId: string;
  version: number;
  eventId: string;
}

export const AD_HOC_EVENT_TYPES = {
  opened: 'engine.task-opened',
  updated: 'engine.task-updated',
  closed: 'engine.task-closed',
} as const;

export function adHocStepKey(key: string): string {
  return `${AD_HOC_STEP_PREFIX}${key}`;
}

/**
 * Opens the task in the caller's transaction (`manager`, in any tenancy scope that includes the
 * instance's partnership): the task row, a `task.opened` outbox row shaped as for machine tasks
 * and an `engine.task-opened` event in the instance's timeline (bumping its version) commit with
 * the caller's own rows, or not at all.
 */
export async function openAdHocTask(
  manager: EntityManager,
  now: Date,
  command: OpenAdHocTask,
): Promise<AdHocTaskResult> {
  validateKey(command.key);
  validatePerson(command.assigneePersonId, 'assigneePersonId');
  validateDueOn(command.dueOn);
  const title = typeof command.title === 'string' ? command.title.trim() : '';
  if (title.length === 0 || title.length > 200) invalid('title must be 1 to 200 characters.');
  const locked = await lockForAdHoc(manager, command.instanceId);
  const stepKey = adHocStepKey(command.key);
  if (openAdHoc(locked, command.key)) {
    throw new EngineException(
      EngineErrorCode.EventNotAccepted,
      `${locked.instance.reference} already has an open task ${command.key}.`,
      { currentVersion: locked.instance.version },
    );
  }
  const taskId = randomUUID();
  const assignment: TaskAssignment = {
    kind: 'person',
    role: null,
    personId: command.assigneePersonId.toLowerCase(),
    agencyId: null,
  };
  const remind = command.remind ?? true;
  const changes = emptyChangeSet();
  changes.tasksToOpen.push({
    id: taskId,
    stepKey,
    title,
    assignment,
    dueOn: command.dueOn,
    dueRule: null,
    dueOverridden: false,
    remind,
  });
  changes.opened.push({ id: taskId, stepKey, dueOn: command.dueOn });
  changes.outbox.push({
    topic: ENGINE_TOPICS.taskOpened,
    payload: {
      taskId,
      instanceId: locked.instance.id,
      stepKey,
      dueOn: command.dueOn,
      assignee: assignment,
      remind,
    },
  });
  return write(manager, now, locked.instance, command.actor, taskId, changes, {
    type: AD_HOC_EVENT_TYPES.opened,
    payload: {
      taskId,
      key: command.key,
      assigneePersonId: assignment.personId,
      dueOn: command.dueOn,
    },
  });
}

/**
 * Re-dates and/or reassigns the open task, writing `task.redated` / `task.reassigned` outbox rows
 * as for machine tasks. Returns null, writing nothing, when neither changes.
 */
export async function updateAdHocTask(
  manager: EntityManager,
  now: Date,
  command: UpdateAdHocTask,
): Promise<AdHocTaskResult | null> {
  validateKey(command.key);
  if (command.dueOn !== undefined) validateDueOn(command.dueOn);
  if (command.assigneePersonId !== undefined) {
    validatePerson(command.assigneePersonId, 'assigneePersonId');
  }
  const locked = await lockForAdHoc(manager, command.instanceId);
  const task = openAdHoc(locked, command.key);
  if (!task) throw noOpenTask(locked.instance, command.key);
  const dueOn = command.dueOn === undefined ? task.dueOn : command.dueOn;
  const assigneePersonId = command.assigneePersonId?.toLowerCase() ?? task.assignment.personId;
  const redated = dueOn !== task.dueOn;
  const reassigned = assigneePersonId !== task.assignment.personId;
  if (!redated && !reassigned) return null;

  const changes = emptyChangeSet();
  changes.tasksToUpdate.push({ id: task.id, dueOn, dueOverridden: false, assigneePersonId });
  const base = { taskId: task.id, instanceId: locked.instance.id, stepKey: task.stepKey };
  if (redated) {
    changes.outbox.push({
      topic: ENGINE_TOPICS.taskRedated,
      payload: { ...base, dueOn, previousDueOn: task.dueOn },
    });
  }
  if (reassigned) {
    changes.outbox.push({
      topic: ENGINE_TOPICS.taskReassigned,
      payload: {
        ...base,
        assignee: { ...task.assignment, personId: assigneePersonId },
        previousAssignee: task.assignment,
      },
    });
  }
  return write(manager, now, locked.instance, command.actor, task.id, changes, {
    type: AD_HOC_EVENT_TYPES.updated,
    payload: {
      taskId: task.id,
      key: command.key,
      ...(redated ? { dueOn, previousDueOn: task.dueOn } : {}),
      ...(reassigned
        ? { assigneePersonId, previousAssigneePersonId: task.assignment.personId }
        : {}),
    },
  });
}

/**
 * Closes the open task with a `task.closed` outbox row. Returns null, writing nothing, when no
 * task of that key is open (closing twice is harmless).
 */
export async function closeAdHocTask(
  manager: EntityManager,
  now: Date,
  command: CloseAdHocTask,
): Promise<AdHocTaskResult | null> {
  validateKey(command.key);
  const status = command.status ?? 'completed';
  if (status !== 'completed' && status !== 'cancelled') {
    invalid('status must be completed or cancelled.');
  }
  const locked = await lockForAdHoc(manager, command.instanceId);
  const task = openAdHoc(locked, command.key);
  if (!task) return null;
  const changes = emptyChangeSet();
  changes.tasksToClose.push({ id: task.id, status });
  changes.closed.push({ id: task.id, stepKey: task.stepKey, dueOn: task.dueOn });
  changes.outbox.push({
    topic: ENGINE_TOPICS.taskClosed,
    payload: { taskId: task.id, instanceId: locked.instance.id, stepKey: task.stepKey, status },
  });
  return write(manager, now, locked.instance, command.actor, task.id, changes, {
    type: AD_HOC_EVENT_TYPES.closed,
    payload: { taskId: task.id, key: command.key, status },
  });
}

/** Locks the instance row in the caller's transaction; row-level security hides other partnerships'. */
async function lockForAdHoc(manager: EntityManager, instanceId: string): Promise<LockedInstance> {
  if (typeof instanceId !== 'string' || !UUID.test(instanceId)) throw notFound();
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('Ad-hoc task commands run inside the caller’s transaction');
  }
  const locked = await lockInstance(manager, instanceId, null);
  if (!locked) throw notFound();
  if (locked.instance.status === 'broken') {
    throw new EngineException(
      EngineErrorCode.InstanceBroken,
      `${locked.instance.reference} cannot be changed: its saved state no longer fits its workflow.`,
      { reference: locked.instance.reference },
    );
  }
  return locked;
}

function openAdHoc(locked: LockedInstance, key: string): OpenTask | undefined {
  const stepKey = adHocStepKey(key);
  return locked.openTasks.find((task) => task.stepKey === stepKey);
}

/** The instance keeps its snapshot and state; only its version, event log, tasks and outbox move. */
async function write(
  manager: EntityManager,
  now: Date,
  instance: InstanceRecord,
  actor: EngineActor,
  taskId: string,
  changes: ChangeSet,
  event: { type: string; payload: Record<string, unknown> },
): Promise<AdHocTaskResult> {
  const eventId = randomUUID();
  const written = await writeAll(
    manager,
    {
      kind: 'update',
      instanceId: instance.id,
      partnershipId: instance.partnershipId,
      expectedVersion: instance.version,
      definitionVersion: instance.definitionVersion,
      snapshot: instance.snapshot as PersistedSnapshot,
      stateValue: instance.stateValue,
      status: instance.status,
      closedAt: instance.closedAt,
    },
    {
      id: eventId,
      type: event.type,
      payload: event.payload,
      actorKind: isSystem(actor) ? 'system' : 'person',
      actorPersonId: isSystem(actor) ? null : actor.personId,
      fromState: instance.stateValue,
      toState: instance.stateValue,
      idempotencyKey: null,
      requestHash: null,
      outcome: null,
    },
    changes,
    now,
  );
  if (!written) {
    // Unreachable while the row lock is held; kept so a lost lock can never half-apply.
    throw new EngineException(
      EngineErrorCode.VersionConflict,
      `${instance.reference} has changed.`,
    );
  }
  return { taskId, instanceId: instance.id, version: instance.version + 1, eventId };
}

/** A task naming a person who does not exist is a 422, not a 500 (the caller's transaction is lost either way). */
async function writeAll(...args: Parameters<typeof writeInstanceChanges>): Promise<boolean> {
  try {
    return await writeInstanceChanges(...args);
  } catch (error) {
    if (sqlState(error) === '23503') {
      throw new EngineException(
        EngineErrorCode.CheckFailed,
        'The task names a person who does not exist.',
      );
    }
    throw error;
  }
}

function validateKey(key: unknown): void {
  if (typeof key !== 'string' || !AD_HOC_KEY.test(key)) {
    invalid('key must be lower-case letters, digits and hyphens, at most 90 characters.');
  }
}

function validatePerson(personId: unknown, field: string): void {
  if (typeof personId !== 'string' || !UUID.test(personId))
    invalid(`${field} must be a person id.`);
}

function validateDueOn(dueOn: unknown): void {
  if (dueOn !== null && !isIsoDate(dueOn))
    invalid('dueOn must be a real date (YYYY-MM-DD) or null.');
}

function invalid(detail: string): never {
  throw new EngineException(EngineErrorCode.InvalidCommand, detail);
}

function notFound(): EngineException {
  return new EngineException(EngineErrorCode.InstanceNotFound, 'There is no such audit or review.');
}

function noOpenTask(instance: InstanceRecord, key: string): EngineException {
  return new EngineException(
    EngineErrorCode.EventNotAccepted,
    `${instance.reference} has no open task ${key}.`,
    { currentVersion: instance.version },
  );
}
