import { Logger } from '@nestjs/common';
import type IORedis from 'ioredis';
import type { DataSource } from 'typeorm';
import type { BusinessCalendar } from '../../calendar';
import type { Clock } from '../../common/clock';
import type { ReminderKind } from '../policy';
import {
  mergeChanges,
  noChanges,
  type ReminderPlanner,
  type ScheduledReminder,
} from '../planning/reminder-planner';
import type { DigestDispatcher } from './digest-dispatcher';
import type { ReminderDispatcher, ReminderResult } from './reminder-dispatcher';
import type { ReminderScheduler } from './reminder-scheduler';
import { claimantIsGoneSql, type WorkerLease } from './worker-lease';
import { returnedRows } from '../persistence/returning';

export interface SweepOptions {
  /** Rows looked at per step and run. */
  batchSize: number;
  /**
   * A reminder this late is sent by the sweep itself: its job should have sent it, so Redis lost
   * it or the worker was down. 0 in tests, where the clock is moved by hand.
   */
  dueGraceMs: number;
  /** Jobs are made sure of for reminders due within this long. */
  horizonMs: number;
  /** Tasks dispatched at once. */
  concurrency: number;
}

export const DEFAULT_SWEEP_OPTIONS: SweepOptions = {
  batchSize: 500,
  dueGraceMs: 60_000,
  horizonMs: 2 * 3600_000,
  concurrency: 4,
};

export interface SweepReport {
  /** Reminders claimed by a worker that died, handed back. */
  reclaimed: number;
  /** Tasks replanned because they changed without their outbox message being seen. */
  resynced: number;
  /** Tasks with something due that the sweep dispatched. */
  dispatched: number;
  results: ReminderResult[];
  digests: number;
  errors: number;
}

/** Redis key whose absence means Redis lost its data since the last rebuild. */
export const RECONCILED_MARKER = 'reminders:reconciled-at';

/**
 * PostgreSQL is the truth; this makes Redis and the mailboxes agree with it. Each run:
 * hands back reminders and digests claimed by workers that died; replans tasks whose outbox
 * messages were missed and partnerships whose settings changed; sends every reminder whose time
 * has passed by more than the grace (its job was lost, or the worker was down: `catchUp` decides
 * what still goes); makes sure the coming hours' reminders and digests have their delayed jobs.
 * `rebuild` re-adds a job for every planned reminder, for when Redis lost everything.
 */
export class ReconcileSweep {
  private readonly logger = new Logger('ReconcileSweep');

  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: IORedis,
    private readonly planner: ReminderPlanner,
    private readonly scheduler: ReminderScheduler,
    private readonly dispatcher: ReminderDispatcher,
    private readonly digests: DigestDispatcher,
    private readonly lease: WorkerLease,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendar,
    private readonly options: SweepOptions = DEFAULT_SWEEP_OPTIONS,
  ) {}

  async runOnce(): Promise<SweepReport> {
    const report: SweepReport = {
      reclaimed: 0,
      resynced: 0,
      dispatched: 0,
      results: [],
      digests: 0,
      errors: 0,
    };
    const reclaimedTasks = await this.reclaimAbandoned();
    report.reclaimed = reclaimedTasks.length;
    report.resynced += await this.applySettingsChanges();
    report.resynced += await this.resyncDriftedTasks();
    const due = await this.dueTasks();
    const tasks = [...new Set([...reclaimedTasks, ...due])];
    report.dispatched = tasks.length;
    await this.pool(tasks, async (taskId) => {
      try {
        report.results.push(...(await this.dispatcher.dispatchTask(taskId)).delivered);
      } catch (error) {
        report.errors++;
        this.logger.warn({ taskId, err: errorName(error) }, 'reminders of a task not dispatched');
      }
    });
    await this.ensureComingJobs();
    report.digests = await this.digestsDue();
    return report;
  }

  /** Re-adds a job for every planned reminder and the next digests, then marks Redis as rebuilt. */
  async rebuild(): Promise<number> {
    let added = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await this.plannedPage(`id > $1`, [after], 5_000);
      if (rows.length === 0) break;
      await this.scheduler.addMissing(rows.map((row) => row.reminder));
      added += rows.length;
      after = rows[rows.length - 1].id;
    }
    await this.digestsDue(true);
    await this.redis.set(RECONCILED_MARKER, this.clock.now().toISOString());
    this.logger.log({ jobs: added }, 'reminder jobs rebuilt from PostgreSQL');
    return added;
  }

  /** Rebuilds when Redis lost the marker (a flush, or a restart without persistence). */
  async rebuildIfLost(): Promise<boolean> {
    if ((await this.redis.exists(RECONCILED_MARKER)) === 1) return false;
    await this.rebuild();
    return true;
  }

  private async reclaimAbandoned(): Promise<string[]> {
    const now = this.clock.now();
    const rows = returnedRows<{ task_id: string }>(
      await this.dataSource.query(
        `UPDATE reminders SET status = 'planned', claimed_by = NULL, claimed_at = NULL, updated_at = $3
          WHERE status = 'sending'
            AND (${claimantIsGoneSql('reminders.claimed_by')}
                 OR (claimed_by = $1 AND NOT (id = ANY($2::uuid[]))))
          RETURNING task_id`,
        [this.lease.id, this.dispatcher.inFlightIds(), now],
      ),
    );
    if (rows.length > 0) {
      this.logger.warn(
        { reminders: rows.length },
        'reminders left sending by a stopped worker resumed',
      );
    }
    // An email a dead worker left half-sent whose reminder will not be sent again (its task
    // closed meanwhile) is closed as history; the reminder's own row says what happened.
    await this.dataSource.query(
      `UPDATE email_log SET status = 'failed', error_code = 'abandoned', permanent = false,
              finished_at = $1
        WHERE status = 'sending' AND reminder_id IS NOT NULL
          AND ${claimantIsGoneSql('email_log.claimed_by')}
          AND NOT EXISTS (SELECT 1 FROM reminders r WHERE r.id = email_log.reminder_id
                            AND r.status IN ('planned', 'sending'))`,
      [now],
    );
    return rows.map((row) => row.task_id);
  }

  private async applySettingsChanges(): Promise<number> {
    const rows: Array<{ partnership_id: string; version: number }> = await this.dataSource.query(
      `SELECT partnership_id, version FROM reminder_settings WHERE applied_version < version LIMIT 20`,
    );
    let tasks = 0;
    for (const row of rows) {
      const changes = await this.planner.syncPartnership(row.partnership_id);
      await this.scheduler.apply(changes);
      tasks += changes.schedule.length + changes.cancel.length > 0 ? 1 : 0;
      await this.dataSource.query(
        `UPDATE reminder_settings SET applied_version = $2
          WHERE partnership_id = $1 AND applied_version < $2`,
        [row.partnership_id, row.version],
      );
    }
    return tasks;
  }

  /**
   * Tasks whose reminders no longer match them (closed, exempted or re-dated with reminders still
   * planned) or that have none planned for their due date: their outbox message was not seen.
   */
  private async resyncDriftedTasks(): Promise<number> {
    const rows: Array<{ task_id: string }> = await this.dataSource.query(
      `(SELECT DISTINCT r.task_id FROM reminders r JOIN tasks t ON t.id = r.task_id
         WHERE r.status = 'planned'
           AND (t.status <> 'open' OR NOT t.remind OR t.due_on IS DISTINCT FROM r.due_on)
         LIMIT $1)
       UNION
       (SELECT t.id FROM tasks t
         WHERE t.status = 'open' AND t.remind AND t.due_on IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM reminders r WHERE r.task_id = t.id AND r.due_on = t.due_on
                             AND r.status IN ('planned', 'sending'))
         LIMIT $1)`,
      [this.options.batchSize],
    );
    const changes = noChanges();
    for (const { task_id } of rows) mergeChanges(changes, await this.planner.syncTask(task_id));
    await this.scheduler.apply(changes);
    return rows.length;
  }

  private async dueTasks(): Promise<string[]> {
    const now = this.clock.now();
    const rows: Array<{ task_id: string }> = await this.dataSource.query(
      `SELECT task_id FROM reminders
        WHERE status = 'planned' AND send_at <= $1 AND (next_attempt_at IS NULL OR next_attempt_at <= $2)
        GROUP BY task_id ORDER BY min(send_at) LIMIT $3`,
      [new Date(now.getTime() - this.options.dueGraceMs), now, this.options.batchSize],
    );
    return rows.map((row) => row.task_id);
  }

  private async ensureComingJobs(): Promise<void> {
    const until = new Date(this.clock.now().getTime() + this.options.horizonMs);
    const rows = await this.plannedPage(`send_at <= $1`, [until], this.options.batchSize * 10);
    await this.scheduler.addMissing(rows.map((row) => row.reminder));
  }

  private async plannedPage(
    condition: string,
    values: unknown[],
    limit: number,
  ): Promise<Array<{ id: string; reminder: ScheduledReminder }>> {
    const rows: Array<{
      id: string;
      key: string;
      task_id: string;
      kind: ReminderKind;
      send_at: Date;
    }> = await this.dataSource.query(
      `SELECT id, key, task_id, kind, send_at FROM reminders
          WHERE status = 'planned' AND ${condition} ORDER BY id LIMIT ${Number(limit)}`,
      values,
    );
    return rows.map((row) => ({
      id: row.id,
      reminder: { key: row.key, taskId: row.task_id, kind: row.kind, sendAt: row.send_at },
    }));
  }

  /**
   * Today's digests not yet sent: sent now once past their time (plus the grace), else given a
   * delayed job when due within the horizon; the next working day's get their jobs too. Returns
   * how many the sweep sent itself.
   */
  private async digestsDue(everyJob = false): Promise<number> {
    const now = this.clock.now();
    const today = this.calendar.londonDateOf(now);
    const next = this.calendar.nextWorkingDay(today);
    const people: Array<{ person_id: string; done: boolean }> = await this.dataSource.query(
      `SELECT rp.person_id,
              EXISTS (SELECT 1 FROM email_log e WHERE e.message_key = 'digest:' || rp.person_id || ':' || $1
                        AND (e.status IN ('sent', 'skipped')
                             OR (e.status = 'sending' AND NOT ${claimantIsGoneSql('e.claimed_by')})))
                AS done
         FROM reminder_preferences rp JOIN people p ON p.id = rp.person_id AND p.deactivated_at IS NULL
        WHERE rp.delivery = 'daily-digest'
        ORDER BY rp.person_id LIMIT $2`,
      [today, this.options.batchSize * 10],
    );
    let sent = 0;
    const horizon = now.getTime() + (everyJob ? 7 * 24 * 3600_000 : this.options.horizonMs);
    for (const { person_id: personId, done } of people) {
      try {
        const todayAt = this.calendar.isWorkingDay(today)
          ? await this.digests.sendAtFor(personId, today)
          : null;
        if (todayAt && !done) {
          if (todayAt.getTime() + this.options.dueGraceMs <= now.getTime()) {
            const outcome = await this.digests.sendDigest(personId, today);
            if (outcome.outcome === 'delivery') sent++;
          } else if (todayAt.getTime() <= horizon) {
            await this.scheduler.ensureDigest(personId, today, todayAt);
          }
        }
        const nextAt = await this.digests.sendAtFor(personId, next);
        if (nextAt && nextAt.getTime() <= horizon) {
          await this.scheduler.ensureDigest(personId, next, nextAt);
        }
      } catch (error) {
        this.logger.warn({ personId, err: errorName(error) }, 'digest not handled');
      }
    }
    return sent;
  }

  private async pool<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
    let index = 0;
    const runners = Array.from(
      { length: Math.min(this.options.concurrency, items.length) },
      async () => {
        while (index < items.length) await work(items[index++]);
      },
    );
    await Promise.all(runners);
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown';
}
