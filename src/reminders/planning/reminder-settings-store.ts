import type { EntityManager } from 'typeorm';
import {
  DEFAULT_REMINDER_SETTINGS,
  resolveReminderSettings,
  validateReminderSettings,
  type ReminderSettings,
} from '../policy';

export interface StoredReminderSettings {
  settings: ReminderSettings;
  /** 1 when the partnership never changed anything; each save adds one. */
  version: number;
}

/**
 * A partnership's reminder settings as stored (overrides on the defaults). Stored overrides that
 * no longer validate fall back to the defaults rather than stop every reminder of the partnership;
 * the settings API refuses to store such values in the first place.
 */
export async function loadReminderSettings(
  manager: EntityManager,
  partnershipId: string,
): Promise<StoredReminderSettings> {
  const rows: Array<{ overrides: Partial<ReminderSettings>; version: number }> =
    await manager.query(
      `SELECT overrides, version FROM reminder_settings WHERE partnership_id = $1`,
      [partnershipId],
    );
  const row = rows[0];
  if (!row) return { settings: DEFAULT_REMINDER_SETTINGS, version: 1 };
  const merged = { ...DEFAULT_REMINDER_SETTINGS, ...row.overrides };
  return validateReminderSettings(merged).length === 0
    ? { settings: resolveReminderSettings(row.overrides), version: row.version }
    : { settings: DEFAULT_REMINDER_SETTINGS, version: row.version };
}
