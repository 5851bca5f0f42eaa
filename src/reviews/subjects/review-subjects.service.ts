import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AccessContext } from '../../access/access-context';
import { AccessLogService } from '../../access/access-log.service';
import { ReviewSubject, type SubjectRecordNumber } from '../persistence/review-subject.entity';
import { ReviewCommands } from '../review-commands.service';
import { loadReview } from '../review-store';
import { ReviewsErrorCode, ReviewsException } from '../reviews.exception';

export interface ReviewSubjectView {
  fullName: string;
  dateOfBirth: string | null;
  address: string | null;
  recordNumbers: SubjectRecordNumber[];
  recordedAt: string;
}

/** The child's identifying details: each view is logged in the same transaction that reads them. */
@Injectable()
export class ReviewSubjectsService {
  constructor(
    private readonly commands: ReviewCommands,
    private readonly accessLog: AccessLogService,
  ) {}

  /**
   * The review each child's-details record belongs to, by reference, for the access log, which
   * names records by id: never the details themselves. Keyed by record id.
   */
  async reviewsOfSubjectRecords(
    manager: EntityManager,
    recordIds: readonly string[],
  ): Promise<Map<string, { instanceId: string; reference: string }>> {
    if (recordIds.length === 0) return new Map();
    const rows: Array<{ id: string; instance_id: string; reference: string }> = await manager.query(
      `SELECT s.id, s.instance_id, w.reference
           FROM review_subjects s JOIN workflow_instances w ON w.id = s.instance_id
          WHERE s.id = ANY($1::uuid[])`,
      [recordIds],
    );
    return new Map(
      rows.map((row) => [row.id, { instanceId: row.instance_id, reference: row.reference }]),
    );
  }

  async view(access: AccessContext, instanceId: string): Promise<ReviewSubjectView> {
    return this.commands.scoped(access.scope, async (manager) => {
      await loadReview(manager, instanceId);
      const subject = await manager.findOne(ReviewSubject, { where: { instanceId } });
      if (!subject) throw new ReviewsException(ReviewsErrorCode.SubjectNotFound);
      await this.accessLog.record(manager, access, {
        recordKind: 'review-subject',
        recordId: subject.id,
        action: 'view',
      });
      return {
        fullName: subject.fullName,
        dateOfBirth: subject.dateOfBirth,
        address: subject.address,
        recordNumbers: subject.recordNumbers,
        recordedAt: subject.recordedAt.toISOString(),
      };
    });
  }
}
