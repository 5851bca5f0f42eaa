import {
  DEFAULT_REMINDER_SETTINGS,
  EARLIEST_SEND_HOUR,
  LATEST_SEND_HOUR,
  type ReminderSettings,
} from '../../../reminders/policy';
import { FormErrors, formView, type FormView } from '../../forms/form-errors';

/** The form's fields, in page order, as the person types them. */
export interface ReminderSettingsValues {
  daysBefore: string;
  onDueDate: 'yes' | 'no' | '';
  overdueEveryWorkingDays: string;
  escalateAfterOverdueReminders: string;
  sendAtHour: string;
  version: string;
}

export function reminderSettingsValues(
  settings: ReminderSettings,
  version: number,
): ReminderSettingsValues {
  return {
    daysBefore: settings.daysBefore.join(', '),
    onDueDate: settings.onDueDate ? 'yes' : 'no',
    overdueEveryWorkingDays: String(settings.overdueEveryWorkingDays),
    escalateAfterOverdueReminders:
      settings.escalateAfterOverdueReminders === null
        ? ''
        : String(settings.escalateAfterOverdueReminders),
    sendAtHour: String(settings.sendAtHour),
    version: String(version),
  };
}

/** "9am", "12 noon", "5pm". */
export function hourInWords(hour: number): string {
  if (hour === 12) return '12 noon';
  return hour < 12 ? `${hour}am` : `${hour - 12}pm`;
}

/** The settings in words, as rows of a summary list. */
export function describeSettings(
  settings: ReminderSettings,
): Array<{ key: string; value: string }> {
  const days = settings.daysBefore;
  return [
    {
      key: 'Working days before the due date',
      value: days.length === 0 ? 'None' : days.join(', '),
    },
    { key: 'Reminder on the due date', value: settings.onDueDate ? 'Yes' : 'No' },
    {
      key: 'Working days between overdue reminders',
      value: String(settings.overdueEveryWorkingDays),
    },
    {
      key: 'Overdue reminders before escalating',
      value:
        settings.escalateAfterOverdueReminders === null
          ? 'Never escalate'
          : String(settings.escalateAfterOverdueReminders),
    },
    { key: 'Time reminders are sent', value: hourInWords(settings.sendAtHour) },
  ];
}

export const SEND_HOURS = Array.from(
  { length: LATEST_SEND_HOUR - EARLIEST_SEND_HOUR + 1 },
  (_, i) => EARLIEST_SEND_HOUR + i,
);

function text(body: unknown, name: string): string {
  const value =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value.trim() : '';
}

const WHOLE = /^\d{1,3}$/;

export type ReadSettings =
  | { ok: true; overrides: Partial<ReminderSettings>; version: number }
  | { ok: false; form: FormView };

/**
 * The settings a submitted form asks for, as overrides of the defaults (only what differs, so a
 * change to a default later still reaches the partnership), and the version the form was read at.
 */
export function readReminderSettingsForm(body: unknown): ReadSettings {
  const values: ReminderSettingsValues = {
    daysBefore: text(body, 'daysBefore'),
    onDueDate: (['yes', 'no'] as const).find((v) => v === text(body, 'onDueDate')) ?? '',
    overdueEveryWorkingDays: text(body, 'overdueEveryWorkingDays'),
    escalateAfterOverdueReminders: text(body, 'escalateAfterOverdueReminders'),
    sendAtHour: text(body, 'sendAtHour'),
    version: text(body, 'version'),
  };
  const errors: Record<string, string> = {};

  const days = values.daysBefore === '' ? [] : values.daysBefore.split(/[\s,]+/).filter(Boolean);
  if (!days.every((day) => WHOLE.test(day) && Number(day) >= 1 && Number(day) <= 60)) {
    errors.daysBefore =
      'Working days before the due date must be whole numbers from 1 to 60, like 5, 1';
  } else if (new Set(days.map(Number)).size !== days.length) {
    errors.daysBefore = 'Working days before the due date must not repeat a number';
  } else if (days.length > 10) {
    errors.daysBefore = 'Enter 10 reminders before the due date or fewer';
  }
  if (values.onDueDate === '') errors.onDueDate = 'Select yes if a reminder goes on the due date';
  const overdue = Number(values.overdueEveryWorkingDays);
  if (!WHOLE.test(values.overdueEveryWorkingDays) || overdue < 1 || overdue > 20) {
    errors.overdueEveryWorkingDays =
      'Days between overdue reminders must be a whole number from 1 to 20';
  }
  const escalate = Number(values.escalateAfterOverdueReminders);
  if (
    values.escalateAfterOverdueReminders !== '' &&
    (!WHOLE.test(values.escalateAfterOverdueReminders) || escalate < 1 || escalate > 20)
  ) {
    errors.escalateAfterOverdueReminders =
      'Overdue reminders before escalating must be a whole number from 1 to 20, or left empty';
  }
  const hour = Number(values.sendAtHour);
  if (!WHOLE.test(values.sendAtHour) || !SEND_HOURS.includes(hour)) {
    errors.sendAtHour = 'Select the time reminders are sent';
  }
  if (Object.keys(errors).length > 0) {
    return {
      ok: false,
      form: formView(values, FormErrors.fromMap(errors, { ids: { onDueDate: 'onDueDate' } })),
    };
  }

  const chosen: ReminderSettings = {
    daysBefore: days.map(Number).sort((a, b) => b - a),
    onDueDate: values.onDueDate === 'yes',
    overdueEveryWorkingDays: overdue,
    escalateAfterOverdueReminders: values.escalateAfterOverdueReminders === '' ? null : escalate,
    sendAtHour: hour,
  };
  const overrides = Object.fromEntries(
    (Object.keys(chosen) as Array<keyof ReminderSettings>)
      .filter(
        (key) => JSON.stringify(chosen[key]) !== JSON.stringify(DEFAULT_REMINDER_SETTINGS[key]),
      )
      .map((key) => [key, chosen[key]]),
  ) as Partial<ReminderSettings>;
  // A form without a proper version was not read from the page: treat it as stale.
  const version = /^[1-9]\d{0,8}$/.test(values.version) ? Number(values.version) : 0;
  return { ok: true, overrides, version };
}
