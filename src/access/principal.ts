import { partnershipScope, TenancyScope } from '../database/tenancy';
import type { PartnershipRole } from '../../workflows/shared/roles';

/** A person's place in one partnership, as read when they authenticate. */
export interface Membership {
  partnershipId: string;
  agencyId: string | null;
  roles: readonly PartnershipRole[];
}

/** The authenticated person behind a request, and how they proved it. */
export interface Principal {
  personId: string;
  displayName: string;
  memberships: readonly Membership[];
  authenticatedBy: 'session' | 'token';
}

export function partnershipIdsOf(principal: Principal): string[] {
  return principal.memberships.map((membership) => membership.partnershipId);
}

/** The person's roles in a partnership, or null when they do not belong to it. */
export function rolesIn(
  principal: Principal,
  partnershipId: string,
): readonly PartnershipRole[] | null {
  return (
    principal.memberships.find((membership) => membership.partnershipId === partnershipId)?.roles ??
    null
  );
}

/**
 * The tenancy scope a person's database work runs in: the one partnership the request acts in, or,
 * when it names none, every partnership the person belongs to. Pass it to `inScope`.
 */
export function scopeFor(principal: Principal, partnershipId?: string): TenancyScope {
  if (partnershipId === undefined) return partnershipScope(partnershipIdsOf(principal));
  return partnershipScope(rolesIn(principal, partnershipId) === null ? [] : [partnershipId]);
}
