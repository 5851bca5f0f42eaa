import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { InstanceMembershipSource, InstanceStanding } from '../access/instance-membership';
import type { InstanceRole } from '../../workflows/shared/roles';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What the access guard asks of the engine: whose an instance is and the person's roles on it, read
 * from `workflow_instances` and `instance_members`. The guard's manager runs in the person's
 * partnership scope, so row-level security hides another partnership's instance (null).
 */
@Injectable()
export class EngineInstanceMembershipSource implements InstanceMembershipSource {
  async standing(
    manager: EntityManager,
    instanceId: string,
    personId: string,
  ): Promise<InstanceStanding | null> {
    if (!UUID.test(instanceId) || !UUID.test(personId)) return null;
    const rows: Array<{ partnership_id: string; roles: InstanceRole[] }> = await manager.query(
      `SELECT i.partnership_id,
              coalesce(array(SELECT m.role FROM instance_members m
                              WHERE m.instance_id = i.id AND m.person_id = $2
                              ORDER BY m.role), '{}') AS roles
         FROM workflow_instances i WHERE i.id = $1`,
      [instanceId, personId],
    );
    const row = rows[0];
    return row ? { partnershipId: row.partnership_id, roles: row.roles } : null;
  }
}
