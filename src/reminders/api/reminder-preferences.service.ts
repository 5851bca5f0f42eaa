import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ReminderDelivery } from '../policy';

export interface ReminderPreferencesView {
  delivery: ReminderDelivery;
}

/** How a person hears about their tasks: separate reminders (the default) or one daily digest. */
@Injectable()
export class ReminderPreferencesService {
  async get(manager: EntityManager, personId: string): Promise<ReminderPreferencesView> {
    const rows: Array<{ delivery: ReminderDelivery }> = await manager.query(
      `SELECT delivery FROM reminder_preferences WHERE person_id = $1`,
      [personId],
    );
    return { delivery: rows[0]?.delivery ?? 'individual' };
  }

  async set(
    manager: EntityManager,
    personId: string,
    delivery: ReminderDelivery,
    now: Date,
  ): Promise<ReminderPreferencesView> {
    await manager.query(
      `INSERT INTO reminder_preferences (person_id, delivery, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (person_id) DO UPDATE SET delivery = EXCLUDED.delivery, updated_at = EXCLUDED.updated_at`,
      [personId, delivery, now],
    );
    return { delivery };
  }
}
