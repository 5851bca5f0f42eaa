import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AccessContext } from '../../access/access-context';
import { AccessLogService } from '../../access/access-log.service';
import { inScope } from '../../database/tenancy';
import { isIsoDate } from '../../calendar';
import type { AuditActor } from '../audit-actor';
import { AuditCommands } from '../audit-commands.service';
import { AuditErrorCode, AuditException } from '../audit.exception';
import { AuditsService } from '../audits/audits.service';
import type { AgencyRecordNumber } from '../persistence/case-identifiers.entity';
import { identifiersCsv, type IdentifiersExportRow } from './identifiers-csv';
import type { SelectCasesDto } from './dto/select-cases.dto';

export const CASE_IDENTIFIERS_RECORD = 'case-identifiers';

export interface AuditCaseView {
  key: string;
  pseudonym: string;
}

export interface CaseIdentifiersView {
  caseKey: string;
  pseudonym: string;
  fullName: string;
  dateOfBirth: string;
  address: string | null;
  recordNumbers: Array<{ agencyId: string; agencyName: string; recordNumber: string }>;
}

interface IdentifiersRow {
  id: string;
  case_key: string;
  pseudonym: string;
  full_name: string;
  date_of_birth: string;
  address: string | null;
  record_numbers: Array<{ agencyId: string; agencyName: string | null; recordNumber: string }>;
}

const IDENTIFIERS_SELECT = `SELECT i.id, c.case_key, c.pseudonym, i.full_name,
    i.date_of_birth::text AS date_of_birth, i.address,
    coalesce((SELECT json_agg(json_build_object('agencyId', r->>'agencyId', 'agencyName', a.name,
                'recordNumber', r->>'recordNumber') ORDER BY ord)
       FROM jsonb_array_elements(i.record_numbers) WITH ORDINALITY AS e(r, ord)
       LEFT JOIN agencies a ON a.id = (r->>'agencyId')::uuid), '[]'::json) AS record_numbers
  FROM audit_cases c JOIN case_identifiers i ON i.case_id = c.id`;

function caseKeyOf(index: number): string {
  return String.fromCharCode('A'.charCodeAt(0) + index);
}

/**
 * An audit's cases: selected with their identifying details (kept apart in `case_identifiers`),
 * known everywhere else by pseudonym. Every view or export of identifying details writes its
 * access-log row in the same transaction as the read.
 */
@Injectable()
export class AuditCasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly commands: AuditCommands,
    private readonly audits: AuditsService,
    private readonly accessLog: AccessLogService,
  ) {}

  /** CASES_SELECTED with the new pseudonyms; the identifiers are stored, never sent anywhere. */
  async select(
    actor: AuditActor,
    instanceId: string,
    dto: SelectCasesDto,
    expectedVersion: number | undefined,
  ): Promise<AuditCaseView[]> {
    dto.cases.forEach((entry, index) => {
      if (!isIsoDate(entry.identifiers.dateOfBirth)) {
        const field = `cases.${index}.identifiers.dateOfBirth`;
        throw new AuditException(AuditErrorCode.InvalidAudit, `${field} must be a real date`, {
          errors: [{ field, message: `${field} must be a real date` }],
        });
      }
    });
    const audit = await this.commands.scoped(actor, (manager) =>
      this.audits.record(manager, instanceId),
    );
    const agencyIds = [
      ...new Set((dto.agencyIds ?? audit.agencyIds).map((id) => id.toLowerCase())),
    ];
    const keys = dto.cases.map((_entry, index) => caseKeyOf(index));
    return this.commands.send(
      actor,
      instanceId,
      { type: 'CASES_SELECTED', payload: { caseKeys: keys, agencyIds }, expectedVersion },
      async (manager) => {
        await this.audits.requireAgencies(manager, actor.partnershipId, agencyIds, 'agencyIds');
        const now = this.commands.now();
        await manager.query(`UPDATE audits SET agency_ids = $2 WHERE instance_id = $1`, [
          instanceId,
          agencyIds,
        ]);
        const views: AuditCaseView[] = [];
        for (const [index, entry] of dto.cases.entries()) {
          const recordNumbers: AgencyRecordNumber[] = (entry.identifiers.recordNumbers ?? []).map(
            (record) => ({
              agencyId: record.agencyId.toLowerCase(),
              recordNumber: record.recordNumber.trim(),
            }),
          );
          for (const [position, record] of recordNumbers.entries()) {
            await this.audits.requireAgencies(
              manager,
              actor.partnershipId,
              [record.agencyId],
              `cases.${index}.identifiers.recordNumbers.${position}.agencyId`,
            );
          }
          const pseudonym = `Case ${keys[index]}`;
          const inserted: Array<{ id: string }> = await manager.query(
            `INSERT INTO audit_cases (partnership_id, instance_id, case_key, pseudonym, created_at)
             VALUES ($1, $2, $3, $4, $5) RETURNING id`,
            [actor.partnershipId, instanceId, keys[index], pseudonym, now],
          );
          await manager.query(
            `INSERT INTO case_identifiers (partnership_id, case_id, full_name, date_of_birth, address,
               record_numbers, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
            [
              actor.partnershipId,
              inserted[0].id,
              entry.identifiers.fullName.trim(),
              entry.identifiers.dateOfBirth,
              entry.identifiers.address?.trim() || null,
              JSON.stringify(recordNumbers),
              now,
            ],
          );
          views.push({ key: keys[index], pseudonym });
        }
        return views;
      },
    );
  }

  async list(actor: AuditActor, instanceId: string): Promise<AuditCaseView[]> {
    return this.commands.scoped(actor, async (manager) => {
      await this.audits.record(manager, instanceId);
      const rows: Array<{ case_key: string; pseudonym: string }> = await manager.query(
        `SELECT case_key, pseudonym FROM audit_cases WHERE instance_id = $1 ORDER BY case_key`,
        [instanceId],
      );
      return rows.map((row) => ({ key: row.case_key, pseudonym: row.pseudonym }));
    });
  }

  /**
   * The case each identifying-details record belongs to, by pseudonym and audit reference (for the
   * access log, which names records by id): never the details themselves. Keyed by record id.
   */
  async casesOfIdentifierRecords(
    manager: EntityManager,
    recordIds: readonly string[],
  ): Promise<Map<string, { instanceId: string; reference: string; pseudonym: string }>> {
    if (recordIds.length === 0) return new Map();
    const rows: Array<{ id: string; instance_id: string; reference: string; pseudonym: string }> =
      await manager.query(
        `SELECT i.id, c.instance_id, w.reference, c.pseudonym
           FROM case_identifiers i
           JOIN audit_cases c ON c.id = i.case_id
           JOIN workflow_instances w ON w.id = c.instance_id
          WHERE i.id = ANY($1::uuid[])`,
        [recordIds],
      );
    return new Map(
      rows.map((row) => [
        row.id,
        { instanceId: row.instance_id, reference: row.reference, pseudonym: row.pseudonym },
      ]),
    );
  }

  /** One case's identifying details, logged as a view in the same transaction. */
  async viewIdentifiers(
    access: AccessContext,
    instanceId: string,
    caseKey: string,
  ): Promise<CaseIdentifiersView> {
    return inScope(this.dataSource, access.scope, async (manager) => {
      const rows: IdentifiersRow[] = await manager.query(
        `${IDENTIFIERS_SELECT} WHERE c.instance_id = $1 AND c.case_key = $2`,
        [instanceId, caseKey],
      );
      const row = rows[0];
      if (!row) throw new AuditException(AuditErrorCode.CaseNotFound);
      await this.accessLog.record(manager, access, {
        recordKind: CASE_IDENTIFIERS_RECORD,
        recordId: row.id,
        action: 'view',
      });
      return toView(row);
    });
  }

  /** Every case's identifying details as CSV, each case logged as an export. */
  async exportIdentifiers(access: AccessContext, instanceId: string): Promise<string> {
    return inScope(this.dataSource, access.scope, async (manager) => {
      await this.audits.record(manager, instanceId);
      const rows: IdentifiersRow[] = await manager.query(
        `${IDENTIFIERS_SELECT} WHERE c.instance_id = $1 ORDER BY c.case_key`,
        [instanceId],
      );
      for (const row of rows) {
        await this.accessLog.record(manager, access, {
          recordKind: CASE_IDENTIFIERS_RECORD,
          recordId: row.id,
          action: 'export',
        });
      }
      return identifiersCsv(rows.map((row): IdentifiersExportRow => toView(row)));
    });
  }
}

function toView(row: IdentifiersRow): CaseIdentifiersView {
  return {
    caseKey: row.case_key,
    pseudonym: row.pseudonym,
    fullName: row.full_name,
    dateOfBirth: row.date_of_birth,
    address: row.address,
    recordNumbers: row.record_numbers.map((entry) => ({
      agencyId: entry.agencyId,
      agencyName: entry.agencyName ?? 'Agency no longer listed',
      recordNumber: entry.recordNumber,
    })),
  };
}

/** Refuses a case key that is not one capital letter: it can name no case. */
export function requireCaseKey(caseKey: string): string {
  if (!/^[A-Z]$/.test(caseKey)) throw new AuditException(AuditErrorCode.CaseNotFound);
  return caseKey;
}
