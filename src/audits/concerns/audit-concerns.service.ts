import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { IsoDate } from '../../calendar';
import { isUniqueViolation } from '../../people/people.exception';
import type { AuditActor } from '../audit-actor';
import { AuditCommands } from '../audit-commands.service';
import { AuditErrorCode, AuditException } from '../audit.exception';
import { AuditsService } from '../audits/audits.service';
import type { ConcernStatus } from '../persistence/immediate-concern.entity';
import type { ConcernActionedDto, RaiseConcernDto } from './dto/concern.dto';

export interface ConcernView {
  id: string;
  caseKey: string | null;
  concern: string;
  status: ConcernStatus;
  raisedOn: IsoDate;
  raisedAt: Date;
  raisedBy: { personId: string | null; displayName: string | null };
  raisedByAgencyId: string | null;
  actionTaken: string | null;
  actionedAt: Date | null;
  actionedBy: { personId: string | null; displayName: string | null } | null;
}

interface ConcernRow {
  id: string;
  case_key: string | null;
  concern: string;
  status: ConcernStatus;
  raised_on: string;
  raised_at: Date;
  raised_by_person_id: string | null;
  raised_by_name: string | null;
  raised_by_agency_id: string | null;
  action_taken: string | null;
  actioned_at: Date | null;
  actioned_by_person_id: string | null;
  actioned_by_name: string | null;
}

const CONCERN_SELECT = `SELECT k.id, c.case_key, k.concern, k.status, k.raised_on::text AS raised_on,
    k.raised_at, k.raised_by_person_id, rp.display_name AS raised_by_name, k.raised_by_agency_id,
    k.action_taken, k.actioned_at, k.actioned_by_person_id, ap.display_name AS actioned_by_name
  FROM immediate_concerns k
  LEFT JOIN audit_cases c ON c.id = k.case_id
  LEFT JOIN people rp ON rp.id = k.raised_by_person_id
  LEFT JOIN people ap ON ap.id = k.actioned_by_person_id`;

function viewOf(row: ConcernRow): ConcernView {
  return {
    id: row.id,
    caseKey: row.case_key,
    concern: row.concern,
    status: row.status,
    raisedOn: row.raised_on,
    raisedAt: row.raised_at,
    raisedBy: { personId: row.raised_by_person_id, displayName: row.raised_by_name },
    raisedByAgencyId: row.raised_by_agency_id,
    actionTaken: row.action_taken,
    actionedAt: row.actioned_at,
    actionedBy: row.actioned_at
      ? { personId: row.actioned_by_person_id, displayName: row.actioned_by_name }
      : null,
  };
}

/**
 * Immediate concerns about a child, raised by any auditor at any step without holding the audit
 * up. The workflow knows only the concern's id (and case key): CONCERN_RAISED puts an
 * `immediate-concern-raised` message in the outbox, and the worker emails the business manager
 * and the chairs at once without the text. Tracked until someone records what was done.
 */
@Injectable()
export class AuditConcernsService {
  constructor(
    private readonly commands: AuditCommands,
    private readonly audits: AuditsService,
  ) {}

  /** Raises a concern; repeating the request with the same idempotency key returns the first. */
  async raise(
    actor: AuditActor,
    instanceId: string,
    dto: RaiseConcernDto,
    idempotencyKey: string | undefined,
  ): Promise<{ concern: ConcernView; replayed: boolean }> {
    if (idempotencyKey) {
      const earlier = await this.earlier(actor, instanceId, idempotencyKey);
      if (earlier) return { concern: earlier, replayed: true };
    }
    const concernId = randomUUID();
    const payload: Record<string, unknown> = { concernId };
    if (dto.caseKey !== undefined) payload.caseKey = dto.caseKey;
    let concern: ConcernView;
    try {
      concern = await this.send(actor, instanceId, concernId, payload, dto, idempotencyKey);
    } catch (error) {
      // The same key raced in twice: the first one won; answer with it.
      const earlier =
        idempotencyKey && isUniqueViolation(error, 'uq_immediate_concerns_idempotency')
          ? await this.earlier(actor, instanceId, idempotencyKey)
          : null;
      if (!earlier) throw error;
      return { concern: earlier, replayed: true };
    }
    return { concern, replayed: false };
  }

  private async send(
    actor: AuditActor,
    instanceId: string,
    concernId: string,
    payload: Record<string, unknown>,
    dto: RaiseConcernDto,
    idempotencyKey: string | undefined,
  ): Promise<ConcernView> {
    return this.commands.send(
      actor,
      instanceId,
      { type: 'CONCERN_RAISED', payload },
      async (manager, result) => {
        await this.audits.record(manager, instanceId);
        const cases: Array<{ id: string }> =
          dto.caseKey === undefined
            ? []
            : await manager.query(
                `SELECT id FROM audit_cases WHERE instance_id = $1 AND case_key = $2`,
                [instanceId, dto.caseKey],
              );
        await manager.query(
          `INSERT INTO immediate_concerns (id, partnership_id, instance_id, case_id, concern, status,
             raised_at, raised_on, raised_by_person_id, raised_by_agency_id, idempotency_key)
           VALUES ($1, $2, $3, $4, $5, 'open', $6, $7, $8, $9, $10)`,
          [
            concernId,
            actor.partnershipId,
            instanceId,
            cases[0]?.id ?? null,
            dto.concern.trim(),
            new Date(result.event.occurredAt),
            this.commands.dateOf(result),
            actor.personId,
            actor.agencyId,
            idempotencyKey ?? null,
          ],
        );
        return this.one(manager, instanceId, concernId);
      },
    );
  }

  private async earlier(
    actor: AuditActor,
    instanceId: string,
    idempotencyKey: string,
  ): Promise<ConcernView | null> {
    return this.commands.scoped(actor, async (manager) => {
      await this.audits.record(manager, instanceId);
      const rows: ConcernRow[] = await manager.query(
        `${CONCERN_SELECT} WHERE k.instance_id = $1 AND k.raised_by_person_id = $2 AND k.idempotency_key = $3`,
        [instanceId, actor.personId, idempotencyKey],
      );
      return rows[0] ? viewOf(rows[0]) : null;
    });
  }

  /** Records what was done (CONCERN_ACTIONED); the concern stops being open. */
  async actioned(
    actor: AuditActor,
    instanceId: string,
    concernId: string,
    dto: ConcernActionedDto,
  ): Promise<ConcernView> {
    await this.commands.scoped(actor, (manager) => this.one(manager, instanceId, concernId));
    return this.commands.send(
      actor,
      instanceId,
      { type: 'CONCERN_ACTIONED', payload: { concernId } },
      async (manager, result) => {
        await manager.query(
          `UPDATE immediate_concerns SET status = 'actioned', action_taken = $3, actioned_at = $4,
                  actioned_by_person_id = $5
            WHERE id = $1 AND instance_id = $2`,
          [
            concernId,
            instanceId,
            dto.actionTaken.trim(),
            new Date(result.event.occurredAt),
            actor.personId,
          ],
        );
        return this.one(manager, instanceId, concernId);
      },
    );
  }

  async list(actor: AuditActor, instanceId: string): Promise<ConcernView[]> {
    return this.commands.scoped(actor, async (manager) => {
      await this.audits.record(manager, instanceId);
      const rows: ConcernRow[] = await manager.query(
        `${CONCERN_SELECT} WHERE k.instance_id = $1 ORDER BY k.raised_at, k.id`,
        [instanceId],
      );
      return rows.map(viewOf);
    });
  }

  private async one(
    manager: EntityManager,
    instanceId: string,
    concernId: string,
  ): Promise<ConcernView> {
    const rows: ConcernRow[] = await manager.query(
      `${CONCERN_SELECT} WHERE k.instance_id = $1 AND k.id = $2`,
      [instanceId, concernId],
    );
    if (!rows[0]) throw new AuditException(AuditErrorCode.ConcernNotFound);
    return viewOf(rows[0]);
  }
}
