import { Injectable } from '@nestjs/common';
import type { AuditActor } from '../audit-actor';
import { AuditCommands } from '../audit-commands.service';
import { AuditErrorCode, AuditException } from '../audit.exception';
import { AuditsService, type AuditView } from '../audits/audits.service';
import type { RecordMeetingDto } from './dto/record-meeting.dto';

/**
 * The multi-agency audit meeting: MEETING_HELD carries only the moderated grade per case key; the
 * findings stay in the audit's own rows.
 */
@Injectable()
export class AuditMeetingService {
  constructor(
    private readonly commands: AuditCommands,
    private readonly audits: AuditsService,
  ) {}

  async record(
    actor: AuditActor,
    instanceId: string,
    dto: RecordMeetingDto,
    expectedVersion: number | undefined,
  ): Promise<AuditView> {
    const keys = dto.cases.map((entry) => entry.caseKey);
    const twice = keys.findIndex((key, index) => keys.indexOf(key) !== index);
    if (twice >= 0) {
      const field = `cases.${twice}.caseKey`;
      throw new AuditException(AuditErrorCode.InvalidAudit, `${field} names a case twice`, {
        errors: [{ field, message: `${field} names a case twice` }],
      });
    }
    await this.commands.scoped(actor, (manager) => this.audits.record(manager, instanceId));
    const moderatedGrades = Object.fromEntries(
      dto.cases.map((entry) => [entry.caseKey, entry.moderatedGrade]),
    );
    await this.commands.send(
      actor,
      instanceId,
      { type: 'MEETING_HELD', payload: { heldOn: dto.heldOn, moderatedGrades }, expectedVersion },
      async (manager, result) => {
        const now = new Date(result.event.occurredAt);
        for (const entry of dto.cases) {
          await manager.query(
            `UPDATE audit_cases SET moderated_grade = $3, findings = $4, moderated_at = $5,
                    moderated_by_person_id = $6
              WHERE instance_id = $1 AND case_key = $2`,
            [
              instanceId,
              entry.caseKey,
              entry.moderatedGrade,
              entry.findings?.trim() ?? null,
              now,
              actor.personId,
            ],
          );
        }
        await manager.query(
          `UPDATE audits SET meeting_held_on = $2, meeting_findings = $3 WHERE instance_id = $1`,
          [instanceId, dto.heldOn, dto.findings?.trim() ?? null],
        );
      },
    );
    return this.audits.get(actor, instanceId);
  }
}
