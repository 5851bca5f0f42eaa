import type { AnyMachineSnapshot } from 'xstate';
import { computeDueDate, isIsoDate, type BusinessCalendar } from '../../calendar';
import type { DueRule, IsoDate } from '../../../workflows/shared/due-rule';
import { activeSteps, type Assignee, type StepDeclaration } from '../../../workflows/shared/steps';
import type { DeadlineStatus } from '../persistence/deadline.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Who a task is assigned to, as stored on the task row. */
export interface TaskAssignment {
  kind: Assignee['kind'];
  role: string | null;
  personId: string | null;
  agencyId: string | null;
}

/** A task the active states call for, computed from the snapshot. */
export interface DesiredTask {
  stepKey: string;
  title: string;
  assignment: TaskAssignment;
  dueOn: IsoDate | null;
  dueRule: DueRule | null;
  dueOverridden: boolean;
  remind: boolean;
  onDue: string | null;
}

/** An open task as stored, with its deadline if it has one. */
export interface OpenTask {
  id: string;
  stepKey: string;
  title: string;
  assignment: TaskAssignment;
  dueOn: IsoDate | null;
  dueOverridden: boolean;
  remind: boolean;
  deadline: { id: string; status: DeadlineStatus; dueAt: string; eventType: string } | null;
}

/**
 * Step keys of ad-hoc tasks (opened by feature modules through `WorkflowEngine.openAdHocTask`) start
 * with this; machine step keys cannot contain ':' (definition validation), so they never collide.
 */
export const AD_HOC_STEP_PREFIX = 'adhoc:';

/** The machine's context holds a date or id a step needs in a shape that cannot be used. */
export class StepDataError extends Error {}

/** One task per step, except `each-agency` steps: one per agency. */
export function taskKey(
  stepKey: string,
  assignment: Pick<TaskAssignment, 'kind' | 'agencyId'>,
): string {
  return assignment.kind === 'each-agency' ? `${stepKey}#${assignment.agencyId}` : stepKey;
}

/**
 * The tasks the snapshot's active states open, with due dates from the business calendar:
 * `context.dueOverrides[stepKey]` wins over the step's rule, whose anchors come from `context.dates`.
 */
export function desiredTasks(
  snapshot: AnyMachineSnapshot,
  calendar: BusinessCalendar,
): DesiredTask[] {
  if (snapshot.status !== 'active') return [];
  const context = (snapshot.context ?? {}) as Record<string, unknown>;
  return activeSteps(snapshot).flatMap((step) => {
    const due = dueDateOf(step, context, calendar);
    return assignmentsOf(step, context).map((assignment) => ({
      stepKey: step.key,
      title: step.title,
      assignment,
      ...due,
      dueRule: step.due ?? null,
      remind: step.remind ?? true,
      onDue: step.onDue ?? null,
    }));
  });
}

function dueDateOf(
  step: StepDeclaration,
  context: Record<string, unknown>,
  calendar: BusinessCalendar,
): { dueOn: IsoDate | null; dueOverridden: boolean } {
  const override = recordOf(context.dueOverrides)[step.key];
  if (override !== undefined && override !== null && override !== '') {
    if (!isIsoDate(override)) {
      throw new StepDataError(
        `The date set for step '${step.key}' is not a real date (YYYY-MM-DD).`,
      );
    }
    return { dueOn: override, dueOverridden: true };
  }
  if (!step.due) return { dueOn: null, dueOverridden: false };
  try {
    const anchors = recordOf(context.dates) as Record<string, IsoDate | undefined>;
    return { dueOn: computeDueDate(step.due, anchors, calendar), dueOverridden: false };
  } catch (error) {
    if (error instanceof RangeError) {
      throw new StepDataError(
        `The date '${step.due.anchor}' that step '${step.key}' counts from is not a real date (YYYY-MM-DD).`,
      );
    }
    throw error;
  }
}

function assignmentsOf(step: StepDeclaration, context: Record<string, unknown>): TaskAssignment[] {
  const { assignee } = step;
  switch (assignee.kind) {
    case 'instance-role':
    case 'partnership-role':
      return [{ kind: assignee.kind, role: assignee.role, personId: null, agencyId: null }];
    case 'person': {
      const personId = context[assignee.contextKey];
      if (personId === undefined || personId === null || personId === '') {
        return [{ kind: 'person', role: null, personId: null, agencyId: null }];
      }
      if (typeof personId !== 'string' || !UUID.test(personId)) {
        throw new StepDataError(`The person assigned to step '${step.key}' is not a valid id.`);
      }
      return [{ kind: 'person', role: null, personId: personId.toLowerCase(), agencyId: null }];
    }
    case 'each-agency': {
      const agencies = context[assignee.contextKey] ?? [];
      if (
        !Array.isArray(agencies) ||
        agencies.some((id) => typeof id !== 'string' || !UUID.test(id))
      ) {
        throw new StepDataError(
          `The agencies for step '${step.key}' must be a list of agency ids.`,
        );
      }
      return [...new Set(agencies.map((id: string) => id.toLowerCase()))].map((agencyId) => ({
        kind: 'each-agency' as const,
        role: null,
        personId: null,
        agencyId,
      }));
    }
    default: {
      const unknownAssignee: never = assignee;
      throw new StepDataError(`Unknown assignee ${JSON.stringify(unknownAssignee)}`);
    }
  }
}

function recordOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** How the open tasks must change to match the desired ones. */
export interface TaskPlan {
  open: DesiredTask[];
  close: OpenTask[];
  keep: Array<{ task: OpenTask; desired: DesiredTask }>;
}

/**
 * Matches open tasks to desired ones by step (and agency): a step stays open while its state is
 * active. Ad-hoc tasks are not the machine's: no state change opens, closes or re-dates them.
 */
export function planTasks(all: readonly OpenTask[], desired: readonly DesiredTask[]): TaskPlan {
  const open = all.filter((task) => !task.stepKey.startsWith(AD_HOC_STEP_PREFIX));
  const openByKey = new Map(open.map((task) => [taskKey(task.stepKey, task.assignment), task]));
  const plan: TaskPlan = { open: [], close: [], keep: [] };
  const matched = new Set<string>();
  for (const want of desired) {
    const key = taskKey(want.stepKey, want.assignment);
    if (matched.has(key)) continue;
    matched.add(key);
    const task = openByKey.get(key);
    if (task) plan.keep.push({ task, desired: want });
    else plan.open.push(want);
  }
  plan.close = open.filter((task) => !matched.has(taskKey(task.stepKey, task.assignment)));
  return plan;
}
