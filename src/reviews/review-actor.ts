import type { EntityManager } from 'typeorm';
import type { AccessContext } from '../access/access-context';
import type { InstanceRole, PartnershipRole } from '../../workflows/shared/roles';
import { BUSINESS_UNIT } from '../../workflows/review-shared/review-permissions';

/** The person acting on one review: their roles in its partnership and on it, and their agencies. */
export interface ReviewActor {
  personId: string;
  partnershipRoles: readonly PartnershipRole[];
  instanceRoles: readonly InstanceRole[];
  /** Agencies they represent on this review as its agency safeguarding lead. */
  leadForAgencies: readonly string[];
}

/** Reads the person's memberships of the review, in the request's scope. */
export async function reviewActor(
  manager: EntityManager,
  access: AccessContext,
  instanceId: string,
  partnershipId: string,
): Promise<ReviewActor> {
  const membership = access.principal.memberships.find(
    (entry) => entry.partnershipId === partnershipId,
  );
  const rows: Array<{ role: InstanceRole; agency_id: string | null }> = await manager.query(
    `SELECT role, agency_id FROM instance_members WHERE instance_id = $1 AND person_id = $2`,
    [instanceId, access.principal.personId],
  );
  const leads = rows.filter((row) => row.role === 'agency-safeguarding-lead');
  return {
    personId: access.principal.personId,
    partnershipRoles: membership?.roles ?? [],
    instanceRoles: [...new Set(rows.map((row) => row.role))],
    // A lead on the review acts for the agency they were added for, else their own agency.
    leadForAgencies: [
      ...new Set(
        leads.flatMap((row) => {
          const agency = row.agency_id ?? membership?.agencyId ?? null;
          return agency ? [agency] : [];
        }),
      ),
    ],
  };
}

export function isBusinessUnit(actor: ReviewActor): boolean {
  return BUSINESS_UNIT.some((role) => actor.partnershipRoles.includes(role));
}

/** The business unit prepares any agency's return; an agency's lead on the review, their own. */
export function mayPrepareReturn(actor: ReviewActor, agencyId: string): boolean {
  return isBusinessUnit(actor) || actor.leadForAgencies.includes(agencyId);
}

export function isOnPanel(actor: ReviewActor): boolean {
  return (
    actor.instanceRoles.includes('panel-member') || actor.instanceRoles.includes('panel-chair')
  );
}
