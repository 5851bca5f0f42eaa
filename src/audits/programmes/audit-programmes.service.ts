import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BusinessCalendar, isIsoDate, type IsoDate } from '../../calendar';
import type { AuditActor } from '../audit-actor';
import { AuditCommands } from '../audit-commands.service';
import { AuditErrorCode, AuditException } from '../audit.exception';
import { AuditsService, type AuditView } from '../audits/audits.service';
import type { CreateProgrammeDto, StartProgrammeEntryDto } from './dto/programme.dto';
import { plannedMeetingDates } from './programme-dates';

export interface ProgrammeView {
  id: string;
  title: string;
  startsOn: IsoDate;
  intervalWeeks: number;
  createdAt: Date;
  entries: Array<{
    id: string;
    sequence: number;
    plannedOn: IsoDate;
    /** The audit, once started. */
    instanceId: string | null;
    startedAt: Date | null;
  }>;
}

interface ProgrammeRow {
  id: string;
  title: string;
  starts_on: string;
  interval_weeks: number;
  created_at: Date;
  entries: Array<{
    id: string;
    sequence: number;
    plannedOn: string;
    instanceId: string | null;
    startedAt: string | null;
  }>;
}

const PROGRAMME_SELECT = `SELECT p.id, p.title, p.starts_on::text AS starts_on, p.interval_weeks, p.created_at,
    coalesce((SELECT json_agg(json_build_object('id', e.id, 'sequence', e.sequence,
        'plannedOn', e.planned_on::text, 'instanceId', e.instance_id, 'startedAt', e.started_at)
        ORDER BY e.sequence) FROM audit_programme_entries e WHERE e.programme_id = p.id), '[]'::json) AS entries
  FROM audit_programmes p`;

function viewOf(row: ProgrammeRow): ProgrammeView {
  return {
    id: row.id,
    title: row.title,
    startsOn: row.starts_on,
    intervalWeeks: row.interval_weeks,
    createdAt: row.created_at,
    entries: row.entries.map((entry) => ({
      id: entry.id,
      sequence: entry.sequence,
      plannedOn: entry.plannedOn,
      instanceId: entry.instanceId,
      startedAt: entry.startedAt ? new Date(entry.startedAt) : null,
    })),
  };
}

function invalidDate(field: string, message: string): AuditException {
  return new AuditException(AuditErrorCode.InvalidAudit, message, {
    errors: [{ field, message }],
  });
}

/**
 * A partnership's audit programme: planned meeting dates from the business calendar (none on a
 * weekend or bank holiday). Each planned audit becomes a workflow instance when it is started.
 */
@Injectable()
export class AuditProgrammesService {
  constructor(
    private readonly commands: AuditCommands,
    private readonly audits: AuditsService,
    private readonly calendar: BusinessCalendar,
  ) {}

  async create(actor: AuditActor, dto: CreateProgrammeDto): Promise<ProgrammeView> {
    if (!isIsoDate(dto.firstMeetingOn)) {
      throw invalidDate('firstMeetingOn', 'firstMeetingOn must be a real date written YYYY-MM-DD');
    }
    if (dto.firstMeetingOn <= this.commands.today()) {
      throw invalidDate('firstMeetingOn', 'firstMeetingOn must be in the future');
    }
    const intervalWeeks = dto.intervalWeeks ?? 6;
    const dates = plannedMeetingDates(
      this.calendar,
      dto.firstMeetingOn,
      intervalWeeks,
      dto.months ?? 12,
    );
    return this.commands.scoped(actor, async (manager) => {
      const inserted: Array<{ id: string }> = await manager.query(
        `INSERT INTO audit_programmes (partnership_id, title, starts_on, interval_weeks, created_at,
           created_by_person_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [
          actor.partnershipId,
          dto.title.trim(),
          dates[0],
          intervalWeeks,
          this.commands.now(),
          actor.personId,
        ],
      );
      const programmeId = inserted[0].id;
      await manager.query(
        `INSERT INTO audit_programme_entries (partnership_id, programme_id, sequence, planned_on)
         SELECT $1, $2, d.sequence, d.planned_on
           FROM unnest($3::date[]) WITH ORDINALITY AS d(planned_on, sequence)`,
        [actor.partnershipId, programmeId, dates],
      );
      return this.one(manager, actor.partnershipId, programmeId);
    });
  }

  async list(actor: AuditActor): Promise<ProgrammeView[]> {
    return this.commands.scoped(actor, async (manager) => {
      const rows: ProgrammeRow[] = await manager.query(
        `${PROGRAMME_SELECT} WHERE p.partnership_id = $1 ORDER BY p.starts_on DESC, p.id`,
        [actor.partnershipId],
      );
      return rows.map(viewOf);
    });
  }

  async get(actor: AuditActor, programmeId: string): Promise<ProgrammeView> {
    return this.commands.scoped(actor, (manager) =>
      this.one(manager, actor.partnershipId, programmeId),
    );
  }

  /** Starts a planned audit: a new audit meeting on the entry's planned date. */
  async startEntry(
    actor: AuditActor,
    programmeId: string,
    entryId: string,
    dto: StartProgrammeEntryDto,
  ): Promise<AuditView> {
    const entry = await this.commands.scoped(actor, async (manager) => {
      const rows: Array<{ planned_on: string; instance_id: string | null }> = await manager.query(
        `SELECT e.planned_on::text AS planned_on, e.instance_id FROM audit_programme_entries e
          WHERE e.id = $1 AND e.programme_id = $2 AND e.partnership_id = $3`,
        [entryId, programmeId, actor.partnershipId],
      );
      return rows[0];
    });
    if (!entry) throw new AuditException(AuditErrorCode.ProgrammeEntryNotFound);
    if (entry.instance_id) throw new AuditException(AuditErrorCode.EntryAlreadyStarted);
    return this.audits.create(
      actor,
      { ...dto, meetingOn: entry.planned_on },
      { programmeEntryId: entryId },
    );
  }

  private async one(
    manager: EntityManager,
    partnershipId: string,
    programmeId: string,
  ): Promise<ProgrammeView> {
    const rows: ProgrammeRow[] = await manager.query(
      `${PROGRAMME_SELECT} WHERE p.id = $1 AND p.partnership_id = $2`,
      [programmeId, partnershipId],
    );
    if (!rows[0]) throw new AuditException(AuditErrorCode.ProgrammeNotFound);
    return viewOf(rows[0]);
  }
}
