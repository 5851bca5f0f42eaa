import {
  DEFAULT_REMINDER_SETTINGS,
  InvalidReminderSettingsError,
  resolveReminderSettings,
  validateReminderSettings,
} from './reminder-settings';

describe('reminder settings', () => {
  it('defaults to 5 and 1 working days before, the due date, every 2 working days overdue, escalation after 2, at 09:00', () => {
    expect(DEFAULT_REMINDER_SETTINGS).toEqual({
      daysBefore: [5, 1],
      onDueDate: true,
      overdueEveryWorkingDays: 2,
      escalateAfterOverdueReminders: 2,
      sendAtHour: 9,
    });
    expect(validateReminderSettings(DEFAULT_REMINDER_SETTINGS)).toEqual([]);
  });

  it('lets a partnership override some numbers and keeps the defaults for the rest', () => {
    expect(resolveReminderSettings({ daysBefore: [3], sendAtHour: 10 })).toEqual({
      ...DEFAULT_REMINDER_SETTINGS,
      daysBefore: [3],
      sendAtHour: 10,
    });
  });

  it.each([
    ['daysBefore', { daysBefore: 5 }, /list of working days/],
    ['daysBefore', { daysBefore: [0] }, /from 1 to 60/],
    ['daysBefore', { daysBefore: [2.5] }, /whole numbers/],
    ['daysBefore', { daysBefore: [3, 3] }, /must not repeat/],
    ['daysBefore', { daysBefore: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }, /at most 10/],
    ['onDueDate', { onDueDate: 'yes' }, /true or false/],
    ['overdueEveryWorkingDays', { overdueEveryWorkingDays: 0 }, /from 1 to 20/],
    ['escalateAfterOverdueReminders', { escalateAfterOverdueReminders: 0 }, /or null/],
    ['sendAtHour', { sendAtHour: 23 }, /never at night/],
    ['sendAtHour', { sendAtHour: 7 }, /from 8 to 17/],
    ['reminderEmailsOn', { reminderEmailsOn: true }, /is not a reminder setting/],
  ])('names the field %s when it is wrong', (field, change, message) => {
    const problems = validateReminderSettings({ ...DEFAULT_REMINDER_SETTINGS, ...change });
    expect(problems).toEqual([{ field, message: expect.stringMatching(message) }]);
  });

  it('allows no reminders before the due date and no escalation', () => {
    expect(
      resolveReminderSettings({ daysBefore: [], escalateAfterOverdueReminders: null }),
    ).toMatchObject({ daysBefore: [], escalateAfterOverdueReminders: null });
  });

  it('refuses to resolve invalid overrides, listing every problem by field', () => {
    let error: unknown;
    try {
      resolveReminderSettings({ sendAtHour: 3, overdueEveryWorkingDays: -1 });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(InvalidReminderSettingsError);
    expect((error as InvalidReminderSettingsError).problems.map((p) => p.field)).toEqual([
      'overdueEveryWorkingDays',
      'sendAtHour',
    ]);
  });

  it('refuses something that is not an object', () => {
    expect(validateReminderSettings(null)).toEqual([
      { field: 'settings', message: 'Reminder settings must be an object' },
    ]);
  });
});
