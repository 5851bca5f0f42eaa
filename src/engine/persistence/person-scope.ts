import type { DataSource, EntityManager } from 'typeorm';
import type { InstanceMembership, PartnershipMembership } from '../runtime/actor-context';

/** What the engine knows about a person acting or reading, read before row-level security applies. */
export interface PersonAccess {
  personId: string;
  /** False when there is no such person or they were deactivated. */
  active: boolean;
  partnerships: PartnershipMembership[];
  /** Their memberships of the instance named when entering the scope. */
  instanceMemberships: InstanceMembership[];
}

/**
 * Reads the person's own memberships, then switches the transaction to `reviews_app` with the
 * partnerships they may reach as its row-level security scope: those they belong to, plus the
 * partnership of an instance they sit on (so an out-of-area reviewer reaches their review). With
 * `instanceId` only that instance's membership counts, which keeps a command's cost independent
 * of how many instances the person sits on. One round trip: the statement is planned and
 * permission-checked as the connecting role, and the set_config calls take effect for the rest of
 * the transaction.
 */
/**
 * The select-list items that read the person's access and switch the transaction's scope; `$1` is
 * the person, `$2` the instance (null for reads across instances). Shared with the engine's lock
 * statement, which does this in the same round trip as locking the instance.
 */
export function personScopeColumns(forInstance: boolean): string {
  // Two shapes rather than one `$2 IS NULL OR ...`, so a cached generic plan never scans every
  // membership of a person who sits on many instances.
  const ofInstance = forInstance ? 'AND m.instance_id = $2::uuid' : 'AND $2::uuid IS NULL';
  const reachable = forInstance ? 'AND instance_id = $2::uuid' : '';
  return `
  (SELECT p.deactivated_at IS NULL FROM people p WHERE p.id = $1) AS person_active,
  (SELECT coalesce(json_agg(json_build_object(
      'partnershipId', pm.partnership_id, 'roles', pm.roles, 'agencyId', pm.agency_id)), '[]'::json)
     FROM partnership_members pm WHERE pm.person_id = $1) AS person_partnerships,
  (SELECT coalesce(json_agg(json_build_object('role', m.role, 'agencyId', m.agency_id)), '[]'::json)
     FROM instance_members m WHERE m.person_id = $1 ${ofInstance}) AS person_memberships,
  set_config('app.partnership_ids', coalesce((
    SELECT string_agg(DISTINCT s.partnership_id::text, ',') FROM (
      SELECT partnership_id FROM partnership_members WHERE person_id = $1
      UNION SELECT partnership_id FROM instance_members WHERE person_id = $1 ${reachable}) s), ''), true)
    AS person_scope,
  set_config('role', 'reviews_app', true) AS person_role`;
}

export interface PersonScopeRow {
  person_active: boolean | null;
  person_partnerships: PartnershipMembership[];
  person_memberships: InstanceMembership[];
}

export function personAccessOf(personId: string, row: PersonScopeRow): PersonAccess {
  return {
    personId,
    active: row.person_active === true,
    partnerships: row.person_partnerships,
    instanceMemberships: row.person_memberships,
  };
}

export async function enterPersonScope(
  manager: EntityManager,
  personId: string,
  instanceId: string | null = null,
): Promise<PersonAccess> {
  const rows: PersonScopeRow[] = await manager.query(
    `SELECT ${personScopeColumns(instanceId !== null)}`,
    [personId, instanceId],
  );
  return personAccessOf(personId, rows[0]);
}

/**
 * Runs `work` in one transaction scoped to what the person may see (see enterPersonScope). Feature
 * modules reading engine-adjacent data for a person use this, then filter instances with
 * `instanceVisibleToSql`.
 */
export async function inPersonScope<T>(
  dataSource: DataSource,
  personId: string,
  work: (manager: EntityManager, access: PersonAccess) => Promise<T>,
  instanceId: string | null = null,
): Promise<T> {
  return dataSource.transaction(async (manager) => {
    const access = await enterPersonScope(manager, personId, instanceId);
    return work(manager, access);
  });
}
