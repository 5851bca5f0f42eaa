import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { PartnershipRole } from '../../workflows/shared/roles';
import type { Principal } from '../access/principal';

interface PersonRow {
  id: string;
  display_name: string;
}

interface MembershipRow {
  partnership_id: string;
  agency_id: string | null;
  roles: PartnershipRole[];
}

/**
 * Builds the principal for an authenticated person. Reads in system scope, by the person's id only:
 * their own memberships are what decides which partnerships their later work is scoped to.
 */
@Injectable()
export class PrincipalLoader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Null when the person does not exist or has been deactivated. */
  async load(
    personId: string,
    authenticatedBy: Principal['authenticatedBy'],
  ): Promise<Principal | null> {
    const people: PersonRow[] = await this.dataSource.query(
      `SELECT id, display_name FROM people WHERE id = $1 AND deactivated_at IS NULL`,
      [personId],
    );
    if (people.length === 0) return null;
    const memberships: MembershipRow[] = await this.dataSource.query(
      `SELECT partnership_id, agency_id, roles FROM partnership_members WHERE person_id = $1 ORDER BY created_at`,
      [personId],
    );
    return {
      personId,
      displayName: people[0].display_name,
      memberships: memberships.map((row) => ({
        partnershipId: row.partnership_id,
        agencyId: row.agency_id,
        roles: row.roles,
      })),
      authenticatedBy,
    };
  }
}
