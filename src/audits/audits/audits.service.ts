import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BusinessCalendar, isIsoDate, type IsoDate } from '../../calendar';
import type { InstanceView, MemberView, TaskView, TimelineEntry } from '../../engine/engine.types';
import { InstanceReader } from '../../engine/instance-reader.service';
import type { InstanceStatus } from '../../engine/persistence/workflow-instance.entity';
import type { Grade } from '../../../workflows/case-file-audit/grades';
import type { ReturnStatus } from '../../../workflows/case-file-audit/case-file-audit.types';
import type { AuditActor } from '../audit-actor';
import { AuditCommands } from '../audit-commands.service';
import { AuditErrorCode, AuditException } from '../audit.exception';
import type { ConcernStatus } from '../persistence/immediate-concern.entity';
import { AuditToolsService, type AuditToolVersionView } from '../tools/audit-tools.service';
import type { FieldProblem } from '../tools/audit-tool-content';
import type { AgreePlanDto } from './dto/agree-plan.dto';
import {
  DEDICATED_ENDPOINTS,
  type AuditEventDto,
  type GeneralAuditEvent,
} from './dto/audit-event.dto';
import type { CreateAuditDto } from './dto/create-audit.dto';

export const CASE_FILE_AUDIT = 'case-file-audit';

/** The audit's own record, as stored. */
export interface AuditRecord {
  instanceId: string;
  partnershipId: string;
  theme: string;
  scope: string;
  lookBackMonths: number;
  toolVersionId: string;
  meetingOn: IsoDate;
  agencyIds: string[];
  auditsClosedOn: IsoDate | null;
  meetingHeldOn: IsoDate | null;
  meetingFindings: string | null;
}

export interface AuditSummary {
  instanceId: string;
  reference: string;
  theme: string;
  meetingOn: IsoDate;
  state: unknown;
  status: InstanceStatus;
  version: number;
  updatedAt: string;
}

export interface AuditView {
  instanceId: string;
  reference: string;
  title: string;
  status: InstanceStatus;
  state: unknown;
  stage: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  plan: {
    theme: string;
    scope: string;
    lookBackMonths: number;
    meetingOn: IsoDate;
    agencyIds: string[];
    tool: { id: string; name: string; version: number; versionId: string };
  };
  meeting: { heldOn: IsoDate | null; findings: string | null };
  openTasks: TaskView[];
  members: MemberView[];
  availableEvents: string[];
  cases: Array<{ key: string; pseudonym: string; moderatedGrade: Grade | null }>;
  returns: Array<{
    agencyId: string;
    agencyName: string;
    caseKey: string;
    status: ReturnStatus;
    version: number;
    late: boolean;
    submittedAt: Date | null;
    reopenCount: number;
  }>;
  concerns: Array<{
    id: string;
    caseKey: string | null;
    status: ConcernStatus;
    raisedOn: IsoDate;
    raisedBy: string | null;
    actionedAt: Date | null;
  }>;
  timeline: TimelineEntry[];
}

interface AuditRow {
  instance_id: string;
  partnership_id: string;
  theme: string;
  scope: string;
  look_back_months: number;
  tool_version_id: string;
  meeting_on: string;
  agency_ids: string[];
  audits_closed_on: string | null;
  meeting_held_on: string | null;
  meeting_findings: string | null;
}

function toRecord(row: AuditRow): AuditRecord {
  return {
    instanceId: row.instance_id,
    partnershipId: row.partnership_id,
    theme: row.theme,
    scope: row.scope,
    lookBackMonths: row.look_back_months,
    toolVersionId: row.tool_version_id,
    meetingOn: row.meeting_on,
    agencyIds: row.agency_ids,
    auditsClosedOn: row.audits_closed_on,
    meetingHeldOn: row.meeting_held_on,
    meetingFindings: row.meeting_findings,
  };
}

function invalid(problems: FieldProblem[]): AuditException {
  return new AuditException(
    AuditErrorCode.InvalidAudit,
    problems.map((entry) => entry.message).join('; '),
    { errors: problems },
  );
}

/** Dates are kept as text: node-postgres would turn a `date` into a local midnight. */
const AUDIT_COLUMNS = `instance_id, partnership_id, theme, scope, look_back_months, tool_version_id,
  meeting_on::text AS meeting_on, agency_ids, audits_closed_on::text AS audits_closed_on,
  meeting_held_on::text AS meeting_held_on, meeting_findings`;

/**
 * Case file audits: opening one (a `case-file-audit` workflow instance and the audit's own row in
 * one transaction), agreeing its plan, sending its general steps, and reading it whole.
 */
@Injectable()
export class AuditsService {
  constructor(
    private readonly commands: AuditCommands,
    private readonly reader: InstanceReader,
    private readonly tools: AuditToolsService,
    private readonly calendar: BusinessCalendar,
  ) {}

  /** The audit's own row, or 404 when the instance is not an audit this scope can see. */
  async record(manager: EntityManager, instanceId: string, lock = false): Promise<AuditRecord> {
    const rows: AuditRow[] = await manager.query(
      `SELECT ${AUDIT_COLUMNS} FROM audits WHERE instance_id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [instanceId],
    );
    if (!rows[0]) throw new AuditException(AuditErrorCode.AuditNotFound);
    return toRecord(rows[0]);
  }

  async create(
    actor: AuditActor,
    dto: CreateAuditDto,
    options: { programmeEntryId?: string } = {},
  ): Promise<AuditView> {
    const meetingProblem = this.meetingDateProblem(dto.meetingOn);
    if (meetingProblem) throw invalid([meetingProblem]);
    const today = this.commands.today();
    const instanceId = await this.commands.start(
      actor,
      {
        partnershipId: actor.partnershipId,
        definitionKey: CASE_FILE_AUDIT,
        title: dto.theme.trim(),
        input: { openedOn: today },
        members: dto.members?.map((member) => ({
          personId: member.personId,
          role: member.role,
          agencyId: member.agencyId ?? null,
        })),
      },
      async (manager, result) => {
        const pinned = await this.tools.pinLatest(manager, actor.partnershipId, dto.toolId);
        if (!pinned) {
          throw invalid([
            { field: 'toolId', message: 'toolId does not name an audit tool of this partnership' },
          ]);
        }
        const agencyIds = [...new Set((dto.agencyIds ?? []).map((id) => id.toLowerCase()))];
        await this.requireAgencies(manager, actor.partnershipId, agencyIds, 'agencyIds');
        for (const [index, member] of (dto.members ?? []).entries()) {
          if (member.agencyId) {
            await this.requireAgencies(
              manager,
              actor.partnershipId,
              [member.agencyId.toLowerCase()],
              `members.${index}.agencyId`,
            );
          }
        }
        await manager.query(
          `INSERT INTO audits (instance_id, partnership_id, theme, scope, look_back_months,
             tool_version_id, meeting_on, agency_ids, created_at, created_by_person_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [
            result.instanceId,
            actor.partnershipId,
            dto.theme.trim(),
            dto.scope.trim(),
            dto.lookBackMonths,
            pinned.toolVersionId,
            dto.meetingOn,
            agencyIds,
            this.commands.now(),
            actor.personId,
          ],
        );
        if (options.programmeEntryId) {
          const started: unknown[] = await manager.query(
            `UPDATE audit_programme_entries SET instance_id = $2, started_at = $3
              WHERE id = $1 AND instance_id IS NULL RETURNING id`,
            [options.programmeEntryId, result.instanceId, this.commands.now()],
          );
          if (started.length === 0) throw new AuditException(AuditErrorCode.EntryAlreadyStarted);
        }
        return result.instanceId;
      },
    );
    return this.get(actor, instanceId);
  }

  async list(
    actor: AuditActor,
    filter: { status?: InstanceStatus; limit?: number; offset?: number },
  ): Promise<AuditSummary[]> {
    const instances = await this.reader.listInstances(
      { personId: actor.personId },
      { ...filter, partnershipId: actor.partnershipId, definitionKey: CASE_FILE_AUDIT },
    );
    if (instances.length === 0) return [];
    const rows: AuditRow[] = await this.commands.scoped(actor, (manager) =>
      manager.query(`SELECT ${AUDIT_COLUMNS} FROM audits WHERE instance_id = ANY($1::uuid[])`, [
        instances.map((instance) => instance.id),
      ]),
    );
    const byId = new Map(rows.map((row) => [row.instance_id, toRecord(row)]));
    return instances.flatMap((instance) => {
      const audit = byId.get(instance.id);
      if (!audit) return [];
      return [
        {
          instanceId: instance.id,
          reference: instance.reference,
          theme: audit.theme,
          meetingOn: audit.meetingOn,
          state: instance.state,
          status: instance.status,
          version: instance.version,
          updatedAt: instance.updatedAt,
        },
      ];
    });
  }

  async get(actor: AuditActor, instanceId: string): Promise<AuditView> {
    const viewer = { personId: actor.personId };
    const instance = await this.reader.getInstance(viewer, instanceId);
    const timeline = await this.reader.timeline(viewer, instanceId);
    return this.commands.scoped(actor, async (manager) => {
      const audit = await this.record(manager, instanceId);
      return this.view(manager, instance, timeline, audit);
    });
  }

  /** Agrees the plan (changing parts of it first): PLAN_AGREED carries the pinned tool version. */
  async agreePlan(
    actor: AuditActor,
    instanceId: string,
    dto: AgreePlanDto,
    expectedVersion: number | undefined,
  ): Promise<AuditView> {
    const { audit, pinned } = await this.commands.scoped(actor, async (manager) => {
      const current = await this.record(manager, instanceId);
      const tool = dto.toolId
        ? await this.tools.pinLatest(manager, actor.partnershipId, dto.toolId)
        : await this.pinnedOf(manager, current.toolVersionId);
      if (!tool) {
        throw invalid([
          { field: 'toolId', message: 'toolId does not name an audit tool of this partnership' },
        ]);
      }
      return { audit: current, pinned: tool };
    });
    const plan = {
      theme: dto.theme?.trim() ?? audit.theme,
      scope: dto.scope?.trim() ?? audit.scope,
      lookBackMonths: dto.lookBackMonths ?? audit.lookBackMonths,
      meetingOn: dto.meetingOn ?? audit.meetingOn,
    };
    await this.commands.send(
      actor,
      instanceId,
      {
        type: 'PLAN_AGREED',
        payload: {
          ...plan,
          auditToolId: pinned.toolId,
          auditToolVersion: pinned.version,
        },
        expectedVersion,
      },
      async (manager) => {
        await manager.query(
          `UPDATE audits SET theme = $2, scope = $3, look_back_months = $4, meeting_on = $5,
                  tool_version_id = $6 WHERE instance_id = $1`,
          [
            instanceId,
            plan.theme,
            plan.scope,
            plan.lookBackMonths,
            plan.meetingOn,
            pinned.toolVersionId,
          ],
        );
      },
    );
    return this.get(actor, instanceId);
  }

  /** A step with no data of the module's own; the workflow checks its fields. */
  async sendEvent(
    actor: AuditActor,
    instanceId: string,
    dto: AuditEventDto,
    options: { expectedVersion?: number; idempotencyKey?: string },
  ): Promise<AuditView> {
    const type = dto.type;
    if (type in DEDICATED_ENDPOINTS) {
      const endpoint = DEDICATED_ENDPOINTS[type as keyof typeof DEDICATED_ENDPOINTS];
      throw new AuditException(
        AuditErrorCode.UseDedicatedEndpoint,
        `${type} carries the audit's own records: send it with ${endpoint}.`,
      );
    }
    await this.commands.scoped(actor, (manager) => this.record(manager, instanceId));
    const payload = dto.payload ?? {};
    await this.commands.send(
      actor,
      instanceId,
      { type, payload, ...options },
      async (manager, result) => {
        if (result.replayed) return;
        await this.afterGeneralEvent(manager, instanceId, type as GeneralAuditEvent, payload, {
          on: this.commands.dateOf(result),
        });
      },
    );
    return this.get(actor, instanceId);
  }

  /** Keeps the audit's own row in step with the events that change what it mirrors. */
  private async afterGeneralEvent(
    manager: EntityManager,
    instanceId: string,
    type: GeneralAuditEvent,
    payload: Record<string, unknown>,
    stamp: { on: IsoDate },
  ): Promise<void> {
    switch (type) {
      case 'MEETING_DATE_CHANGED':
        await manager.query(`UPDATE audits SET meeting_on = $2 WHERE instance_id = $1`, [
          instanceId,
          payload.meetingOn,
        ]);
        return;
      case 'AUDITS_CLOSED':
        await manager.query(`UPDATE audits SET audits_closed_on = $2 WHERE instance_id = $1`, [
          instanceId,
          stamp.on,
        ]);
        return;
      default:
        return;
    }
  }

  private meetingDateProblem(meetingOn: string): FieldProblem | null {
    if (!isIsoDate(meetingOn)) {
      return { field: 'meetingOn', message: 'meetingOn must be a real date written YYYY-MM-DD' };
    }
    if (meetingOn <= this.commands.today()) {
      return { field: 'meetingOn', message: 'meetingOn must be in the future' };
    }
    return this.calendar.isWorkingDay(meetingOn)
      ? null
      : { field: 'meetingOn', message: `meetingOn ${meetingOn} is not a working day` };
  }

  /**
   * Refuses (422, naming the field) agency ids that are not this partnership's agencies. A list
   * names the offending entry (`agencyIds.2`); a single id the field itself.
   */
  async requireAgencies(
    manager: EntityManager,
    partnershipId: string,
    agencyIds: readonly string[],
    field: string,
  ): Promise<void> {
    if (agencyIds.length === 0) return;
    const found: Array<{ id: string }> = await manager.query(
      `SELECT id FROM agencies WHERE partnership_id = $1 AND id = ANY($2::uuid[])`,
      [partnershipId, agencyIds],
    );
    const known = new Set(found.map((row) => row.id));
    const unknown = agencyIds.findIndex((id) => !known.has(id.toLowerCase()));
    if (unknown >= 0) {
      const named = field.endsWith('agencyId') ? field : `${field}.${unknown}`;
      throw invalid([{ field: named, message: `${named} is not an agency of this partnership` }]);
    }
  }

  /** The audit tool version the audit pinned. */
  async tool(actor: AuditActor, instanceId: string): Promise<AuditToolVersionView> {
    return this.commands.scoped(actor, async (manager) => {
      const audit = await this.record(manager, instanceId);
      return this.tools.versionById(manager, audit.toolVersionId);
    });
  }

  private async pinnedOf(
    manager: EntityManager,
    toolVersionId: string,
  ): Promise<{ toolVersionId: string; toolId: string; version: number }> {
    const version = await this.tools.versionById(manager, toolVersionId);
    return { toolVersionId, toolId: version.toolId, version: version.version };
  }

  private async view(
    manager: EntityManager,
    instance: InstanceView,
    timeline: TimelineEntry[],
    audit: AuditRecord,
  ): Promise<AuditView> {
    const tool = await this.tools.versionById(manager, audit.toolVersionId);
    const cases: Array<{ case_key: string; pseudonym: string; moderated_grade: Grade | null }> =
      await manager.query(
        `SELECT case_key, pseudonym, moderated_grade FROM audit_cases WHERE instance_id = $1 ORDER BY case_key`,
        [audit.instanceId],
      );
    const returns: Array<{
      agency_id: string;
      agency_name: string;
      case_key: string;
      status: ReturnStatus;
      version: number;
      late: boolean;
      submitted_at: Date | null;
      reopen_count: number;
    }> = await manager.query(
      `SELECT r.agency_id, a.name AS agency_name, c.case_key, r.status, r.version, r.late,
              r.submitted_at, r.reopen_count
         FROM audit_returns r JOIN audit_cases c ON c.id = r.case_id JOIN agencies a ON a.id = r.agency_id
        WHERE r.instance_id = $1 ORDER BY a.name, c.case_key`,
      [audit.instanceId],
    );
    const concerns: Array<{
      id: string;
      case_key: string | null;
      status: ConcernStatus;
      raised_on: string;
      raised_by_person_id: string | null;
      actioned_at: Date | null;
    }> = await manager.query(
      `SELECT k.id, c.case_key, k.status, k.raised_on::text AS raised_on, k.raised_by_person_id,
              k.actioned_at
         FROM immediate_concerns k LEFT JOIN audit_cases c ON c.id = k.case_id
        WHERE k.instance_id = $1 ORDER BY k.raised_at, k.id`,
      [audit.instanceId],
    );
    return {
      instanceId: instance.id,
      reference: instance.reference,
      title: instance.title,
      status: instance.status,
      state: instance.state,
      stage: instance.stage,
      version: instance.version,
      createdAt: instance.createdAt,
      updatedAt: instance.updatedAt,
      closedAt: instance.closedAt,
      plan: {
        theme: audit.theme,
        scope: audit.scope,
        lookBackMonths: audit.lookBackMonths,
        meetingOn: audit.meetingOn,
        agencyIds: audit.agencyIds,
        tool: { id: tool.toolId, name: tool.name, version: tool.version, versionId: tool.id },
      },
      meeting: { heldOn: audit.meetingHeldOn, findings: audit.meetingFindings },
      openTasks: instance.openTasks,
      members: instance.members,
      availableEvents: instance.availableEvents,
      cases: cases.map((row) => ({
        key: row.case_key,
        pseudonym: row.pseudonym,
        moderatedGrade: row.moderated_grade,
      })),
      returns: returns.map((row) => ({
        agencyId: row.agency_id,
        agencyName: row.agency_name,
        caseKey: row.case_key,
        status: row.status,
        version: row.version,
        late: row.late,
        submittedAt: row.submitted_at,
        reopenCount: row.reopen_count,
      })),
      concerns: concerns.map((row) => ({
        id: row.id,
        caseKey: row.case_key,
        status: row.status,
        raisedOn: row.raised_on,
        raisedBy: row.raised_by_person_id,
        actionedAt: row.actioned_at,
      })),
      timeline,
    };
  }
}
