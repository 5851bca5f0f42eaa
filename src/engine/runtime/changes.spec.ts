import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { BusinessCalendar } from '../../calendar';
import { SYSTEM_ACTOR } from '../../../workflows/shared/roles';
import { testReviewMachineV1 } from '../testing/test-review.workflow';
import { buildChanges } from './changes';
import { desiredTasks, planTasks, StepDataError, type OpenTask } from './tasks';

const calendar = new BusinessCalendar();
const POLICE = '00000000-0000-4000-8000-000000000001';
const HEALTH = '00000000-0000-4000-8000-000000000002';
const REVIEWER = '00000000-0000-4000-8000-0000000000aa';

function drive(...events: Array<Record<string, unknown>>): AnyMachineSnapshot {
  let snapshot = initialTransition(testReviewMachineV1, {
    awareOn: '2026-03-30',
    agencies: [POLICE, HEALTH],
  })[0] as AnyMachineSnapshot;
  for (const event of events) {
    snapshot = transition(testReviewMachineV1, snapshot, {
      ...event,
      actor: SYSTEM_ACTOR,
    } as never)[0] as AnyMachineSnapshot;
  }
  return snapshot;
}

let ids = 0;
const newId = () => `id-${++ids}`;

function asOpen(snapshot: AnyMachineSnapshot): OpenTask[] {
  return buildChanges({
    instanceId: 'i',
    openTasks: [],
    desired: desiredTasks(snapshot, calendar),
    closeAs: 'completed',
    effects: [],
    calendar,
    newId,
  }).tasksToOpen.map((task) => ({ ...task, deadline: null }));
}

describe('tasks and deadlines from the active states (pure)', () => {
  it('opens one task per agency for each-agency steps, with due dates from the calendar', () => {
    const tasks = desiredTasks(
      drive({ type: 'NOTIFICATION_SENT', sentOn: '2026-04-01' }),
      calendar,
    );
    expect(
      tasks.map((task) => [
        task.stepKey,
        task.assignment.kind,
        task.assignment.agencyId ?? task.assignment.role,
        task.dueOn,
      ]),
    ).toEqual([
      ['agency-summary', 'each-agency', POLICE, '2026-04-17'],
      ['agency-summary', 'each-agency', HEALTH, '2026-04-17'],
      ['rapid-review-decision', 'instance-role', 'panel-chair', '2026-04-24'],
    ]);
    expect(tasks[2].remind).toBe(false);
  });

  it('assigns a person step to the person in the context, and leaves it unassigned until there is one', () => {
    const decided = drive(
      { type: 'NOTIFICATION_SENT', sentOn: '2026-04-01' },
      { type: 'DECIDE', decision: 'lcspr', reviewerId: REVIEWER },
    );
    expect(desiredTasks(decided, calendar)[0].assignment).toEqual({
      kind: 'person',
      role: null,
      personId: REVIEWER,
      agencyId: null,
    });
    const unassigned = drive(
      { type: 'NOTIFICATION_SENT', sentOn: '2026-04-01' },
      { type: 'DECIDE', decision: 'lcspr' },
    );
    expect(desiredTasks(unassigned, calendar)[0]).toMatchObject({
      assignment: { personId: null },
      dueOn: null,
    });
  });

  it('lets the business unit’s date override the rule', () => {
    const tasks = desiredTasks(
      drive({ type: 'SET_DUE_DATE', stepKey: 'notify-panel', dueOn: '2026-04-30' }),
      calendar,
    );
    expect(tasks[0]).toMatchObject({ dueOn: '2026-04-30', dueOverridden: true });
  });

  it('refuses a context date that is not a real date, naming the step', () => {
    expect(() =>
      desiredTasks(drive({ type: 'SET_DATE', anchor: 'awareOn', date: '2026-13-01' }), calendar),
    ).toThrow(
      new StepDataError(
        "The date 'awareOn' that step 'notify-panel' counts from is not a real date (YYYY-MM-DD).",
      ),
    );
  });

  it('keeps a task open while its state stays active and closes it when the state is left', () => {
    const open = asOpen(drive({ type: 'NOTIFICATION_SENT', sentOn: '2026-04-01' }));
    const plan = planTasks(
      open,
      desiredTasks(
        drive(
          { type: 'NOTIFICATION_SENT', sentOn: '2026-04-01' },
          { type: 'SUMMARY_RETURNED', agencyId: POLICE },
        ),
        calendar,
      ),
    );
    expect(plan.close.map((task) => task.assignment.agencyId)).toEqual([POLICE]);
    expect(plan.keep.map((kept) => kept.task.stepKey)).toEqual([
      'agency-summary',
      'rapid-review-decision',
    ]);
    expect(plan.open).toEqual([]);
  });

  it('sets a deadline for steps that react to time, ending the due day in London', () => {
    const changes = buildChanges({
      instanceId: 'i',
      openTasks: [],
      desired: desiredTasks(drive(), calendar),
      closeAs: 'completed',
      effects: [],
      calendar,
      newId,
    });
    expect(changes.deadlinesToInsert).toEqual([
      {
        id: expect.any(String),
        taskId: changes.tasksToOpen[0].id,
        dueAt: '2026-04-08T23:00:00.000Z',
        eventType: 'DEADLINE_PASSED',
      },
    ]);
    expect(changes.outbox.map((entry) => entry.topic)).toEqual(['task.opened']);
  });

  it('moves a pending deadline, re-arms a fired one that moved, and cancels one whose task closes', () => {
    const [task] = asOpen(drive());
    const pending = {
      ...task,
      deadline: {
        id: 'd1',
        status: 'pending' as const,
        dueAt: '2026-04-08T23:00:00.000Z',
        eventType: 'DEADLINE_PASSED',
      },
    };
    const moved = drive({ type: 'SET_DUE_DATE', stepKey: 'notify-panel', dueOn: '2026-04-10' });
    const redated = buildChanges({
      instanceId: 'i',
      openTasks: [pending],
      desired: desiredTasks(moved, calendar),
      closeAs: 'completed',
      effects: [],
      calendar,
      newId,
    });
    expect(redated.deadlinesToUpdate).toEqual([
      {
        id: 'd1',
        dueAt: '2026-04-10T23:00:00.000Z',
        eventType: 'DEADLINE_PASSED',
        status: 'pending',
      },
    ]);
    expect(redated.outbox).toEqual([
      {
        topic: 'task.redated',
        payload: {
          taskId: task.id,
          instanceId: 'i',
          stepKey: 'notify-panel',
          dueOn: '2026-04-10',
          previousDueOn: '2026-04-08',
        },
      },
    ]);

    const fired = { ...pending, deadline: { ...pending.deadline, status: 'fired' as const } };
    const same = buildChanges({
      instanceId: 'i',
      openTasks: [fired],
      desired: desiredTasks(drive(), calendar),
      closeAs: 'completed',
      effects: [],
      calendar,
      newId,
    });
    expect(same.deadlinesToUpdate).toEqual([]);
    const rearmed = buildChanges({
      instanceId: 'i',
      openTasks: [fired],
      desired: desiredTasks(moved, calendar),
      closeAs: 'completed',
      effects: [],
      calendar,
      newId,
    });
    expect(rearmed.deadlinesToUpdate[0].status).toBe('pending');

    const closed = buildChanges({
      instanceId: 'i',
      openTasks: [pending],
      desired: desiredTasks(drive({ type: 'NOTIFICATION_SENT', sentOn: '2026-04-01' }), calendar),
      closeAs: 'completed',
      effects: [],
      calendar,
      newId,
    });
    expect(closed.tasksToClose).toEqual([{ id: task.id, status: 'completed' }]);
    expect(closed.deadlinesToUpdate).toEqual([
      {
        id: 'd1',
        dueAt: '2026-04-08T23:00:00.000Z',
        eventType: 'DEADLINE_PASSED',
        status: 'cancelled',
      },
    ]);
  });
});
