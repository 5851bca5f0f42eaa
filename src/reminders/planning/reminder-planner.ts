import type { DataSource, EntityManager } from 'typeorm';
import type { BusinessCalendar } from '../../calendar';
import type { Clock } from '../../common/clock';
import { inScope, SYSTEM_SCOPE } from '../../database/tenancy';
import {
  DEFAULT_REMINDER_SETTINGS,
  replanReminders,
  type ExistingReminder,
  type PlannedReminder,
  type ReminderKind,
  type ReminderSettings,
  type ReminderState,
} from '../policy';
import type { ReminderStatus } from '../persistence/reminder.entity';
import { loadReminderSettings } from './reminder-settings-store';
import { loadTaskRow, lockTaskReminders, type ReminderTaskRow } from './task-row';
import { returnedRows } from '../persistence/returning';

/** A reminder whose delayed job must exist (new, revived or moved). */
export interface ScheduledReminder {
  key: string;
  taskId: string;
  kind: ReminderKind;
  sendAt: Date;
}

/** What changed in PostgreSQL, for the scheduler to mirror in BullMQ after the commit. */
export interface PlanChanges {
  schedule: ScheduledReminder[];
  cancel: Array<{ key: string; kind: ReminderKind }>;
}

export function noChanges(): PlanChanges {
  return { schedule: [], cancel: [] };
}

export function mergeChanges(into: PlanChanges, more: PlanChanges): PlanChanges {
  into.schedule.push(...more.schedule);
  into.cancel.push(...more.cancel);
  return into;
}

/** What planning needs of a stored reminder row. */
export interface StoredReminderRow {
  key: string;
  send_at: Date;
  status: ReminderStatus;
  kind: ReminderKind;
}

export interface SyncedTask {
  task: ReminderTaskRow | null;
  settings: ReminderSettings;
  changes: PlanChanges;
}

const STATE_OF: Record<ReminderStatus, ReminderState> = {
  planned: 'pending',
  sending: 'pending',
  sent: 'sent',
  // Failed ones wait for the business unit's retry; they are never planned again on their own.
  failed: 'skipped',
  skipped: 'skipped',
  cancelled: 'cancelled',
};

/**
 * Keeps a task's stored reminders in step with the task (opened, closed, re-dated, exempted) and
 * its partnership's settings, with the pure `replanReminders`. Serialised per task by an advisory
 * lock; a reminder being sent (`sending`) is never changed under the worker sending it.
 */
export class ReminderPlanner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calendar: BusinessCalendar,
    private readonly clock: Clock,
  ) {}

  /** Replans one task in its own transaction. */
  async syncTask(taskId: string): Promise<PlanChanges> {
    return inScope(this.dataSource, SYSTEM_SCOPE, async (manager) => {
      await lockTaskReminders(manager, taskId);
      return (await this.syncLocked(manager, taskId, this.clock.now())).changes;
    });
  }

  /** Replans every open task of a partnership (after its settings changed). */
  async syncPartnership(partnershipId: string): Promise<PlanChanges> {
    const tasks: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM tasks WHERE partnership_id = $1 AND status = 'open' ORDER BY id`,
      [partnershipId],
    );
    const changes = noChanges();
    for (const { id } of tasks) mergeChanges(changes, await this.syncTask(id));
    return changes;
  }

  /** Replans a task inside a transaction that already holds its lock. */
  async syncLocked(manager: EntityManager, taskId: string, now: Date): Promise<SyncedTask> {
    const task = await loadTaskRow(manager, taskId);
    if (!task) return { task: null, settings: DEFAULT_REMINDER_SETTINGS, changes: noChanges() };
    const { settings } = await loadReminderSettings(manager, task.partnershipId);
    const stored: StoredReminderRow[] = await manager.query(
      `SELECT key, send_at, status, kind FROM reminders WHERE task_id = $1`,
      [taskId],
    );
    return { task, settings, changes: await this.applyPlan(manager, task, settings, stored, now) };
  }

  /**
   * Replans a task whose stored reminders the caller has read (under the task's lock) and writes
   * the differences: new and revived reminders, moved ones, cancelled ones.
   */
  async applyPlan(
    manager: EntityManager,
    task: ReminderTaskRow,
    settings: ReminderSettings,
    stored: readonly StoredReminderRow[],
    now: Date,
  ): Promise<PlanChanges> {
    const existing: ExistingReminder[] = stored.map((row) => ({
      key: row.key,
      sendAt: row.send_at,
      state: STATE_OF[row.status],
    }));
    const plan = replanReminders(
      { taskId: task.id, dueOn: task.dueOn, exempt: !task.remind, closed: task.status !== 'open' },
      existing,
      settings,
      this.calendar,
      now,
    );
    await this.insertOrRevive(manager, task, plan.schedule, now);
    const moved = await this.reschedule(manager, plan.reschedule, now);
    const kindOf = new Map(stored.map((row) => [row.key, row.kind]));
    const cancelled = await this.cancel(manager, plan.cancel, now);
    return {
      schedule: [...plan.schedule, ...plan.reschedule.filter((r) => moved.has(r.key))].map((r) => ({
        key: r.key,
        taskId: r.taskId,
        kind: r.kind,
        sendAt: r.sendAt,
      })),
      cancel: cancelled.map((key) => ({ key, kind: kindOf.get(key) ?? 'before' })),
    };
  }

  private async insertOrRevive(
    manager: EntityManager,
    task: ReminderTaskRow,
    reminders: readonly PlannedReminder[],
    now: Date,
  ): Promise<void> {
    if (reminders.length === 0) return;
    await manager.query(
      `INSERT INTO reminders (partnership_id, task_id, key, kind, sequence, due_on, send_at, status,
                              created_at, updated_at)
       SELECT $1, $2, r.key, r.kind, r.sequence, r.due_on::date, r.send_at, 'planned', $3, $3
         FROM unnest($4::text[], $5::text[], $6::int[], $7::text[], $8::timestamptz[])
              AS r(key, kind, sequence, due_on, send_at)
       ON CONFLICT (key) DO UPDATE
          SET status = 'planned', send_at = EXCLUDED.send_at, attempts = 0, next_attempt_at = NULL,
              claimed_by = NULL, claimed_at = NULL, skip_reason = NULL, superseded_by = NULL,
              error_code = NULL, smtp_status = NULL, updated_at = EXCLUDED.updated_at
        WHERE reminders.status = 'cancelled'`,
      [
        task.partnershipId,
        task.id,
        now,
        reminders.map((r) => r.key),
        reminders.map((r) => r.kind),
        reminders.map((r) => r.sequence),
        reminders.map((r) => r.dueOn),
        reminders.map((r) => r.sendAt.toISOString()),
      ],
    );
  }

  private async reschedule(
    manager: EntityManager,
    reminders: readonly PlannedReminder[],
    now: Date,
  ): Promise<Set<string>> {
    if (reminders.length === 0) return new Set();
    const rows = returnedRows<{ key: string }>(
      await manager.query(
        `UPDATE reminders SET send_at = m.send_at, updated_at = $1
         FROM unnest($2::text[], $3::timestamptz[]) AS m(key, send_at)
        WHERE reminders.key = m.key AND reminders.status = 'planned'
        RETURNING reminders.key`,
        [now, reminders.map((r) => r.key), reminders.map((r) => r.sendAt.toISOString())],
      ),
    );
    return new Set(rows.map((row) => row.key));
  }

  private async cancel(
    manager: EntityManager,
    keys: readonly string[],
    now: Date,
  ): Promise<string[]> {
    if (keys.length === 0) return [];
    const rows = returnedRows<{ key: string }>(
      await manager.query(
        `UPDATE reminders SET status = 'cancelled', updated_at = $1
        WHERE key = ANY($2::text[]) AND status = 'planned' RETURNING key`,
        [now, keys],
      ),
    );
    return rows.map((row) => row.key);
  }
}
