import { BusinessCalendar } from '../../calendar';
import type { AssignedTaskView } from '../../engine/engine.types';
import { groupMyTasks } from '../../instances/my-tasks';
import { dueWords, myTasksPage } from './my-tasks-page';

const calendar = new BusinessCalendar();
// Wednesday 4 March 2026.
const asOf = '2026-03-04';

function task(id: string, dueOn: string | null, partnershipId = 'north'): AssignedTaskView {
  return {
    id,
    instanceId: `instance-${id}`,
    partnershipId,
    partnershipName: `${partnershipId} partnership`,
    stepKey: 'step',
    title: `Step ${id}`,
    assignee: {
      kind: 'partnership-role',
      role: 'business-manager',
      personId: null,
      agencyId: null,
    },
    dueOn,
    dueOverridden: false,
    remind: true,
    status: 'open',
    openedAt: '2026-03-02T09:00:00.000Z',
    closedAt: null,
    reference: `RSCP-LR-2026-00${id}`,
    instanceTitle: 'Child H',
    definitionTitle: 'Learning review',
  };
}

function page(tasks: AssignedTaskView[], memberships = 1) {
  return myTasksPage(groupMyTasks(tasks, asOf, calendar), tasks, memberships);
}

describe('My tasks as the page shows them', () => {
  it('shows overdue, this week, later and undated tasks in that order, leaving out empty groups', () => {
    const shown = page([task('1', '2026-03-02'), task('2', '2026-03-20'), task('3', null)]);
    expect(shown.sections.map((section) => [section.heading, section.rows.length])).toEqual([
      ['Overdue', 1],
      ['Later', 1],
      ['No due date', 1],
    ]);
    expect(shown.total).toBe(3);
  });

  it('links each task to /tasks/:id with its reference and kind, and no pseudonym', () => {
    const [row] = page([task('1', '2026-03-05')]).sections[0].rows;
    expect(row).toEqual({
      href: '/tasks/1',
      title: 'Step 1',
      reference: 'RSCP-LR-2026-001',
      kind: 'Learning review',
      partnershipName: 'north partnership',
      dueOn: '2026-03-05',
      dueInWords: '1 working day left',
      tag: { text: 'Due soon', classes: 'govuk-tag--yellow' },
    });
    expect(JSON.stringify(row)).not.toContain('Child H');
  });

  it('tags overdue red and due today orange, and leaves later tasks untagged', () => {
    const shown = page([task('1', '2026-03-02'), task('2', asOf), task('3', '2026-04-01')]);
    expect(shown.sections.flatMap((section) => section.rows.map((row) => row.tag))).toEqual([
      { text: 'Overdue', classes: 'govuk-tag--red' },
      { text: 'Due today', classes: 'govuk-tag--orange' },
      null,
    ]);
  });

  it('names the partnership only for someone working for more than one', () => {
    expect(page([task('1', null)]).showPartnership).toBe(false);
    expect(page([task('1', null)], 2).showPartnership).toBe(true);
    expect(page([task('1', null, 'north'), task('2', null, 'south')]).showPartnership).toBe(true);
  });

  it('says how a due date stands in working days', () => {
    expect(dueWords({ status: 'overdue', workingDaysOverdue: 2 })).toBe('2 working days overdue');
    expect(dueWords({ status: 'overdue', workingDaysOverdue: 0 })).toBe('Overdue');
    expect(dueWords({ status: 'due-today' })).toBe('Due today');
    expect(dueWords({ status: 'upcoming', workingDaysLeft: 3 })).toBe('3 working days left');
    expect(dueWords(null)).toBe('');
  });
});
