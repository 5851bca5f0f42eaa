import type { EntityManager } from 'typeorm';
import type { InstanceRole } from '../../../workflows/shared/roles';
import type {
  InstanceMembershipSource,
  InstanceStanding,
} from '../../../src/access/instance-membership';

/**
 * Stands in for the workflow engine's membership query until it exists: instances and their
 * members kept in memory, hidden, as row-level security would hide them, when the manager's scope
 * does not include the instance's partnership.
 */
export class FakeInstanceMemberships implements InstanceMembershipSource {
  private readonly instances = new Map<
    string,
    { partnershipId: string; members: Map<string, InstanceRole[]> }
  >();

  add(instanceId: string, partnershipId: string, members: Record<string, InstanceRole[]>): void {
    this.instances.set(instanceId, { partnershipId, members: new Map(Object.entries(members)) });
  }

  async standing(
    manager: EntityManager,
    instanceId: string,
    personId: string,
  ): Promise<InstanceStanding | null> {
    const [scope] = await manager.query<Array<{ ids: string | null }>>(
      `SELECT current_setting('app.partnership_ids', true) AS ids`,
    );
    const visible = (scope.ids ?? '').split(',').filter(Boolean);
    const instance = this.instances.get(instanceId);
    if (!instance || !visible.includes(instance.partnershipId)) return null;
    return {
      partnershipId: instance.partnershipId,
      roles: instance.members.get(personId) ?? [],
    };
  }
}
