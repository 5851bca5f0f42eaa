import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BusinessCalendar, type IsoDate, type Rag } from '../../calendar';
import { DefinitionRegistry } from '../../engine/definitions/definition-registry';
import { instanceVisibleToSql } from '../../engine/instance-visibility';
import { inPersonScope } from '../../engine/persistence/person-scope';
import { ReviewCommands } from '../review-commands.service';
import { REVIEW_KINDS, type ReviewKind } from '../review-kinds';
import { reviewProgress, type TimescaleView } from '../review-progress';
import { stageOf, topState } from '../review-stage';
import { REVIEW_COLUMNS, toReviewRecord, type ReviewRow } from '../review-store';
import type { ListReviewsQuery } from './dto/list-reviews.query';

export interface ReviewSummary {
  id: string;
  reference: string;
  kind: ReviewKind;
  /** e.g. "Child H": case content, shown only to those who may see the review. */
  pseudonym: string | null;
  status: string;
  state: string | null;
  stage: string | null;
  version: number;
  /** Some open task is past its due date. */
  overdue: boolean;
  /** The soonest due date of the open tasks. */
  nextDueOn: IsoDate | null;
  /** The worst RAG of the timescales still running. */
  rag: Rag | null;
  timescales: TimescaleView[];
  /** Another partnership's review that this one contributes to (out of area). */
  contributing: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ReviewPage {
  items: ReviewSummary[];
  page: number;
  pageSize: number;
  total: number;
}

interface ListRow extends ReviewRow {
  overdue: boolean;
  next_due_on: string | null;
}

/**
 * Lists a partnership's reviews (and those it contributes to) that the person may see, with
 * progress computed from each review's dates by the business calendar and the engine's clock.
 * Filters on stage and RAG are computed, so they are applied after reading; a partnership's
 * reviews run to hundreds, not millions.
 */
@Injectable()
export class ReviewListService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: DefinitionRegistry,
    private readonly calendar: BusinessCalendar,
    private readonly commands: ReviewCommands,
  ) {}

  async list(
    personId: string,
    partnershipId: string,
    query: ListReviewsQuery,
  ): Promise<ReviewPage> {
    const today = this.commands.today();
    const values: unknown[] = [];
    const add = (value: unknown): string => {
      values.push(value);
      return `$${values.length}`;
    };
    const partnership = add(partnershipId);
    const where = [
      `i.definition_key = ANY(${add(query.kind ? [query.kind] : [...REVIEW_KINDS])}::text[])`,
      `(i.partnership_id = ${partnership} OR EXISTS (SELECT 1 FROM review_contributors c
         WHERE c.instance_id = i.id AND c.contributing_partnership_id = ${partnership}))`,
      instanceVisibleToSql('i', add(personId)),
    ];
    if (query.status) where.push(`i.status = ${add(query.status)}`);
    const todayParam = add(today);
    // In the person's own scope: it reaches the reviews of other partnerships they sit on, so a
    // contributing partnership's members see the review they work on, and nothing else of its owner.
    const rows = await inPersonScope(this.dataSource, personId, (manager) =>
      manager.query<ListRow[]>(
        `SELECT ${REVIEW_COLUMNS},
           EXISTS (SELECT 1 FROM tasks t WHERE t.instance_id = i.id AND t.status = 'open'
                     AND t.due_on < ${todayParam}::date) AS overdue,
           (SELECT to_char(min(t.due_on), 'YYYY-MM-DD') FROM tasks t
             WHERE t.instance_id = i.id AND t.status = 'open') AS next_due_on
         FROM workflow_instances i
        WHERE ${where.join(' AND ')}
        ORDER BY i.created_at DESC, i.id`,
        values,
      ),
    );
    const summaries = rows
      .map((row) => this.summary(row, partnershipId, today))
      .filter(
        (summary) =>
          (query.state === undefined || summary.state === query.state) &&
          (query.stage === undefined || summary.stage === query.stage) &&
          (query.overdue === undefined || summary.overdue === query.overdue) &&
          (query.rag === undefined || summary.rag === query.rag),
      );
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 25;
    return {
      items: summaries.slice((page - 1) * pageSize, page * pageSize),
      page,
      pageSize,
      total: summaries.length,
    };
  }

  private summary(row: ListRow, partnershipId: string, today: IsoDate): ReviewSummary {
    const review = toReviewRecord(row);
    const progress = reviewProgress(
      review.kind,
      review.context,
      today,
      this.calendar,
      review.status === 'live',
    );
    return {
      id: review.id,
      reference: review.reference,
      kind: review.kind,
      pseudonym: typeof review.context.pseudonym === 'string' ? review.context.pseudonym : null,
      status: review.status,
      state: topState(review.state),
      stage: stageOf(this.registry, review.kind, review.definitionVersion, review.state),
      version: review.version,
      overdue: row.overdue,
      nextDueOn: row.next_due_on,
      rag: progress.rag,
      timescales: progress.timescales,
      contributing: review.partnershipId !== partnershipId,
      createdAt: review.createdAt.toISOString(),
      updatedAt: review.updatedAt.toISOString(),
    };
  }
}
