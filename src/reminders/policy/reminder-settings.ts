/**
 * The numbers a partnership can change about reminders. All counts are working days in England and
 * Wales; the hour is London wall-clock time.
 */
export interface ReminderSettings {
  /** Reminders this many working days before the due date, e.g. [5, 1]. */
  daysBefore: readonly number[];
  /** A reminder on the due date itself. */
  onDueDate: boolean;
  /** Once overdue, a reminder every this many working days until the task closes. */
  overdueEveryWorkingDays: number;
  /**
   * Escalate to the chair (and an agency's safeguarding lead) after this many overdue reminders
   * went unanswered; null never escalates.
   */
  escalateAfterOverdueReminders: number | null;
  /** Reminders go out at this hour, London time, on working days only. */
  sendAtHour: number;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = Object.freeze({
  daysBefore: Object.freeze([5, 1]),
  onDueDate: true,
  overdueEveryWorkingDays: 2,
  escalateAfterOverdueReminders: 2,
  sendAtHour: 9,
});

/** Earliest and latest hours a partnership may choose: never at night. */
export const EARLIEST_SEND_HOUR = 8;
export const LATEST_SEND_HOUR = 17;
/** Caught-up reminders may go out from the send hour until this hour, never later. */
export const SENDING_WINDOW_CLOSES_AT_HOUR = 18;

const MAX_DAYS_BEFORE = 60;
const MAX_BEFORE_REMINDERS = 10;
const MAX_OVERDUE_INTERVAL = 20;
const MAX_ESCALATE_AFTER = 20;

export type ReminderSettingsField = keyof ReminderSettings;

/** One thing wrong with reminder settings, naming the field. */
export interface ReminderSettingsProblem {
  /** A ReminderSettingsField, an unknown field's name, or `settings` for the whole object. */
  field: string;
  message: string;
}

const FIELDS: readonly ReminderSettingsField[] = [
  'daysBefore',
  'onDueDate',
  'overdueEveryWorkingDays',
  'escalateAfterOverdueReminders',
  'sendAtHour',
];

function isWholeBetween(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** What is wrong with a complete settings object (e.g. a partnership's stored JSON); empty when valid. */
export function validateReminderSettings(input: unknown): ReminderSettingsProblem[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return [{ field: 'settings', message: 'Reminder settings must be an object' }];
  }
  const settings = input as Record<string, unknown>;
  const problems: ReminderSettingsProblem[] = [];
  for (const key of Object.keys(settings)) {
    if (!(FIELDS as readonly string[]).includes(key)) {
      problems.push({ field: key, message: `${key} is not a reminder setting` });
    }
  }

  const daysBefore = settings.daysBefore;
  if (!Array.isArray(daysBefore)) {
    problems.push({
      field: 'daysBefore',
      message: 'daysBefore must be a list of working days before the due date, such as [5, 1]',
    });
  } else {
    if (daysBefore.length > MAX_BEFORE_REMINDERS) {
      problems.push({
        field: 'daysBefore',
        message: `daysBefore can have at most ${MAX_BEFORE_REMINDERS} reminders`,
      });
    }
    if (!daysBefore.every((day) => isWholeBetween(day, 1, MAX_DAYS_BEFORE))) {
      problems.push({
        field: 'daysBefore',
        message: `daysBefore must hold whole numbers of working days from 1 to ${MAX_DAYS_BEFORE}`,
      });
    } else if (new Set(daysBefore).size !== daysBefore.length) {
      problems.push({ field: 'daysBefore', message: 'daysBefore must not repeat a day' });
    }
  }

  if (typeof settings.onDueDate !== 'boolean') {
    problems.push({ field: 'onDueDate', message: 'onDueDate must be true or false' });
  }
  if (!isWholeBetween(settings.overdueEveryWorkingDays, 1, MAX_OVERDUE_INTERVAL)) {
    problems.push({
      field: 'overdueEveryWorkingDays',
      message: `overdueEveryWorkingDays must be a whole number of working days from 1 to ${MAX_OVERDUE_INTERVAL}`,
    });
  }
  const escalateAfter = settings.escalateAfterOverdueReminders;
  if (escalateAfter !== null && !isWholeBetween(escalateAfter, 1, MAX_ESCALATE_AFTER)) {
    problems.push({
      field: 'escalateAfterOverdueReminders',
      message: `escalateAfterOverdueReminders must be a whole number from 1 to ${MAX_ESCALATE_AFTER}, or null for no escalation`,
    });
  }
  if (!isWholeBetween(settings.sendAtHour, EARLIEST_SEND_HOUR, LATEST_SEND_HOUR)) {
    problems.push({
      field: 'sendAtHour',
      message: `sendAtHour must be a whole hour from ${EARLIEST_SEND_HOUR} to ${LATEST_SEND_HOUR} (never at night)`,
    });
  }
  return problems;
}

export class InvalidReminderSettingsError extends RangeError {
  constructor(readonly problems: readonly ReminderSettingsProblem[]) {
    super(`Invalid reminder settings: ${problems.map((p) => p.message).join('; ')}`);
    this.name = 'InvalidReminderSettingsError';
  }
}

/**
 * A partnership's settings: its overrides on top of the defaults. Throws
 * InvalidReminderSettingsError (with every problem, by field) when the result is not valid.
 */
export function resolveReminderSettings(
  overrides: Partial<ReminderSettings> = {},
): ReminderSettings {
  const merged: Record<string, unknown> = { ...DEFAULT_REMINDER_SETTINGS };
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined) merged[key] = value;
  }
  const problems = validateReminderSettings(merged);
  if (problems.length > 0) throw new InvalidReminderSettingsError(problems);
  const settings = merged as unknown as ReminderSettings;
  return Object.freeze({ ...settings, daysBefore: Object.freeze([...settings.daysBefore]) });
}

/** Settings handed straight to the planner are checked too: a bad number must not plan nonsense. */
export function assertValidReminderSettings(settings: ReminderSettings): void {
  const problems = validateReminderSettings(settings);
  if (problems.length > 0) throw new InvalidReminderSettingsError(problems);
}
