import { EmailLog } from './email-log.entity';
import { ReminderPreference } from './reminder-preference.entity';
import { ReminderSettingsRow } from './reminder-settings.entity';
import { Reminder } from './reminder.entity';

/** The reminder system's tables, for `src/database/entities.ts`. */
export const REMINDER_ENTITIES = [Reminder, EmailLog, ReminderSettingsRow, ReminderPreference];
