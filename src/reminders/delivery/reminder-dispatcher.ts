import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { BusinessCalendar, IsoDate } from '../../calendar';
import type { Clock } from '../../common/clock';
import { inScope, SYSTEM_SCOPE } from '../../database/tenancy';
import {
  checkAgencyName,
  checkPersonName,
  checkReferenceNumber,
  checkStepTitle,
  renderEscalationEmail,
  renderReminderEmail,
  taskLink,
  UnsafeEmailContentError,
  type PersonName,
  type RenderedEmail,
} from '../../mail/templates';
import {
  catchUp,
  deliveryFor,
  dueTiming,
  escalationRecipients,
  type EscalationReason,
  type ReminderKind,
  type ReminderSettings,
} from '../policy';
import type { PlanChanges, ReminderPlanner, StoredReminderRow } from '../planning/reminder-planner';
import { loadReminderSettings } from '../planning/reminder-settings-store';
import { loadTaskRow, lockTaskReminders, type ReminderTaskRow } from '../planning/task-row';
import { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from '../reminder-queues';
import type { DeliveryResult, EmailDelivery } from './email-delivery';
import { assigneesOf, escalationDirectory } from './recipients';
import type { ReminderScheduler } from './reminder-scheduler';
import { agencyNameOf, loadContacts, loadTaskPeople, type Contact } from './task-people';
import type { WorkerLease } from './worker-lease';
import { returnedRows } from '../persistence/returning';

interface ReminderRow extends StoredReminderRow {
  id: string;
  task_id: string;
  sequence: number;
  due_on: string;
  next_attempt_at: Date | null;
  attempts: number;
}

const pendingOf = (row: ReminderRow): PendingRow => ({
  id: row.id,
  key: row.key,
  taskId: row.task_id,
  kind: row.kind,
  sequence: row.sequence,
  dueOn: row.due_on,
  sendAt: row.send_at,
  nextAttemptAt: row.next_attempt_at,
  attempts: row.attempts,
});

interface PendingRow {
  id: string;
  key: string;
  taskId: string;
  kind: ReminderKind;
  sequence: number;
  dueOn: IsoDate;
  sendAt: Date;
  nextAttemptAt: Date | null;
  attempts: number;
}

/** How one claimed reminder ended. */
export type ReminderResult =
  | { key: string; result: 'sent' }
  /** Every recipient takes the daily digest: nothing emailed, the digest carries it. */
  | { key: string; result: 'digest' }
  | { key: string; result: 'failed'; code: string }
  /** A transient failure: planned again for `retryAt`. */
  | { key: string; result: 'retry'; code: string; retryAt: Date };

export interface TaskDispatch {
  delivered: ReminderResult[];
  /** Keys skipped now because a later reminder of the task covers them. */
  skipped: string[];
  /** Planned reminders not to be sent yet, and when to look again. */
  later: Array<{ key: string; at: Date }>;
}

interface Recipient {
  contact: Contact;
  reason: EscalationReason | null;
}

type End =
  | { status: 'sent' }
  | { status: 'digest' }
  | { status: 'failed'; code: string; smtpStatus?: number | null }
  | { status: 'retry'; code: string; smtpStatus: number | null; retryAt: Date };

const NO_RECIPIENT = 'no-recipient';
const UNSAFE_CONTENT = 'unsafe-content';

/**
 * Sends what is due for one task, deciding by PostgreSQL and the injected clock (never by when a
 * job happened to fire). Under the task's lock it first replans the task (so a task completed,
 * re-dated, exempted or reassigned a moment ago is never chased), then applies `catchUp` to its
 * planned reminders: the most relevant missed one is claimed (`sending`, under this worker's
 * lease) and the others it covers are skipped in the same transaction, so however many jobs and
 * sweeps look at the task at once, at most one reminder per task and audience goes out. The
 * claimed reminders are then emailed to their recipients, resolved now.
 */
export class ReminderDispatcher {
  private readonly logger = new Logger('ReminderDispatcher');
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly planner: ReminderPlanner,
    private readonly scheduler: ReminderScheduler,
    private readonly email: EmailDelivery,
    private readonly lease: WorkerLease,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendar,
    private readonly appUrl: string,
  ) {}

  async dispatchTask(taskId: string): Promise<TaskDispatch> {
    const now = this.clock.now();
    const decided = await inScope(this.dataSource, SYSTEM_SCOPE, async (manager) => {
      await lockTaskReminders(manager, taskId);
      const task = await loadTaskRow(manager, taskId);
      if (!task) return null;
      const { settings } = await loadReminderSettings(manager, task.partnershipId);
      let rows = await this.storedRows(manager, taskId);
      const changes = await this.planner.applyPlan(manager, task, settings, rows, now);
      if (changes.schedule.length > 0 || changes.cancel.length > 0) {
        rows = await this.storedRows(manager, taskId);
      }
      const pending = rows.filter((row) => row.status === 'planned').map(pendingOf);
      return { task, changes, ...(await this.decide(manager, pending, now, settings)) };
    });
    if (!decided) return { delivered: [], skipped: [], later: [] };
    await this.mirror(decided.changes);
    const delivered: ReminderResult[] = [];
    for (const reminder of decided.claimed) {
      this.inFlight.add(reminder.id);
      try {
        delivered.push(await this.deliver(reminder, decided.task));
      } catch (error) {
        await this.release(reminder).catch(() => undefined);
        throw error;
      } finally {
        this.inFlight.delete(reminder.id);
      }
    }
    return { delivered, skipped: decided.skipped, later: decided.later };
  }

  /** Ids of reminders this worker is sending right now; any other row it claimed was abandoned. */
  inFlightIds(): string[] {
    return [...this.inFlight];
  }

  /** Hands an unfinished claim back after an unexpected error, to be tried again shortly. */
  private async release(reminder: PendingRow): Promise<void> {
    const now = this.clock.now();
    await this.dataSource.query(
      `UPDATE reminders SET status = 'planned', claimed_by = NULL, next_attempt_at = $3, updated_at = $4
        WHERE id = $1 AND status = 'sending' AND claimed_by = $2`,
      [reminder.id, this.lease.id, new Date(now.getTime() + retryDelayMs(reminder.attempts)), now],
    );
  }

  private async storedRows(manager: EntityManager, taskId: string): Promise<ReminderRow[]> {
    return manager.query(
      `SELECT id, task_id, key, kind, sequence, due_on::text AS due_on, send_at, status,
              next_attempt_at, attempts
         FROM reminders WHERE task_id = $1 ORDER BY send_at, key`,
      [taskId],
    );
  }

  private async decide(
    manager: EntityManager,
    pending: readonly PendingRow[],
    now: Date,
    settings: ReminderSettings,
  ): Promise<{ claimed: PendingRow[]; skipped: string[]; later: TaskDispatch['later'] }> {
    const skips: Array<{ id: string; key: string; by: string }> = [];
    const toClaim: PendingRow[] = [];
    const later: TaskDispatch['later'] = [];
    for (const decision of catchUp(pending, now, this.calendar, settings)) {
      const reminder = decision.reminder;
      switch (decision.action) {
        case 'skip':
          skips.push({ id: reminder.id, key: reminder.key, by: decision.supersededBy });
          break;
        case 'wait':
          later.push({ key: reminder.key, at: reminder.sendAt });
          break;
        case 'send': {
          const at = Math.max(decision.sendAt.getTime(), reminder.nextAttemptAt?.getTime() ?? 0);
          if (at <= now.getTime()) toClaim.push(reminder);
          else later.push({ key: reminder.key, at: new Date(at) });
          break;
        }
      }
    }
    if (skips.length > 0) {
      await manager.query(
        `UPDATE reminders SET status = 'skipped', skip_reason = 'superseded',
                superseded_by = s.by, updated_at = $1
           FROM unnest($2::uuid[], $3::text[]) AS s(id, by)
          WHERE reminders.id = s.id AND reminders.status = 'planned'`,
        [now, skips.map((s) => s.id), skips.map((s) => s.by)],
      );
    }
    let claimed: PendingRow[] = [];
    if (toClaim.length > 0) {
      const ids = returnedRows<{ id: string }>(
        await manager.query(
          `UPDATE reminders SET status = 'sending', claimed_by = $1, claimed_at = $2,
                attempts = attempts + 1, updated_at = $2
          WHERE id = ANY($3::uuid[]) AND status = 'planned' RETURNING id`,
          [this.lease.id, now, toClaim.map((r) => r.id)],
        ),
      );
      const won = new Set(ids.map((row) => row.id));
      claimed = toClaim
        .filter((r) => won.has(r.id))
        .map((r) => ({ ...r, attempts: r.attempts + 1 }));
    }
    return { claimed, skipped: skips.map((s) => s.key), later };
  }

  /** Sends one claimed reminder to each of its recipients and records how it ended. */
  private async deliver(reminder: PendingRow, task: ReminderTaskRow): Promise<ReminderResult> {
    const now = this.clock.now();
    const manager = this.dataSource.manager;
    let assignees: string[];
    let targets: Array<{ personId: string; reason: EscalationReason | null }>;
    if (reminder.kind !== 'escalation' && task.assignee.kind === 'person') {
      // The common case needs no membership lookups: the contact query drops a deactivated person.
      assignees = task.assignee.personId === null ? [] : [task.assignee.personId];
      targets = assignees.map((personId) => ({ personId, reason: null }));
    } else {
      const people = await loadTaskPeople(manager, task);
      assignees = assigneesOf(task.assignee, people);
      targets =
        reminder.kind === 'escalation'
          ? escalationRecipients(
              { agencyId: task.assignee.agencyId, assigneeIds: assignees },
              escalationDirectory(people),
            )
          : assignees.map((personId) => ({ personId, reason: null }));
    }
    const contacts = await loadContacts(manager, [
      ...new Set([...assignees, ...targets.map((t) => t.personId)]),
    ]);
    const recipients: Recipient[] = targets.flatMap((target) => {
      const contact = contacts.get(target.personId);
      return contact ? [{ contact, reason: target.reason }] : [];
    });
    if (recipients.length === 0) {
      return this.finish(this.dataSource.manager, reminder, {
        status: 'failed',
        code: NO_RECIPIENT,
      });
    }

    const outgoing: Array<{ recipient: Recipient; email: RenderedEmail }> = [];
    let digested = 0;
    for (const recipient of recipients) {
      if (
        reminder.kind !== 'escalation' &&
        deliveryFor(reminder.kind, recipient.contact.delivery) === 'digest'
      ) {
        digested++;
        continue;
      }
      try {
        const email = await this.render(reminder, task, recipient, assignees, contacts, now);
        outgoing.push({ recipient, email });
      } catch (error) {
        if (!(error instanceof UnsafeEmailContentError)) throw error;
        this.logger.warn(
          { reminder: reminder.key, field: error.field },
          'reminder email refused by its template',
        );
        return this.finish(this.dataSource.manager, reminder, {
          status: 'failed',
          code: UNSAFE_CONTENT,
        });
      }
    }

    const results: DeliveryResult[] = [];
    let finished: ReminderResult | null = null;
    for (const [index, { recipient, email }] of outgoing.entries()) {
      const last = index === outgoing.length - 1;
      const result = await this.email.deliver(
        {
          messageKey: `${reminder.key}>${recipient.contact.personId}`,
          partnershipId: task.partnershipId,
          reminderId: reminder.id,
          personId: recipient.contact.personId,
          to: { address: recipient.contact.email },
          email,
        },
        // The last email's record and the reminder's outcome commit together.
        last
          ? async (tx, outcome) => {
              finished = await this.finish(
                tx,
                reminder,
                this.endOf(reminder, [...results, outcome], digested),
              );
            }
          : undefined,
      );
      results.push(result);
    }
    return (
      finished ??
      this.finish(this.dataSource.manager, reminder, this.endOf(reminder, results, digested))
    );
  }

  /** How a reminder ends, from what happened to each of its emails. */
  private endOf(reminder: PendingRow, results: readonly DeliveryResult[], digested: number): End {
    const retryable = results.find(
      (r) => r.outcome === 'in-flight' || (r.outcome === 'failed' && !r.permanent),
    );
    if (retryable) {
      const failure = retryable.outcome === 'failed' ? retryable : null;
      const code = failure?.code ?? 'in-flight';
      const smtpStatus = failure?.smtpStatus ?? null;
      if (reminder.attempts >= MAX_DELIVERY_ATTEMPTS) return { status: 'failed', code, smtpStatus };
      const retryAt = new Date(this.clock.now().getTime() + retryDelayMs(reminder.attempts));
      return { status: 'retry', code, smtpStatus, retryAt };
    }
    const permanent = results.find((r) => r.outcome === 'failed' && r.permanent);
    if (permanent?.outcome === 'failed') {
      return { status: 'failed', code: permanent.code, smtpStatus: permanent.smtpStatus };
    }
    return results.length === 0 && digested > 0 ? { status: 'digest' } : { status: 'sent' };
  }

  private async render(
    reminder: PendingRow,
    task: ReminderTaskRow,
    recipient: Recipient,
    assignees: readonly string[],
    contacts: ReadonlyMap<string, Contact>,
    now: Date,
  ): Promise<RenderedEmail> {
    const timing = dueTiming(reminder.dueOn, this.calendar.londonDateOf(now), this.calendar);
    const common = {
      recipientName: checkPersonName(recipient.contact.displayName, 'recipientName'),
      stepTitle: checkStepTitle(task.title),
      reference: checkReferenceNumber(task.reference),
      dueOn: reminder.dueOn,
      taskUrl: taskLink(this.appUrl, task.id),
    };
    if (reminder.kind !== 'escalation' || recipient.reason === null) {
      return renderReminderEmail({ ...common, timing });
    }
    const agency = await agencyNameOf(this.dataSource.manager, task.assignee.agencyId);
    const sent: Array<{ count: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM reminders
        WHERE task_id = $1 AND due_on = $2::date AND kind = 'overdue'
          AND (status = 'sent' OR skip_reason = 'digest')`,
      [task.id, reminder.dueOn],
    );
    return renderEscalationEmail({
      ...common,
      reason: recipient.reason,
      workingDaysOverdue: Math.max(1, timing.status === 'overdue' ? timing.workingDaysOverdue : 1),
      assigneeName: assigneeNameOf(assignees, contacts),
      agencyName: safeAgencyName(agency),
      overdueRemindersSent: sent[0]?.count ?? 0,
    });
  }

  private async finish(
    manager: EntityManager,
    reminder: PendingRow,
    end: End,
  ): Promise<ReminderResult> {
    const now = this.clock.now();
    const owned = `WHERE id = $1 AND status = 'sending' AND claimed_by = $2`;
    const base = [reminder.id, this.lease.id, now];
    switch (end.status) {
      case 'sent':
        await manager.query(
          `UPDATE reminders SET status = 'sent', sent_at = $3, updated_at = $3, claimed_by = NULL,
                  next_attempt_at = NULL, error_code = NULL, smtp_status = NULL ${owned}`,
          base,
        );
        return { key: reminder.key, result: 'sent' };
      case 'digest':
        await manager.query(
          `UPDATE reminders SET status = 'skipped', skip_reason = 'digest', updated_at = $3,
                  claimed_by = NULL ${owned}`,
          base,
        );
        return { key: reminder.key, result: 'digest' };
      case 'failed':
        this.logger.warn(
          { reminder: reminder.key, code: end.code, smtpStatus: end.smtpStatus ?? null },
          'reminder could not be delivered; listed for the business unit',
        );
        await manager.query(
          `UPDATE reminders SET status = 'failed', error_code = $4, smtp_status = $5, updated_at = $3,
                  claimed_by = NULL, next_attempt_at = NULL ${owned}`,
          [...base, end.code, end.smtpStatus ?? null],
        );
        return { key: reminder.key, result: 'failed', code: end.code };
      case 'retry':
        await manager.query(
          `UPDATE reminders SET status = 'planned', error_code = $4, smtp_status = $5,
                  next_attempt_at = $6, updated_at = $3, claimed_by = NULL ${owned}`,
          [...base, end.code, end.smtpStatus, end.retryAt],
        );
        return { key: reminder.key, result: 'retry', code: end.code, retryAt: end.retryAt };
    }
  }

  private async mirror(changes: PlanChanges): Promise<void> {
    try {
      await this.scheduler.apply(changes);
    } catch (error) {
      // PostgreSQL holds the plan; the sweep adds any job Redis did not take.
      this.logger.warn(
        { err: error instanceof Error ? error.name : 'unknown' },
        'jobs not scheduled',
      );
    }
  }
}

function assigneeNameOf(
  assignees: readonly string[],
  contacts: ReadonlyMap<string, Contact>,
): PersonName {
  const names = assignees.flatMap((id) => {
    const name = contacts.get(id)?.displayName;
    return name ? [name] : [];
  });
  if (names.length === 0) return checkPersonName('No one yet');
  return checkPersonName(names.length === 1 ? names[0] : `${names[0]} and others`);
}

function safeAgencyName(name: string | null): ReturnType<typeof checkAgencyName> | null {
  if (name === null) return null;
  try {
    return checkAgencyName(name);
  } catch {
    return null;
  }
}
