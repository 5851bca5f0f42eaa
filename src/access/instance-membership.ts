import type { EntityManager } from 'typeorm';
import type { InstanceRole } from '../../workflows/shared/roles';

/** An audit or review as the access guard needs it: whose it is, and the person's roles on it. */
export interface InstanceStanding {
  partnershipId: string;
  roles: readonly InstanceRole[];
}

/**
 * Implemented by the workflow engine (over `instance_members`) and provided under
 * `INSTANCE_MEMBERSHIP_SOURCE` in any module. `manager` runs in the person's partnership scope, so an
 * instance of another partnership is simply absent (null), as is one that does not exist.
 */
export interface InstanceMembershipSource {
  standing(
    manager: EntityManager,
    instanceId: string,
    personId: string,
  ): Promise<InstanceStanding | null>;
}

export const INSTANCE_MEMBERSHIP_SOURCE = Symbol('INSTANCE_MEMBERSHIP_SOURCE');
