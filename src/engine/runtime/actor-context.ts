import type { ActorContext, InstanceRole, PartnershipRole } from '../../../workflows/shared/roles';
import { seesWholePartnership } from '../../../workflows/shared/roles';
import type { TaskAssignment } from './tasks';

/** A person's place in one partnership, as stored in `partnership_members`. */
export interface PartnershipMembership {
  partnershipId: string;
  roles: PartnershipRole[];
  agencyId: string | null;
}

/** A person's role on one instance, as stored in `instance_members`. */
export interface InstanceMembership {
  role: InstanceRole;
  agencyId: string | null;
}

/** The ActorContext machines and permissions see for a person acting on one instance. */
export function personActorContext(
  personId: string,
  partnership: PartnershipMembership | undefined,
  memberships: readonly InstanceMembership[],
): ActorContext {
  return {
    kind: 'person',
    personId,
    partnershipRoles: partnership?.roles ?? [],
    instanceRoles: [...new Set(memberships.map((membership) => membership.role))],
    agencyId:
      partnership?.agencyId ??
      memberships.find((membership) => membership.agencyId)?.agencyId ??
      null,
  };
}

/**
 * The rule for who may see an instance (as `instanceVisibleToSql`): a member of it, or anyone
 * holding one of `WHOLE_PARTNERSHIP_ROLES` in its partnership.
 */
export function canSeeInstance(
  partnership: PartnershipMembership | undefined,
  memberships: readonly InstanceMembership[],
): boolean {
  return memberships.length > 0 || seesWholePartnership(partnership?.roles ?? []);
}

/** Step keys of the open tasks the actor holds (same rule as `taskHeldBySql`). */
export function heldStepKeys(
  actor: ActorContext,
  memberships: readonly InstanceMembership[],
  openTasks: ReadonlyArray<{ stepKey: string; assignment: TaskAssignment }>,
): string[] {
  const held = openTasks.filter(({ assignment }) => {
    switch (assignment.kind) {
      case 'person':
        return assignment.personId !== null && assignment.personId === actor.personId;
      case 'instance-role':
        return actor.instanceRoles.some((role) => role === assignment.role);
      case 'partnership-role':
        return actor.partnershipRoles.some((role) => role === assignment.role);
      case 'each-agency':
        return memberships.some((membership) => membership.agencyId === assignment.agencyId);
      default:
        return false;
    }
  });
  return [...new Set(held.map((task) => task.stepKey))];
}
