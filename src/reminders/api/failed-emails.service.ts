import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ReminderKind } from '../policy';
import type { ScheduledReminder } from '../planning/reminder-planner';
import { RemindersErrorCode, RemindersException } from '../reminders.exception';
import { returnedRows } from '../persistence/returning';

export interface FailedRecipientView {
  personId: string;
  displayName: string;
  errorCode: string | null;
  smtpStatus: number | null;
}

/** A reminder or digest that could not be delivered: what, when and why, never an address. */
export interface FailedEmailView {
  /** The reminder's id (retry with it); null for a digest. */
  reminderId: string | null;
  kind: ReminderKind | 'digest';
  taskId: string | null;
  taskStatus: string | null;
  stepTitle: string | null;
  reference: string | null;
  instanceId: string | null;
  dueOn: string | null;
  failedAt: string;
  attempts: number;
  errorCode: string | null;
  smtpStatus: number | null;
  recipients: FailedRecipientView[];
}

const LIST_LIMIT = 200;

/** Failed reminder emails for the business unit, and their retry. Runs in the caller's scope. */
@Injectable()
export class FailedEmailsService {
  async list(manager: EntityManager, partnershipId: string): Promise<FailedEmailView[]> {
    const reminders: Array<{
      id: string;
      kind: ReminderKind;
      task_id: string;
      task_status: string;
      title: string;
      reference: string;
      instance_id: string;
      due_on: string;
      updated_at: Date;
      attempts: number;
      error_code: string | null;
      smtp_status: number | null;
    }> = await manager.query(
      `SELECT r.id, r.kind, r.task_id, t.status AS task_status, t.title, i.reference, i.id AS instance_id,
              r.due_on::text AS due_on, r.updated_at, r.attempts, r.error_code, r.smtp_status
         FROM reminders r
         JOIN tasks t ON t.id = r.task_id
         JOIN workflow_instances i ON i.id = t.instance_id
        WHERE r.partnership_id = $1 AND r.status = 'failed'
        ORDER BY r.updated_at DESC, r.id LIMIT $2`,
      [partnershipId, LIST_LIMIT],
    );
    const recipients: Array<{
      reminder_id: string;
      person_id: string;
      display_name: string;
      error_code: string | null;
      smtp_status: number | null;
    }> = await manager.query(
      `SELECT DISTINCT ON (e.reminder_id, e.person_id) e.reminder_id, e.person_id, p.display_name,
              e.error_code, e.smtp_status
         FROM email_log e JOIN people p ON p.id = e.person_id
        WHERE e.reminder_id = ANY($1::uuid[]) AND e.status = 'failed'
          AND NOT EXISTS (SELECT 1 FROM email_log ok WHERE ok.message_key = e.message_key AND ok.status = 'sent')
        ORDER BY e.reminder_id, e.person_id, e.created_at DESC`,
      [reminders.map((r) => r.id)],
    );
    const digests: Array<{
      person_id: string;
      display_name: string;
      created_at: Date;
      error_code: string | null;
      smtp_status: number | null;
    }> = await manager.query(
      `SELECT e.person_id, p.display_name, e.created_at, e.error_code, e.smtp_status
         FROM email_log e JOIN people p ON p.id = e.person_id
        WHERE e.template = 'digest' AND e.status = 'failed' AND e.permanent
          AND EXISTS (SELECT 1 FROM partnership_members pm
                       WHERE pm.person_id = e.person_id AND pm.partnership_id = $1)
          AND NOT EXISTS (SELECT 1 FROM email_log ok WHERE ok.message_key = e.message_key AND ok.status = 'sent')
        ORDER BY e.created_at DESC LIMIT $2`,
      [partnershipId, LIST_LIMIT],
    );
    const recipient = (row: (typeof recipients)[number] | (typeof digests)[number]) => ({
      personId: row.person_id,
      displayName: row.display_name,
      errorCode: row.error_code,
      smtpStatus: row.smtp_status,
    });
    return [
      ...reminders.map((row) => ({
        reminderId: row.id,
        kind: row.kind,
        taskId: row.task_id,
        taskStatus: row.task_status,
        stepTitle: row.title,
        reference: row.reference,
        instanceId: row.instance_id,
        dueOn: row.due_on,
        failedAt: row.updated_at.toISOString(),
        attempts: row.attempts,
        errorCode: row.error_code,
        smtpStatus: row.smtp_status,
        recipients: recipients.filter((r) => r.reminder_id === row.id).map(recipient),
      })),
      ...digests.map((row) => ({
        reminderId: null,
        kind: 'digest' as const,
        taskId: null,
        taskStatus: null,
        stepTitle: null,
        reference: null,
        instanceId: null,
        dueOn: null,
        failedAt: row.created_at.toISOString(),
        attempts: 1,
        errorCode: row.error_code,
        smtpStatus: row.smtp_status,
        recipients: [recipient(row)],
      })),
    ];
  }

  /**
   * Plans a failed reminder again, to go at once: recipients it already reached are not emailed
   * again (the email log says so). Returns what the scheduler must enqueue after the commit.
   */
  async retry(
    manager: EntityManager,
    partnershipId: string,
    reminderId: string,
    now: Date,
  ): Promise<ScheduledReminder> {
    const rows = returnedRows<{ key: string; task_id: string; kind: ReminderKind }>(
      await manager.query(
        `UPDATE reminders SET status = 'planned', attempts = 0, next_attempt_at = NULL, error_code = NULL,
              smtp_status = NULL, updated_at = $3
        WHERE id = $1 AND partnership_id = $2 AND status = 'failed'
        RETURNING key, task_id, kind`,
        [reminderId, partnershipId, now],
      ),
    );
    const row = rows[0];
    if (row) return { key: row.key, taskId: row.task_id, kind: row.kind, sendAt: now };
    const exists: unknown[] = await manager.query(
      `SELECT 1 FROM reminders WHERE id = $1 AND partnership_id = $2`,
      [reminderId, partnershipId],
    );
    if (exists.length === 0) {
      throw new RemindersException(
        RemindersErrorCode.ReminderNotFound,
        'There is no such reminder in this partnership.',
      );
    }
    throw new RemindersException(RemindersErrorCode.NotFailed, 'This reminder has not failed.');
  }
}
