/** Roles a person holds across one partnership (domain.md: "Who the users are"). */
export const PARTNERSHIP_ROLES = [
  'business-manager',
  'business-officer',
  'partnership-chair',
  'lead-safeguarding-partner',
  'board-member',
] as const;
export type PartnershipRole = (typeof PARTNERSHIP_ROLES)[number];

/**
 * The partnership roles that see every audit and review of their partnership. Everyone else,
 * including a board member (who reads dashboards and reports only), sees just those they are a
 * member of. The engine's visibility SQL and the access table both use this one list.
 */
export const WHOLE_PARTNERSHIP_ROLES = [
  'business-manager',
  'business-officer',
  'partnership-chair',
  'lead-safeguarding-partner',
] as const satisfies readonly PartnershipRole[];

export function seesWholePartnership(roles: readonly PartnershipRole[]): boolean {
  return roles.some((role) => (WHOLE_PARTNERSHIP_ROLES as readonly string[]).includes(role));
}

/** Roles a person holds on one audit or review (a membership of that instance). */
export const INSTANCE_ROLES = [
  'panel-chair',
  'panel-member',
  'independent-reviewer',
  'audit-group-member',
  'agency-safeguarding-lead',
  'action-owner',
] as const;
export type InstanceRole = (typeof INSTANCE_ROLES)[number];

/**
 * Who is acting, as a machine's guards and the engine's permission check see it: the person, their
 * roles in the instance's partnership, their memberships of this instance, and their agency.
 * `system` is the engine itself (e.g. a deadline passing).
 */
export interface ActorContext {
  kind: 'person' | 'system';
  personId: string | null;
  partnershipRoles: readonly PartnershipRole[];
  instanceRoles: readonly InstanceRole[];
  /** The agency the person represents in this partnership, if any. */
  agencyId: string | null;
}

export const SYSTEM_ACTOR: ActorContext = {
  kind: 'system',
  personId: null,
  partnershipRoles: [],
  instanceRoles: [],
  agencyId: null,
};
