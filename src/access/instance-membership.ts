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

/**
 * Implemented by the reviews module: for a person outside an audit's or review's partnership, the
 * partnership whose review they reach because their own partnership is recorded as contributing to
 * it and they sit on it (an out-of-area review); null otherwise. Read before any tenancy scope
 * applies, like authentication. Absent, nobody reaches another partnership's instance.
 */
export interface OutOfAreaReach {
  partnershipReached(instanceId: string, personId: string): Promise<string | null>;
}

export const OUT_OF_AREA_REACH = Symbol('OUT_OF_AREA_REACH');
