import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { AccessLogAction, AccessLogEntry } from './access-log.entity';
import type { AccessContext } from './access-context';

export interface AccessLogRecord {
  /** What kind of record held the identifying details, e.g. `case-identifiers`. */
  recordKind: string;
  recordId: string;
  action: AccessLogAction;
}

export interface AccessLogView {
  id: string;
  occurredAt: Date;
  /** The name is null when the person no longer belongs to the partnership. */
  person: { id: string; displayName: string | null };
  recordKind: string;
  recordId: string;
  action: AccessLogAction;
}

interface AccessLogRow {
  id: string;
  occurred_at: Date;
  person_id: string;
  display_name: string | null;
  record_kind: string;
  record_id: string;
  action: AccessLogAction;
}

/**
 * The log of every view and export of identifying case details. Modules that show or export them
 * call `record` with the request's transaction manager before returning the details, so a detail
 * is never shown without its log row: both commit together or neither does.
 */
@Injectable()
export class AccessLogService {
  constructor(private readonly clock: Clock) {}

  async record(
    manager: EntityManager,
    access: Pick<AccessContext, 'principal' | 'partnershipId'>,
    entry: AccessLogRecord,
  ): Promise<void> {
    if (access.partnershipId === undefined) {
      throw new Error('Identifying details are read within a partnership: no partnership to log');
    }
    await manager.insert(AccessLogEntry, {
      partnershipId: access.partnershipId,
      personId: access.principal.personId,
      recordKind: entry.recordKind,
      recordId: entry.recordId,
      action: entry.action,
      occurredAt: this.clock.now(),
    });
  }

  /** Newest first, a page at a time: pass the last entry's time as `before` for the next page. */
  async list(
    manager: EntityManager,
    partnershipId: string,
    page: { before?: Date; limit: number },
  ): Promise<AccessLogView[]> {
    const rows: AccessLogRow[] = await manager.query(
      `SELECT l.id, l.occurred_at, l.person_id, p.display_name, l.record_kind, l.record_id, l.action
         FROM access_log l LEFT JOIN people p ON p.id = l.person_id
        WHERE l.partnership_id = $1 AND ($2::timestamptz IS NULL OR l.occurred_at < $2)
        ORDER BY l.occurred_at DESC, l.id
        LIMIT $3`,
      [partnershipId, page.before ?? null, page.limit],
    );
    return rows.map((row) => ({
      id: row.id,
      occurredAt: row.occurred_at,
      person: { id: row.person_id, displayName: row.display_name },
      recordKind: row.record_kind,
      recordId: row.record_id,
      action: row.action,
    }));
  }
}
