import type { EntityManager } from 'typeorm';
import type { ReminderDelivery } from '../policy';
import type { ReminderTaskRow } from '../planning/task-row';
import type { InstanceMemberRow, PartnershipMemberRow, TaskPeople } from './recipients';

/** What an email needs about its recipient. The address goes to SMTP and nowhere else. */
export interface Contact {
  personId: string;
  email: string;
  displayName: string;
  delivery: ReminderDelivery;
}

/** The active people of the task's instance and partnership who can receive its emails. */
export async function loadTaskPeople(
  manager: EntityManager,
  task: ReminderTaskRow,
): Promise<TaskPeople> {
  const instanceMembers: Array<{
    person_id: string;
    role: InstanceMemberRow['role'];
    agency_id: string | null;
  }> = await manager.query(
    `SELECT m.person_id, m.role, m.agency_id FROM instance_members m
         JOIN people p ON p.id = m.person_id AND p.deactivated_at IS NULL
        WHERE m.instance_id = $1 ORDER BY m.added_at, m.id`,
    [task.instanceId],
  );
  const partnershipMembers: Array<{ person_id: string; roles: PartnershipMemberRow['roles'] }> =
    await manager.query(
      `SELECT pm.person_id, pm.roles FROM partnership_members pm
         JOIN people p ON p.id = pm.person_id AND p.deactivated_at IS NULL
        WHERE pm.partnership_id = $1 AND cardinality(pm.roles) > 0 ORDER BY pm.created_at, pm.id`,
      [task.partnershipId],
    );
  let namedPersonActive = false;
  if (task.assignee.personId !== null) {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM people WHERE id = $1 AND deactivated_at IS NULL`,
      [task.assignee.personId],
    );
    namedPersonActive = rows.length > 0;
  }
  return {
    namedPersonActive,
    instanceMembers: instanceMembers.map((row) => ({
      personId: row.person_id,
      role: row.role,
      agencyId: row.agency_id,
    })),
    partnershipMembers: partnershipMembers.map((row) => ({
      personId: row.person_id,
      roles: row.roles,
    })),
  };
}

export async function loadContacts(
  manager: EntityManager,
  personIds: readonly string[],
): Promise<Map<string, Contact>> {
  if (personIds.length === 0) return new Map();
  const rows: Array<{
    id: string;
    email: string;
    display_name: string;
    delivery: ReminderDelivery | null;
  }> = await manager.query(
    `SELECT p.id, p.email, p.display_name, rp.delivery FROM people p
         LEFT JOIN reminder_preferences rp ON rp.person_id = p.id
        WHERE p.id = ANY($1::uuid[]) AND p.deactivated_at IS NULL`,
    [personIds],
  );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        personId: row.id,
        email: row.email,
        displayName: row.display_name,
        delivery: row.delivery ?? 'individual',
      },
    ]),
  );
}

export async function agencyNameOf(
  manager: EntityManager,
  agencyId: string | null,
): Promise<string | null> {
  if (agencyId === null) return null;
  const rows: Array<{ name: string }> = await manager.query(
    `SELECT name FROM agencies WHERE id = $1`,
    [agencyId],
  );
  return rows[0]?.name ?? null;
}
