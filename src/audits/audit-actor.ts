import { actingPartnershipId, type AccessContext } from '../access/access-context';
import type { TenancyScope } from '../database/tenancy';

/**
 * Who is acting on the audits module, as its services need it: the person, the partnership the
 * request acts in, and the tenancy scope their reads and writes run in. Built from the access
 * guard's context for HTTP, or directly by the demo seed.
 */
export interface AuditActor {
  personId: string;
  partnershipId: string;
  /** The agency the person represents in the partnership, if any. */
  agencyId: string | null;
  scope: TenancyScope;
}

export function auditActor(access: AccessContext): AuditActor {
  const partnershipId = actingPartnershipId(access);
  const membership = access.principal.memberships.find(
    (entry) => entry.partnershipId === partnershipId,
  );
  return {
    personId: access.principal.personId,
    partnershipId,
    agencyId: membership?.agencyId ?? null,
    scope: access.scope,
  };
}
