import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  DEFAULT_REMINDER_SETTINGS,
  validateReminderSettings,
  type ReminderSettings,
} from '../policy';
import { loadReminderSettings } from '../planning/reminder-settings-store';
import { RemindersErrorCode, RemindersException } from '../reminders.exception';

export interface ReminderSettingsView {
  /** What applies: the defaults with the partnership's changes. */
  settings: ReminderSettings;
  /** Only what the partnership changed. */
  overrides: Partial<ReminderSettings>;
  defaults: ReminderSettings;
  /** Send it back as `If-Match: "<version>"` when changing them; 1 until the first change. */
  version: number;
}

/** The version of a partnership that never changed its settings (entity tags start at 1). */
export const DEFAULTS_VERSION = 1;

const FIELDS = Object.keys(DEFAULT_REMINDER_SETTINGS) as Array<keyof ReminderSettings>;

/**
 * A partnership's reminder numbers. Saving bumps the version; the worker's sweep then replans the
 * partnership's open tasks (in PostgreSQL, so a lost Redis loses no change).
 */
@Injectable()
export class ReminderSettingsService {
  async get(manager: EntityManager, partnershipId: string): Promise<ReminderSettingsView> {
    const rows: Array<{ overrides: Partial<ReminderSettings> }> = await manager.query(
      `SELECT overrides FROM reminder_settings WHERE partnership_id = $1`,
      [partnershipId],
    );
    const { settings, version } = await loadReminderSettings(manager, partnershipId);
    return {
      settings,
      overrides: rows[0]?.overrides ?? {},
      defaults: DEFAULT_REMINDER_SETTINGS,
      version,
    };
  }

  /** Replaces the partnership's changes with `overrides` (a field left out reverts to its default). */
  async replace(
    manager: EntityManager,
    partnershipId: string,
    personId: string,
    overrides: Partial<ReminderSettings>,
    expectedVersion: number,
    now: Date,
  ): Promise<ReminderSettingsView> {
    const given = Object.fromEntries(
      FIELDS.filter((field) => overrides[field] !== undefined).map((field) => [
        field,
        overrides[field],
      ]),
    ) as Partial<ReminderSettings>;
    const problems = validateReminderSettings({ ...DEFAULT_REMINDER_SETTINGS, ...given });
    if (problems.length > 0) {
      throw new RemindersException(
        RemindersErrorCode.InvalidSettings,
        problems.map((p) => p.message).join('; '),
        { errors: problems },
      );
    }
    const current: Array<{ version: number }> = await manager.query(
      `SELECT version FROM reminder_settings WHERE partnership_id = $1 FOR UPDATE`,
      [partnershipId],
    );
    const version = current[0]?.version ?? DEFAULTS_VERSION;
    if (expectedVersion !== version) {
      throw new RemindersException(
        RemindersErrorCode.VersionConflict,
        `The reminder settings have changed since version ${expectedVersion}; they are now at version ${version}.`,
        { currentVersion: version, expectedVersion },
      );
    }
    await manager.query(
      `INSERT INTO reminder_settings (partnership_id, overrides, version, applied_version, updated_at,
                                      updated_by_person_id)
       VALUES ($1, $2::jsonb, $5, 0, $3, $4)
       ON CONFLICT (partnership_id) DO UPDATE
          SET overrides = EXCLUDED.overrides, version = reminder_settings.version + 1,
              updated_at = EXCLUDED.updated_at, updated_by_person_id = EXCLUDED.updated_by_person_id`,
      [partnershipId, JSON.stringify(given), now, personId, DEFAULTS_VERSION + 1],
    );
    return this.get(manager, partnershipId);
  }
}
