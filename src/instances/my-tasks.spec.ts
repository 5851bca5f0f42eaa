import { BusinessCalendar } from '../calendar';
import type { AssignedTaskView } from '../engine/engine.types';
import { groupMyTasks } from './my-tasks';

const calendar = new BusinessCalendar();

function task(id: string, dueOn: string | null): AssignedTaskView {
  return {
    id,
    instanceId: `instance-${id}`,
    partnershipId: 'partnership',
    partnershipName: 'Riverside Safeguarding Children Partnership',
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
    reference: `RSCP-LCSPR-2026-00${id}`,
    instanceTitle: 'Child H',
    definitionTitle: 'Learning review',
  };
}

describe('grouping my tasks', () => {
  // Wednesday 4 March 2026; five working days on is Wednesday 11 March.
  const asOf = '2026-03-04';

  it('puts past due dates under overdue, up to five working days under this week, the rest later', () => {
    const mine = groupMyTasks(
      [
        task('1', '2026-03-03'),
        task('2', '2026-03-04'),
        task('3', '2026-03-11'),
        task('4', '2026-03-12'),
        task('5', null),
      ],
      asOf,
      calendar,
    );
    expect(mine.groups.overdue.map((t) => t.id)).toEqual(['1']);
    expect(mine.groups.dueThisWeek.map((t) => t.id)).toEqual(['2', '3']);
    expect(mine.groups.later.map((t) => t.id)).toEqual(['4', '5']);
    expect(mine.counts).toEqual({ overdue: 1, dueThisWeek: 2, later: 2 });
    expect(mine.groups.overdue[0].timing).toEqual({ status: 'overdue', workingDaysOverdue: 1 });
    expect(mine.groups.later[1].timing).toBeNull();
  });

  it('names the instance by id, reference and title only', () => {
    const [first] = groupMyTasks([task('1', '2026-03-03')], asOf, calendar).groups.overdue;
    expect(first.instance).toEqual({
      id: 'instance-1',
      partnershipId: 'partnership',
      reference: 'RSCP-LCSPR-2026-001',
      title: 'Child H',
    });
  });

  it('counts across a bank holiday in working days', () => {
    // Good Friday 3 April and Easter Monday 6 April 2026: 10 April is the 5th working day after 1 April.
    const mine = groupMyTasks(
      [task('1', '2026-04-10'), task('2', '2026-04-13')],
      '2026-04-01',
      calendar,
    );
    expect(mine.groups.dueThisWeek.map((t) => t.id)).toEqual(['1']);
    expect(mine.groups.later.map((t) => t.id)).toEqual(['2']);
  });
});
