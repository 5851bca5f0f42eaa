import type { IsoDate } from '../../calendar';
import type { AssignedTaskView } from '../../engine/engine.types';
import type { MyTask, MyTasks } from '../../instances/my-tasks';
import type { DueTiming } from '../../reminders/policy';
import type { TagOptions } from '../filters/rag';

/** One row of My tasks: ids, titles and dates only, never anything about a child. */
export interface MyTaskRow {
  href: string;
  title: string;
  reference: string;
  /** The kind of audit or review, e.g. "Learning review". */
  kind: string;
  partnershipName: string;
  dueOn: IsoDate | null;
  /** "3 working days left", "2 working days overdue", "Due today"; empty when undated. */
  dueInWords: string;
  tag: TagOptions | null;
}

export interface MyTaskSection {
  id: 'overdue' | 'due-this-week' | 'later' | 'no-due-date';
  heading: string;
  rows: MyTaskRow[];
}

export interface MyTasksPage {
  /** The sections that have tasks, most urgent first. */
  sections: MyTaskSection[];
  total: number;
  /** Show which partnership each task is for: the person works for more than one. */
  showPartnership: boolean;
  truncated: boolean;
}

function workingDays(n: number): string {
  return `${n} working day${n === 1 ? '' : 's'}`;
}

/** Where a due date stands, in words, from the business calendar's timing. */
export function dueWords(timing: DueTiming | null): string {
  if (timing === null) return '';
  switch (timing.status) {
    case 'overdue':
      return timing.workingDaysOverdue > 0
        ? `${workingDays(timing.workingDaysOverdue)} overdue`
        : 'Overdue';
    case 'due-today':
      return 'Due today';
    case 'upcoming':
      return timing.workingDaysLeft > 0 ? `${workingDays(timing.workingDaysLeft)} left` : '';
  }
}

/** Red when overdue, orange when due today, yellow when due within the week; none otherwise. */
export function dueTag(task: MyTask, section: MyTaskSection['id']): TagOptions | null {
  if (task.timing?.status === 'overdue') return { text: 'Overdue', classes: 'govuk-tag--red' };
  if (task.timing?.status === 'due-today') {
    return { text: 'Due today', classes: 'govuk-tag--orange' };
  }
  if (section === 'due-this-week') return { text: 'Due soon', classes: 'govuk-tag--yellow' };
  return null;
}

/**
 * My tasks as the page shows them: the groups of `groupMyTasks` (overdue, due this week, later),
 * with undated tasks apart at the end, and each task's kind of audit or review and partnership
 * from the assigned tasks they were grouped from.
 */
export function myTasksPage(
  mine: MyTasks,
  assigned: readonly AssignedTaskView[],
  memberOfPartnerships: number,
): MyTasksPage {
  const byId = new Map(assigned.map((task) => [task.id, task]));
  const row = (task: MyTask, section: MyTaskSection['id']): MyTaskRow => {
    const source = byId.get(task.id);
    return {
      href: `/tasks/${task.id}`,
      title: task.title,
      reference: task.instance.reference,
      kind: source?.definitionTitle ?? 'Audit or review',
      partnershipName: source?.partnershipName ?? '',
      dueOn: task.dueOn,
      dueInWords: dueWords(task.timing),
      tag: dueTag(task, section),
    };
  };
  const later = mine.groups.later;
  const sections: Array<Omit<MyTaskSection, 'rows'> & { tasks: MyTask[] }> = [
    { id: 'overdue', heading: 'Overdue', tasks: mine.groups.overdue },
    { id: 'due-this-week', heading: 'Due this week', tasks: mine.groups.dueThisWeek },
    { id: 'later', heading: 'Later', tasks: later.filter((task) => task.dueOn !== null) },
    { id: 'no-due-date', heading: 'No due date', tasks: later.filter((task) => !task.dueOn) },
  ];
  const partnerships = new Set(assigned.map((task) => task.partnershipId));
  return {
    sections: sections
      .filter((section) => section.tasks.length > 0)
      .map(({ id, heading, tasks }) => ({
        id,
        heading,
        rows: tasks.map((task) => row(task, id)),
      })),
    total: sections.reduce((sum, section) => sum + section.tasks.length, 0),
    showPartnership: Math.max(memberOfPartnerships, partnerships.size) > 1,
    truncated: mine.truncated,
  };
}
