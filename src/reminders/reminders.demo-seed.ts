import type { DataSource } from 'typeorm';
import { BusinessCalendar } from '../calendar';
import { SystemClock, type Clock } from '../common/clock';
import { ReminderPlanner } from './planning/reminder-planner';

export interface RemindersDemo {
  /** The demo partnership chair, who chose the daily digest. */
  digestPersonId: string;
  /** Reminders planned for the partnership's open tasks. */
  planned: number;
}

const DEMO_CODE = 'RSCP';
const DIGEST_EMAIL = 'chair@riverside.example';

/**
 * Live reminders for the demo partnership: every open task gets its planned reminders (the
 * worker's reconcile sweep gives them their delayed jobs, and the development mailbox shows them
 * as they go out), and the partnership chair takes the daily digest instead of separate reminders
 * (escalations still come on their own). Run it after the demo seed and the features' own demo
 * seeds, which open the tasks. Returns null, changing nothing, when there is no demo partnership
 * or the chair already chose.
 */
export async function seedRemindersDemo(
  dataSource: DataSource,
  options: { clock?: Clock } = {},
): Promise<RemindersDemo | null> {
  const clock = options.clock ?? new SystemClock();
  const chair: Array<{ person_id: string; partnership_id: string; chosen: boolean }> =
    await dataSource.query(
      `SELECT pm.person_id, pm.partnership_id,
              EXISTS (SELECT 1 FROM reminder_preferences rp WHERE rp.person_id = pm.person_id) AS chosen
         FROM partnership_members pm
         JOIN partnerships pa ON pa.id = pm.partnership_id AND pa.code = $1
         JOIN people p ON p.id = pm.person_id AND lower(p.email) = $2`,
      [DEMO_CODE, DIGEST_EMAIL],
    );
  const found = chair[0];
  if (!found || found.chosen) return null;
  await dataSource.query(
    `INSERT INTO reminder_preferences (person_id, delivery, updated_at) VALUES ($1, 'daily-digest', $2)`,
    [found.person_id, clock.now()],
  );
  const planner = new ReminderPlanner(dataSource, new BusinessCalendar(), clock);
  const changes = await planner.syncPartnership(found.partnership_id);
  return { digestPersonId: found.person_id, planned: changes.schedule.length };
}
