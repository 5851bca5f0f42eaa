import type { InstanceRole, PartnershipRole } from '../../workflows/shared/roles';
import { INSTANCE_ROLES, seesWholePartnership } from '../../workflows/shared/roles';
import { Action, Audience, PERMISSION_TABLE, PermissionRule } from './permission-table';

/** Where a person stands towards the target of an action. */
export interface Standing {
  /** Their roles in the target's partnership; null when they do not belong to it. */
  partnershipRoles: readonly PartnershipRole[] | null;
  /** Their roles on the target audit or review; empty when none or when the target is not one. */
  instanceRoles: readonly InstanceRole[];
}

export type Decision =
  { outcome: 'allow' } | { outcome: 'refuse'; reason: string } | { outcome: 'not-found' };

const INSTANCE_ROLE_SET: ReadonlySet<string> = new Set(INSTANCE_ROLES);

function admits(audience: Audience, standing: Standing): boolean {
  switch (audience) {
    case 'signed-in':
      return true;
    case 'partnership-member':
      return standing.partnershipRoles !== null;
    case 'instance-member':
      return standing.instanceRoles.length > 0;
    default:
      return INSTANCE_ROLE_SET.has(audience)
        ? standing.instanceRoles.includes(audience as InstanceRole)
        : (standing.partnershipRoles ?? []).includes(audience as PartnershipRole);
  }
}

/** True when anything in the rule's audience admits this standing. */
export function grants(rule: PermissionRule, standing: Standing): boolean {
  return rule.allow.some((audience) => admits(audience, standing));
}

/**
 * True when these partnership roles alone let a person see every audit and review of the
 * partnership (`WHOLE_PARTNERSHIP_ROLES`, the list the engine's visibility SQL uses too); otherwise
 * they see only those they are a member of.
 */
export { seesWholePartnership };

/** The one visibility rule: a member of the audit or review, or a role that sees them all. */
function seesInstance(standing: Standing): boolean {
  return standing.instanceRoles.length > 0 || seesWholePartnership(standing.partnershipRoles ?? []);
}

/**
 * The one access decision. Outside the target's partnership, or unable to see the target audit or
 * review, the answer is "not found", so nobody learns what exists; able to see it but not allowed
 * to act, the answer is a refusal with the reason.
 */
export function decide(action: Action, standing: Standing): Decision {
  const rule: PermissionRule = PERMISSION_TABLE[action];
  switch (rule.scope) {
    case 'self':
      return grants(rule, standing)
        ? { outcome: 'allow' }
        : { outcome: 'refuse', reason: rule.refusal };
    case 'partnership':
      if (standing.partnershipRoles === null) return { outcome: 'not-found' };
      break;
    case 'instance':
      if (standing.partnershipRoles === null) return { outcome: 'not-found' };
      if (!seesInstance(standing)) return { outcome: 'not-found' };
      break;
  }
  return grants(rule, standing)
    ? { outcome: 'allow' }
    : { outcome: 'refuse', reason: rule.refusal };
}
