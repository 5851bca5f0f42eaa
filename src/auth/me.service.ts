import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { PartnershipRole } from '../../workflows/shared/roles';
import { partnershipIdsOf, Principal } from '../access/principal';

export interface MeView {
  id: string;
  email: string;
  displayName: string;
  authenticatedBy: Principal['authenticatedBy'];
  partnerships: Array<{
    id: string;
    code: string;
    name: string;
    agency: { id: string; name: string } | null;
    roles: readonly PartnershipRole[];
  }>;
}

interface PartnershipRow {
  id: string;
  code: string;
  name: string;
  agency_id: string | null;
  agency_name: string | null;
  roles: PartnershipRole[];
}

/** Who the signed-in person is, read in system scope by their own id and memberships only. */
@Injectable()
export class MeService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async describe(principal: Principal): Promise<MeView> {
    const [person] = await this.dataSource.query<Array<{ email: string; display_name: string }>>(
      `SELECT email, display_name FROM people WHERE id = $1`,
      [principal.personId],
    );
    const rows: PartnershipRow[] = await this.dataSource.query(
      `SELECT p.id, p.code, p.name, a.id AS agency_id, a.name AS agency_name, m.roles
         FROM partnership_members m
         JOIN partnerships p ON p.id = m.partnership_id
         LEFT JOIN agencies a ON a.id = m.agency_id
        WHERE m.person_id = $1 AND m.partnership_id = ANY($2::uuid[])
        ORDER BY p.name`,
      [principal.personId, partnershipIdsOf(principal)],
    );
    return {
      id: principal.personId,
      email: person.email,
      displayName: person.display_name,
      authenticatedBy: principal.authenticatedBy,
      partnerships: rows.map((row) => ({
        id: row.id,
        code: row.code,
        name: row.name,
        agency:
          row.agency_id !== null && row.agency_name !== null
            ? { id: row.agency_id, name: row.agency_name }
            : null,
        roles: row.roles,
      })),
    };
  }
}
