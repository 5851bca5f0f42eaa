import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ReminderPlanner, type PlanChanges } from '../planning/reminder-planner';
import { lockTaskReminders } from '../planning/task-row';
import { RemindersErrorCode, RemindersException } from '../reminders.exception';

export interface TaskRemindersView {
  taskId: string;
  exempt: boolean;
  pending: number;
}

/**
 * One task's exemption from reminders, set by the business unit (e.g. a return agreed late with
 * the agency). The task's reminders are replanned in the same transaction, under the task's lock,
 * so an exempted task is never chased again, and one chased again gets its reminders back.
 */
@Injectable()
export class TaskRemindersService {
  constructor(private readonly planner: ReminderPlanner) {}

  async setExempt(
    manager: EntityManager,
    partnershipId: string,
    taskId: string,
    exempt: boolean,
    now: Date,
  ): Promise<{ view: TaskRemindersView; changes: PlanChanges }> {
    await lockTaskReminders(manager, taskId);
    const tasks: Array<{ status: string }> = await manager.query(
      `SELECT status FROM tasks WHERE id = $1 AND partnership_id = $2 FOR UPDATE`,
      [taskId, partnershipId],
    );
    if (tasks.length === 0) {
      throw new RemindersException(
        RemindersErrorCode.TaskNotFound,
        'There is no such task in this partnership.',
      );
    }
    if (tasks[0].status !== 'open') {
      throw new RemindersException(RemindersErrorCode.TaskClosed, 'This task is closed.');
    }
    await manager.query(`UPDATE tasks SET remind = $2 WHERE id = $1`, [taskId, !exempt]);
    const { changes } = await this.planner.syncLocked(manager, taskId, now);
    const [{ pending }]: Array<{ pending: number }> = await manager.query(
      `SELECT count(*)::int AS pending FROM reminders WHERE task_id = $1 AND status = 'planned'`,
      [taskId],
    );
    return { view: { taskId, exempt, pending }, changes };
  }
}
