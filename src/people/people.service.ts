import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { PartnershipRole } from '../../workflows/shared/roles';
import { PeopleException } from './people.exception';

/** A person as a member of one partnership. */
export interface MemberView {
  personId: string;
  email: string;
  displayName: string;
  agencyId: string | null;
  roles: PartnershipRole[];
  joinedAt: Date;
  active: boolean;
}

interface MemberRow {
  person_id: string;
  email: string;
  display_name: string;
  agency_id: string | null;
  roles: PartnershipRole[];
  created_at: Date;
  deactivated_at: Date | null;
}

const MEMBER_COLUMNS = `m.person_id, p.email, p.display_name, m.agency_id, m.roles, m.created_at, p.deactivated_at
  FROM partnership_members m JOIN people p ON p.id = m.person_id`;

function toView(row: MemberRow): MemberView {
  return {
    personId: row.person_id,
    email: row.email,
    displayName: row.display_name,
    agencyId: row.agency_id,
    roles: row.roles,
    joinedAt: row.created_at,
    active: row.deactivated_at === null,
  };
}

export interface AddMemberInput {
  email: string;
  displayName: string;
  agencyId?: string | null;
}

/**
 * People and their partnership roles. Every method works in the caller's transaction and scope:
 * a person-scoped manager (row-level security by partnership) from the API, the system scope from
 * the command-line tool and the demo seed. The same code serves both.
 */
@Injectable()
export class PeopleService {
  /**
   * Adds someone to a partnership by email: the same person if the address is already known (they
   * may serve another partnership too), otherwise a new one.
   */
  async addMember(
    manager: EntityManager,
    partnershipId: string,
    input: AddMemberInput,
  ): Promise<MemberView> {
    const agencyId = input.agencyId ?? null;
    if (agencyId !== null) await this.requireAgency(manager, partnershipId, agencyId);
    const [person] = await manager.query<Array<{ id: string }>>(
      `SELECT app_person_for_email($1, $2) AS id`,
      [input.email.trim(), input.displayName.trim()],
    );
    const inserted: unknown[] = await manager.query(
      `INSERT INTO partnership_members (partnership_id, person_id, agency_id, roles)
       VALUES ($1, $2, $3, '{}')
       ON CONFLICT (partnership_id, person_id) DO NOTHING
       RETURNING id`,
      [partnershipId, person.id, agencyId],
    );
    if (inserted.length === 0) throw new PeopleException('already-a-member');
    return this.member(manager, partnershipId, person.id);
  }

  /**
   * Sets a member's partnership roles exactly. Refused when it would leave the partnership without
   * a business manager.
   */
  async setRoles(
    manager: EntityManager,
    partnershipId: string,
    personId: string,
    roles: readonly PartnershipRole[],
  ): Promise<MemberView> {
    const [current] = await manager.query<Array<{ roles: PartnershipRole[] } | undefined>>(
      `SELECT roles FROM partnership_members WHERE partnership_id = $1 AND person_id = $2 FOR UPDATE`,
      [partnershipId, personId],
    );
    if (!current) throw new PeopleException('not-a-member');
    await manager.query(
      `UPDATE partnership_members SET roles = $3 WHERE partnership_id = $1 AND person_id = $2`,
      [partnershipId, personId, [...new Set(roles)]],
    );
    if (current.roles.includes('business-manager') && !roles.includes('business-manager')) {
      const [left] = await manager.query<Array<{ count: number }>>(
        `SELECT count(*)::int AS count FROM partnership_members
          WHERE partnership_id = $1 AND 'business-manager' = ANY (roles)`,
        [partnershipId],
      );
      if (left.count === 0) throw new PeopleException('last-business-manager');
    }
    return this.member(manager, partnershipId, personId);
  }

  /** Sets the agency a member represents in the partnership; null when they represent none. */
  async setAgency(
    manager: EntityManager,
    partnershipId: string,
    personId: string,
    agencyId: string | null,
  ): Promise<MemberView> {
    if (agencyId !== null) await this.requireAgency(manager, partnershipId, agencyId);
    // Wrapped in a SELECT: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
    const updated: unknown[] = await manager.query(
      `WITH updated AS (UPDATE partnership_members SET agency_id = $3
                         WHERE partnership_id = $1 AND person_id = $2 RETURNING id)
       SELECT id FROM updated`,
      [partnershipId, personId, agencyId],
    );
    if (updated.length === 0) throw new PeopleException('not-a-member');
    return this.member(manager, partnershipId, personId);
  }

  /** Adds roles to those a member already holds. */
  async grantRoles(
    manager: EntityManager,
    partnershipId: string,
    personId: string,
    roles: readonly PartnershipRole[],
  ): Promise<MemberView> {
    const member = await this.member(manager, partnershipId, personId);
    return this.setRoles(manager, partnershipId, personId, [...member.roles, ...roles]);
  }

  async listMembers(manager: EntityManager, partnershipId: string): Promise<MemberView[]> {
    const rows: MemberRow[] = await manager.query(
      `SELECT ${MEMBER_COLUMNS} WHERE m.partnership_id = $1 ORDER BY p.display_name, p.email`,
      [partnershipId],
    );
    return rows.map(toView);
  }

  async member(
    manager: EntityManager,
    partnershipId: string,
    personId: string,
  ): Promise<MemberView> {
    const rows: MemberRow[] = await manager.query(
      `SELECT ${MEMBER_COLUMNS} WHERE m.partnership_id = $1 AND m.person_id = $2`,
      [partnershipId, personId],
    );
    if (rows.length === 0) throw new PeopleException('not-a-member');
    return toView(rows[0]);
  }

  /** A person's id by email, among the people the manager's scope can see. */
  async personIdByEmail(manager: EntityManager, email: string): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT id FROM people WHERE lower(email) = lower($1)`,
      [email.trim()],
    );
    if (rows.length === 0) throw new PeopleException('person-not-found');
    return rows[0].id;
  }

  private async requireAgency(
    manager: EntityManager,
    partnershipId: string,
    agencyId: string,
  ): Promise<void> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM agencies WHERE id = $1 AND partnership_id = $2`,
      [agencyId, partnershipId],
    );
    if (rows.length === 0) throw new PeopleException('agency-not-found');
  }
}
