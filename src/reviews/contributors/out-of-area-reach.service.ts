import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OutOfAreaReach } from '../../access/instance-membership';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Tells the access guard whose review a person of another partnership reaches: one their own
 * partnership is recorded as contributing to, and that they sit on. Read before any tenancy scope
 * applies (as authentication is), returning an id only; a stray membership without a contributing
 * partnership reaches nothing.
 */
@Injectable()
export class OutOfAreaReachService implements OutOfAreaReach {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async partnershipReached(instanceId: string, personId: string): Promise<string | null> {
    if (!UUID.test(instanceId) || !UUID.test(personId)) return null;
    const rows: Array<{ partnership_id: string }> = await this.dataSource.query(
      `SELECT c.partnership_id FROM review_contributors c
        WHERE c.instance_id = $1
          AND EXISTS (SELECT 1 FROM partnership_members pm
                       WHERE pm.partnership_id = c.contributing_partnership_id AND pm.person_id = $2)
          AND EXISTS (SELECT 1 FROM instance_members m WHERE m.instance_id = $1 AND m.person_id = $2)
        LIMIT 1`,
      [instanceId, personId],
    );
    return rows[0]?.partnership_id ?? null;
  }
}
