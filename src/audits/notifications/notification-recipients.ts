import type { DataSource } from 'typeorm';
import type { PartnershipRole } from '../../../workflows/shared/roles';

/**
 * Who is to be told, and why: each person once, for the first reason in `order` that applies to
 * them (a business manager who also chairs the audit is told as the business manager).
 */
export class RecipientReasons<R extends string> {
  private readonly reasons = new Map<string, R>();

  constructor(private readonly order: readonly R[]) {}

  add(personId: string | null | undefined, reason: R): this {
    if (!personId) return this;
    const current = this.reasons.get(personId);
    if (current === undefined || this.order.indexOf(reason) < this.order.indexOf(current)) {
      this.reasons.set(personId, reason);
    }
    return this;
  }

  get personIds(): string[] {
    return [...this.reasons.keys()];
  }

  get size(): number {
    return this.reasons.size;
  }

  reasonOf(personId: string): R | undefined {
    return this.reasons.get(personId);
  }
}

/** The people holding any of `roles` across the partnership, with all their roles there. */
export async function partnershipRoleHolders(
  dataSource: DataSource,
  partnershipId: string,
  roles: readonly PartnershipRole[],
): Promise<Array<{ personId: string; roles: PartnershipRole[] }>> {
  const rows: Array<{ person_id: string; roles: PartnershipRole[] }> = await dataSource.query(
    `SELECT person_id, roles FROM partnership_members
      WHERE partnership_id = $1 AND roles && $2::text[] ORDER BY person_id`,
    [partnershipId, roles],
  );
  return rows.map((row) => ({ personId: row.person_id, roles: row.roles }));
}
