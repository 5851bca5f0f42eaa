import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { InstanceReader } from '../../engine/instance-reader.service';
import type { Grade } from '../../../workflows/case-file-audit/grades';
import type { ReturnStatus } from '../../../workflows/case-file-audit/case-file-audit.types';
import type { InstanceRole } from '../../../workflows/shared/roles';
import type { AuditActor } from '../audit-actor';
import { AuditCommands } from '../audit-commands.service';
import { AuditErrorCode, AuditException } from '../audit.exception';
import { AuditsService } from '../audits/audits.service';
import { AuditToolsService } from '../tools/audit-tools.service';
import type { AuditToolContent } from '../tools/audit-tool-content';
import type { ConfirmInvolvementDto, SaveReturnDto } from './dto/return.dto';
import { missingForSubmission, returnFitProblems, type ReturnContent } from './return-content';

/** The instance roles through which a person works on their own agency's returns. */
const AGENCY_ROLES: readonly InstanceRole[] = ['agency-safeguarding-lead', 'audit-group-member'];

export interface AuditReturnSummary {
  agencyId: string;
  agencyName: string;
  caseKey: string;
  status: ReturnStatus;
  version: number;
  late: boolean;
  submittedAt: Date | null;
  reopenCount: number;
}

export interface AuditReturnView extends AuditReturnSummary, ReturnContent {
  pseudonym: string;
  toolVersionId: string;
  firstSubmittedAt: Date | null;
  reopenReason: string | null;
  updatedAt: Date;
}

interface ReturnRow {
  id: string;
  agency_id: string;
  agency_name: string;
  case_key: string;
  pseudonym: string;
  status: ReturnStatus;
  version: number;
  late: boolean;
  tool_version_id: string;
  domain_grades: Record<string, Grade>;
  overall_grade: Grade | null;
  answers: Record<string, string>;
  strengths: string | null;
  areas_for_development: string | null;
  free_text: string | null;
  first_submitted_at: Date | null;
  submitted_at: Date | null;
  reopen_count: number;
  reopen_reason: string | null;
  updated_at: Date;
}

const RETURN_SELECT = `SELECT r.id, r.agency_id, a.name AS agency_name, c.case_key, c.pseudonym, r.status,
    r.version, r.late, r.tool_version_id, r.domain_grades, r.overall_grade, r.answers, r.strengths,
    r.areas_for_development, r.free_text, r.first_submitted_at, r.submitted_at, r.reopen_count,
    r.reopen_reason, r.updated_at
  FROM audit_returns r JOIN audit_cases c ON c.id = r.case_id JOIN agencies a ON a.id = r.agency_id`;

function contentOf(row: ReturnRow): ReturnContent {
  return {
    domainGrades: row.domain_grades,
    overallGrade: row.overall_grade,
    answers: row.answers,
    strengths: row.strengths,
    areasForDevelopment: row.areas_for_development,
    freeText: row.free_text,
  };
}

function summaryOf(row: ReturnRow): AuditReturnSummary {
  return {
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    caseKey: row.case_key,
    status: row.status,
    version: row.version,
    late: row.late,
    submittedAt: row.submitted_at,
    reopenCount: row.reopen_count,
  };
}

function viewOf(row: ReturnRow): AuditReturnView {
  return {
    ...summaryOf(row),
    ...contentOf(row),
    pseudonym: row.pseudonym,
    toolVersionId: row.tool_version_id,
    firstSubmittedAt: row.first_submitted_at,
    reopenReason: row.reopen_reason,
    updatedAt: row.updated_at,
  };
}

function blankToNull(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value;
}

/**
 * Each involved agency's return per case: created when the agency confirms contact, saved as a
 * draft and submitted by the agency's own people, reopened only by the business unit. Every
 * change sends its workflow event in the same transaction and raises the return's version.
 */
@Injectable()
export class AuditReturnsService {
  constructor(
    private readonly commands: AuditCommands,
    private readonly audits: AuditsService,
    private readonly tools: AuditToolsService,
    private readonly reader: InstanceReader,
  ) {}

  /** INVOLVEMENT_CONFIRMED; a not-started return for each case the agency had contact with. */
  async confirmInvolvement(
    actor: AuditActor,
    instanceId: string,
    dto: ConfirmInvolvementDto,
    expectedVersion: number | undefined,
  ): Promise<AuditReturnSummary[]> {
    const agencyId = dto.agencyId.toLowerCase();
    const caseKeys = [...dto.caseKeys];
    await this.commands.send(
      actor,
      instanceId,
      { type: 'INVOLVEMENT_CONFIRMED', payload: { agencyId, caseKeys }, expectedVersion },
      async (manager) => {
        const audit = await this.audits.record(manager, instanceId);
        await manager.query(
          `DELETE FROM audit_returns WHERE instance_id = $1 AND agency_id = $2 AND status = 'not-started'`,
          [instanceId, agencyId],
        );
        await manager.query(
          `INSERT INTO audit_returns (partnership_id, instance_id, case_id, agency_id, tool_version_id,
             status, version, updated_at, updated_by_person_id)
           SELECT $1, $2, c.id, $3, $4, 'not-started', 1, $5, $6
             FROM audit_cases c WHERE c.instance_id = $2 AND c.case_key = ANY($7::text[])
           ON CONFLICT (instance_id, case_id, agency_id) DO NOTHING`,
          [
            actor.partnershipId,
            instanceId,
            agencyId,
            audit.toolVersionId,
            this.commands.now(),
            actor.personId,
            caseKeys,
          ],
        );
      },
    );
    return this.list(actor, instanceId);
  }

  async list(actor: AuditActor, instanceId: string): Promise<AuditReturnSummary[]> {
    return this.commands.scoped(actor, async (manager) => {
      await this.audits.record(manager, instanceId);
      const rows: ReturnRow[] = await manager.query(
        `${RETURN_SELECT} WHERE r.instance_id = $1 ORDER BY a.name, c.case_key`,
        [instanceId],
      );
      return rows.map(summaryOf);
    });
  }

  async get(
    actor: AuditActor,
    instanceId: string,
    agencyId: string,
    caseKey: string,
  ): Promise<AuditReturnView> {
    return this.commands.scoped(actor, async (manager) =>
      viewOf(await this.row(manager, instanceId, agencyId, caseKey)),
    );
  }

  /** Saves the whole draft (RETURN_SAVED), refused when `version` is not the current one. */
  async save(
    actor: AuditActor,
    instanceId: string,
    agencyId: string,
    caseKey: string,
    version: number,
    dto: SaveReturnDto,
  ): Promise<AuditReturnView> {
    await this.requireOwnAgency(actor, instanceId, agencyId);
    const tool = await this.toolOf(actor, instanceId);
    const draft = {
      domainGrades: dto.domainGrades ?? {},
      answers: dto.answers ?? {},
    };
    const overallGrade = dto.overallGrade ?? null;
    const problems = returnFitProblems(tool, draft, overallGrade);
    if (problems.length > 0) {
      throw new AuditException(
        AuditErrorCode.InvalidReturn,
        problems.map((problem) => problem.message).join('; '),
        { errors: problems },
      );
    }
    return this.commands.send(
      actor,
      instanceId,
      { type: 'RETURN_SAVED', payload: { agencyId, caseKey } },
      async (manager) => {
        const row = await this.lockCurrent(manager, instanceId, agencyId, caseKey, version);
        await manager.query(
          `UPDATE audit_returns SET status = 'draft', domain_grades = $2, overall_grade = $3,
                  answers = $4, strengths = $5, areas_for_development = $6, free_text = $7,
                  version = version + 1, updated_at = $8, updated_by_person_id = $9
            WHERE id = $1`,
          [
            row.id,
            JSON.stringify(draft.domainGrades),
            overallGrade,
            JSON.stringify(draft.answers),
            blankToNull(dto.strengths),
            blankToNull(dto.areasForDevelopment),
            blankToNull(dto.freeText),
            this.commands.now(),
            actor.personId,
          ],
        );
        return viewOf(await this.row(manager, instanceId, agencyId, caseKey));
      },
    );
  }

  /** RETURN_SUBMITTED, once every domain is graded and the required fields are filled in. */
  async submit(
    actor: AuditActor,
    instanceId: string,
    agencyId: string,
    caseKey: string,
    version: number,
  ): Promise<AuditReturnView> {
    await this.requireOwnAgency(actor, instanceId, agencyId);
    const tool = await this.toolOf(actor, instanceId);
    return this.commands.send(
      actor,
      instanceId,
      { type: 'RETURN_SUBMITTED', payload: { agencyId, caseKey } },
      async (manager) => {
        const row = await this.lockCurrent(manager, instanceId, agencyId, caseKey, version);
        const missing = missingForSubmission(tool, contentOf(row));
        if (missing.length > 0) {
          throw new AuditException(
            AuditErrorCode.ReturnIncomplete,
            `The return is not complete: ${missing.map((entry) => entry.field).join(', ')}.`,
            { errors: missing },
          );
        }
        const audit = await this.audits.record(manager, instanceId);
        const now = this.commands.now();
        const late = row.late || (row.first_submitted_at === null && audit.auditsClosedOn !== null);
        await manager.query(
          `UPDATE audit_returns SET status = 'submitted', submitted_at = $2,
                  first_submitted_at = coalesce(first_submitted_at, $2), late = $3,
                  version = version + 1, updated_at = $2, updated_by_person_id = $4
            WHERE id = $1`,
          [row.id, now, late, actor.personId],
        );
        return viewOf(await this.row(manager, instanceId, agencyId, caseKey));
      },
    );
  }

  /** RETURN_REOPENED by the business unit, with the reason. */
  async reopen(
    actor: AuditActor,
    instanceId: string,
    agencyId: string,
    caseKey: string,
    version: number | undefined,
    reason: string,
  ): Promise<AuditReturnView> {
    return this.commands.send(
      actor,
      instanceId,
      { type: 'RETURN_REOPENED', payload: { agencyId, caseKey, reason: reason.trim() } },
      async (manager) => {
        const row = await this.lockCurrent(manager, instanceId, agencyId, caseKey, version);
        await manager.query(
          `UPDATE audit_returns SET status = 'reopened', reopen_count = reopen_count + 1,
                  reopen_reason = $2, version = version + 1, updated_at = $3, updated_by_person_id = $4
            WHERE id = $1`,
          [row.id, reason.trim(), this.commands.now(), actor.personId],
        );
        return viewOf(await this.row(manager, instanceId, agencyId, caseKey));
      },
    );
  }

  /**
   * Only the agency's own safeguarding lead or audit group members on this audit may write its
   * returns; everyone else is refused (403) before anything is sent.
   */
  private async requireOwnAgency(
    actor: AuditActor,
    instanceId: string,
    agencyId: string,
  ): Promise<void> {
    const instance = await this.reader.getInstance({ personId: actor.personId }, instanceId);
    const own = instance.members.some(
      (member) =>
        member.personId === actor.personId &&
        AGENCY_ROLES.includes(member.role) &&
        member.agencyId === agencyId,
    );
    if (!own) throw new AuditException(AuditErrorCode.NotYourAgency);
  }

  private async toolOf(actor: AuditActor, instanceId: string): Promise<AuditToolContent> {
    return this.commands.scoped(actor, async (manager) => {
      const audit = await this.audits.record(manager, instanceId);
      return this.tools.versionById(manager, audit.toolVersionId);
    });
  }

  private async row(
    manager: EntityManager,
    instanceId: string,
    agencyId: string,
    caseKey: string,
    lock = false,
  ): Promise<ReturnRow> {
    const rows: ReturnRow[] = await manager.query(
      `${RETURN_SELECT} WHERE r.instance_id = $1 AND r.agency_id = $2 AND c.case_key = $3
       ${lock ? 'FOR UPDATE OF r' : ''}`,
      [instanceId, agencyId, caseKey],
    );
    if (!rows[0]) throw new AuditException(AuditErrorCode.ReturnNotFound);
    return rows[0];
  }

  /** The return row, locked; 409 with the current version when the caller's is stale. */
  private async lockCurrent(
    manager: EntityManager,
    instanceId: string,
    agencyId: string,
    caseKey: string,
    version: number | undefined,
  ): Promise<ReturnRow> {
    const row = await this.row(manager, instanceId, agencyId, caseKey, true);
    if (version !== undefined && row.version !== version) {
      throw new AuditException(
        AuditErrorCode.StaleReturn,
        `The return has changed since version ${version}; it is now at version ${row.version}. Reload it, then save again.`,
        { currentVersion: row.version, expectedVersion: version },
      );
    }
    return row;
  }
}
