import type { BusinessCalendar, IsoDate } from '../calendar';
import type { AssignedTaskView } from '../engine/engine.types';
import { dueTiming, DIGEST_WEEK_WORKING_DAYS, type DueTiming } from '../reminders/policy';

export const MY_TASK_GROUPS = ['overdue', 'dueThisWeek', 'later'] as const;
export type MyTaskGroup = (typeof MY_TASK_GROUPS)[number];

/** One open task of mine, as the task list shows it: ids, titles and dates, no case content. */
export interface MyTask {
  id: string;
  stepKey: string;
  title: string;
  dueOn: IsoDate | null;
  /** Where the due date stands today, in working days; null when the task has no due date. */
  timing: DueTiming | null;
  instance: { id: string; partnershipId: string; reference: string; title: string };
}

export interface MyTasks {
  /** The London date the grouping is for. */
  asOf: IsoDate;
  counts: Record<MyTaskGroup, number>;
  groups: Record<MyTaskGroup, MyTask[]>;
  /** True when there were more open tasks than the list holds. */
  truncated: boolean;
}

/**
 * "Due this week" is the reminder digest's rule: due today or within the next
 * `DIGEST_WEEK_WORKING_DAYS` working days. Undated tasks come last, under "later".
 */
export function groupOf(timing: DueTiming | null): MyTaskGroup {
  if (timing === null) return 'later';
  switch (timing.status) {
    case 'overdue':
      return 'overdue';
    case 'due-today':
      return 'dueThisWeek';
    case 'upcoming':
      return timing.workingDaysLeft <= DIGEST_WEEK_WORKING_DAYS ? 'dueThisWeek' : 'later';
  }
}

/** Groups a person's open tasks (already soonest due first) by when they are due. Pure. */
export function groupMyTasks(
  tasks: readonly AssignedTaskView[],
  asOf: IsoDate,
  calendar: BusinessCalendar,
  truncated = false,
): MyTasks {
  const groups: Record<MyTaskGroup, MyTask[]> = { overdue: [], dueThisWeek: [], later: [] };
  for (const task of tasks) {
    const timing = task.dueOn === null ? null : dueTiming(task.dueOn, asOf, calendar);
    groups[groupOf(timing)].push({
      id: task.id,
      stepKey: task.stepKey,
      title: task.title,
      dueOn: task.dueOn,
      timing,
      instance: {
        id: task.instanceId,
        partnershipId: task.partnershipId,
        reference: task.reference,
        title: task.instanceTitle,
      },
    });
  }
  return {
    asOf,
    counts: {
      overdue: groups.overdue.length,
      dueThisWeek: groups.dueThisWeek.length,
      later: groups.later.length,
    },
    groups,
    truncated,
  };
}
