import { DEFAULT_REMINDER_SETTINGS } from '../../../reminders/policy';
import {
  describeSettings,
  hourInWords,
  readReminderSettingsForm,
  reminderSettingsValues,
} from './reminder-settings-form';

const typed = (changes: Record<string, string> = {}) => ({
  ...reminderSettingsValues(DEFAULT_REMINDER_SETTINGS, 3),
  ...changes,
});

describe('the reminder settings form', () => {
  it('asks for nothing to change when the defaults are sent back, with the version read', () => {
    expect(readReminderSettingsForm(typed())).toEqual({ ok: true, overrides: {}, version: 3 });
  });

  it('reads the changed numbers only, days before latest first, and no escalation when left empty', () => {
    expect(
      readReminderSettingsForm(
        typed({ daysBefore: '1, 3 10', escalateAfterOverdueReminders: '', sendAtHour: '10' }),
      ),
    ).toEqual({
      ok: true,
      overrides: { daysBefore: [10, 3, 1], escalateAfterOverdueReminders: null, sendAtHour: 10 },
      version: 3,
    });
  });

  it('names each wrong field and keeps what was typed', () => {
    const read = readReminderSettingsForm(
      typed({ daysBefore: '5, five', overdueEveryWorkingDays: '0', sendAtHour: '7' }),
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.form.errors.summary.map((item) => item.href)).toEqual([
      '#daysBefore',
      '#overdueEveryWorkingDays',
      '#sendAtHour',
    ]);
    expect(read.form.values.daysBefore).toBe('5, five');
  });

  it('treats a form without a version as stale', () => {
    const read = readReminderSettingsForm(typed({ version: '' }));
    expect(read.ok && read.version).toBe(0);
  });

  it('says the hours and settings in words', () => {
    expect([8, 12, 17].map(hourInWords)).toEqual(['8am', '12 noon', '5pm']);
    expect(describeSettings(DEFAULT_REMINDER_SETTINGS)[0]).toEqual({
      key: 'Working days before the due date',
      value: '5, 1',
    });
  });
});
