import type { IsoDate } from '../../workflows/shared/due-rule';
import type { InstanceRole } from '../../workflows/shared/roles';
import type { InstanceStatus } from './persistence/workflow-instance.entity';
import type { TaskStatus } from './persistence/task.entity';
import type { TaskAssignment } from './runtime/tasks';

/** The engine itself acting (a deadline passing, a migration), never a person. */
export const SYSTEM = Object.freeze({ system: true as const });

/** Who is acting or reading: a person by id, or the system. The engine resolves their roles. */
export type EngineActor = { personId: string } | typeof SYSTEM;

export function isSystem(actor: EngineActor): actor is typeof SYSTEM {
  return 'system' in actor && actor.system === true;
}

export interface MemberInput {
  personId: string;
  role: InstanceRole;
  agencyId?: string | null;
}

export interface StartCommand {
  partnershipId: string;
  definitionKey: string;
  /** Defaults to the highest registered version. */
  definitionVersion?: number;
  /** Non-identifying, e.g. "Child H". */
  title: string;
  /** The machine's input. */
  input?: unknown;
  members?: MemberInput[];
}

export interface SendCommand {
  type: string;
  payload?: Record<string, unknown>;
  /** Refused with 409 when the instance has moved past this version. */
  expectedVersion?: number;
  /** A repeat with the same key returns the first outcome and changes nothing. */
  idempotencyKey?: string;
}

export interface TaskRef {
  id: string;
  stepKey: string;
  dueOn: IsoDate | null;
}

/** What a command did; repeated verbatim (with `replayed: true`) for a repeated idempotency key. */
export interface CommandResult {
  instanceId: string;
  reference: string;
  version: number;
  status: InstanceStatus;
  state: unknown;
  event: {
    id: string;
    type: string;
    version: number;
    from: unknown;
    to: unknown;
    occurredAt: string;
  };
  tasksOpened: TaskRef[];
  tasksClosed: TaskRef[];
  replayed: boolean;
}

/** What happened when a deadline's moment came. */
export type DeadlineFiring =
  | { outcome: 'fired'; eventId: string; instanceId: string }
  | { outcome: 'not-accepted'; instanceId: string }
  | { outcome: 'skipped' };

export interface TaskView {
  id: string;
  instanceId: string;
  stepKey: string;
  title: string;
  assignee: TaskAssignment;
  dueOn: IsoDate | null;
  dueOverridden: boolean;
  remind: boolean;
  status: TaskStatus;
  openedAt: string;
  closedAt: string | null;
  /** The active people who hold it now (on an instance's own view). */
  holders?: Array<{ personId: string; displayName: string }>;
}

/** One task, open or closed; a closed one says whose event closed it (null: the system's). */
export interface TaskDetail extends TaskView {
  closedBy: { personId: string | null; displayName: string | null } | null;
}

export interface MemberView {
  personId: string;
  displayName: string;
  role: InstanceRole;
  agencyId: string | null;
}

export interface InstanceView {
  id: string;
  partnershipId: string;
  reference: string;
  title: string;
  definition: { key: string; version: number; title: string | null };
  state: unknown;
  /** The stage label of the current state, e.g. "Rapid review". */
  stage: string | null;
  status: InstanceStatus;
  /** Why it is broken, when it is. */
  brokenReason: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  openTasks: TaskView[];
  members: MemberView[];
  /** Events the current state accepts (guards not evaluated). */
  acceptedEvents: string[];
  /** Of those, the ones the reader may send. */
  availableEvents: string[];
}

export interface TimelineEntry {
  version: number;
  type: string;
  occurredAt: string;
  actor: { kind: 'person' | 'system'; personId: string | null; displayName: string | null };
  from: unknown;
  to: unknown;
}

export interface InstanceSummary {
  id: string;
  partnershipId: string;
  reference: string;
  title: string;
  definitionKey: string;
  definitionVersion: number;
  state: unknown;
  /** The stage label of the current state, e.g. "Rapid review". */
  stage: string | null;
  status: InstanceStatus;
  version: number;
  updatedAt: string;
  /** The earliest due date of its open tasks. */
  nextDueOn: IsoDate | null;
}

/** Which instances a list shows. */
export interface InstanceFilter {
  partnershipId?: string;
  definitionKey?: string;
  status?: InstanceStatus;
  /** A stage label, e.g. "Rapid review". */
  stage?: string;
  /** Only those with (true) or without (false) an open task due before `asOf`. */
  overdue?: { asOf: IsoDate; overdue: boolean };
  limit?: number;
  offset?: number;
}

/** How many instances of a definition are in one stage and status: counts, no case details. */
export interface InstanceCount {
  definitionKey: string;
  stage: string | null;
  status: InstanceStatus;
  instances: number;
  /** Of those, how many have an open task due before the day asked about. */
  overdue: number;
}

export interface AssignedTaskView extends TaskView {
  partnershipId: string;
  partnershipName: string;
  reference: string;
  instanceTitle: string;
  /** The kind of audit or review: its definition's title, e.g. "Learning review". */
  definitionTitle: string | null;
}

export interface MigrationReport {
  migrated: Array<{ instanceId: string; fromVersion: number; toVersion: number }>;
  failed: Array<{ instanceId: string; reason: string }>;
}
