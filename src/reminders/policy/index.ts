/**
 * Reminder policy: when a task's reminders, escalation and digest go out. Pure (the business
 * calendar only): no Nest, TypeORM, BullMQ or clock; the reminder workers build on it.
 */
export {
  catchUp,
  isInSendingWindow,
  nextSendingTime,
  type CatchUpCandidate,
  type CatchUpDecision,
} from './catch-up';
export {
  buildDigest,
  deliveryFor,
  DIGEST_GROUPS,
  DIGEST_WEEK_WORKING_DAYS,
  digestKey,
  digestSendAt,
  type Digest,
  type DigestEntry,
  type DigestGroup,
  type DigestLine,
  type ReminderDelivery,
} from './digest';
export { dueTiming, type DueTiming } from './due-timing';
export {
  ESCALATION_RULES,
  escalationRecipients,
  type EscalatedTask,
  type EscalationDirectory,
  type EscalationReason,
  type EscalationRecipient,
  type EscalationRule,
  type EscalationTarget,
} from './escalation';
export {
  compareReminders,
  DEFAULT_OVERDUE_HORIZON,
  nextAfter,
  planReminders,
  reminderKey,
  REMINDER_KINDS,
  reminderSchedule,
  replanReminders,
  type ExistingReminder,
  type PlanHorizon,
  type PlannedReminder,
  type ReminderChanges,
  type ReminderKind,
  type ReminderState,
  type ReminderTask,
} from './reminder-policy';
export {
  DEFAULT_REMINDER_SETTINGS,
  EARLIEST_SEND_HOUR,
  InvalidReminderSettingsError,
  LATEST_SEND_HOUR,
  resolveReminderSettings,
  SENDING_WINDOW_CLOSES_AT_HOUR,
  validateReminderSettings,
  type ReminderSettings,
  type ReminderSettingsField,
  type ReminderSettingsProblem,
} from './reminder-settings';
