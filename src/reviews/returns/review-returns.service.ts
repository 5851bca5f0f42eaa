import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AccessContext } from '../../access/access-context';
import { WorkflowEngine } from '../../engine/workflow-engine.service';
import { ReviewReturn, type DraftStatus } from '../persistence/review-return.entity';
import { mayPrepareReturn, reviewActor, type ReviewActor } from '../review-actor';
import { ReviewCommands } from '../review-commands.service';
import { returnSpec, type ReturnKindSpec } from '../review-kinds';
import { contextIds, loadReview, type ReviewRecord } from '../review-store';
import { ReviewsErrorCode, ReviewsException } from '../reviews.exception';
import type { CreateReturnDto, UpdateDraftDto } from './dto/return.dto';

export interface ReturnView {
  id: string;
  kind: string;
  agencyId: string;
  /** Case content. */
  content: string;
  status: DraftStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
}

function toView(row: ReviewReturn): ReturnView {
  return {
    id: row.id,
    kind: row.kind,
    agencyId: row.agencyId,
    content: row.content,
    status: row.status,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    submittedAt: row.submittedAt?.toISOString() ?? null,
  };
}

/**
 * Agencies' information returns to a review (rapid review summaries, chronologies, agency reports,
 * IMRs): an agency's lead on the review (or the business unit) drafts one, then submits it; the
 * submission sends the workflow's event in the same transaction, so the return is recorded as
 * received exactly when its content is kept. Drafts are seen only by who may prepare them.
 */
@Injectable()
export class ReviewReturnsService {
  constructor(
    private readonly commands: ReviewCommands,
    private readonly engine: WorkflowEngine,
  ) {}

  async list(access: AccessContext, instanceId: string): Promise<ReturnView[]> {
    return this.commands.scoped(access.scope, async (manager) => {
      const review = await loadReview(manager, instanceId);
      const actor = await reviewActor(manager, access, instanceId, review.partnershipId);
      const rows = await manager.find(ReviewReturn, {
        where: { instanceId },
        order: { createdAt: 'ASC', id: 'ASC' },
      });
      return rows.filter((row) => this.visible(actor, row)).map(toView);
    });
  }

  async get(access: AccessContext, instanceId: string, returnId: string): Promise<ReturnView> {
    return this.commands.scoped(access.scope, async (manager) => {
      const review = await loadReview(manager, instanceId);
      const actor = await reviewActor(manager, access, instanceId, review.partnershipId);
      const row = await this.find(manager, instanceId, returnId);
      if (!this.visible(actor, row)) throw new ReviewsException(ReviewsErrorCode.ReturnNotFound);
      return toView(row);
    });
  }

  async create(
    access: AccessContext,
    instanceId: string,
    dto: CreateReturnDto,
  ): Promise<ReturnView> {
    return this.commands.scoped(access.scope, async (manager) => {
      const review = await loadReview(manager, instanceId);
      const spec = this.spec(review, dto.kind);
      const actor = await reviewActor(manager, access, instanceId, review.partnershipId);
      if (!mayPrepareReturn(actor, dto.agencyId)) {
        throw new ReviewsException(ReviewsErrorCode.NotYourAgency);
      }
      if (!contextIds(review.context, spec.askedKey).includes(dto.agencyId)) {
        throw new ReviewsException(
          ReviewsErrorCode.AgencyNotAsked,
          `That agency has not been asked for a ${spec.title}.`,
        );
      }
      const now = this.commands.now();
      const inserted: Array<{ id: string }> = await manager.query(
        `INSERT INTO review_returns (partnership_id, instance_id, kind, agency_id, content, status,
           version, updated_by_person_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'draft', 1, $6, $7, $7)
         ON CONFLICT (instance_id, kind, agency_id) DO NOTHING RETURNING id`,
        [
          review.partnershipId,
          instanceId,
          spec.kind,
          dto.agencyId,
          dto.content,
          actor.personId,
          now.toISOString(),
        ],
      );
      if (inserted.length === 0) throw new ReviewsException(ReviewsErrorCode.ReturnExists);
      return toView(await this.find(manager, instanceId, inserted[0].id));
    });
  }

  async update(
    access: AccessContext,
    instanceId: string,
    returnId: string,
    dto: UpdateDraftDto,
    expectedVersion: number,
  ): Promise<ReturnView> {
    return this.commands.scoped(access.scope, async (manager) => {
      const review = await loadReview(manager, instanceId);
      const actor = await reviewActor(manager, access, instanceId, review.partnershipId);
      const row = await this.editable(manager, actor, instanceId, returnId, expectedVersion);
      await manager.update(
        ReviewReturn,
        { id: row.id },
        {
          content: dto.content,
          version: row.version + 1,
          updatedByPersonId: actor.personId,
          updatedAt: this.commands.now(),
        },
      );
      return toView(await this.find(manager, instanceId, row.id));
    });
  }

  /**
   * Submits the draft: the workflow's event (the engine checks the person may, for that agency,
   * and that the return is still awaited) and the return's new status commit together.
   */
  async submit(
    access: AccessContext,
    instanceId: string,
    returnId: string,
    options: { expectedVersion?: number; idempotencyKey?: string },
  ): Promise<ReturnView> {
    const draft = await this.commands.scoped(access.scope, async (manager) => {
      const review = await loadReview(manager, instanceId);
      const row = await this.find(manager, instanceId, returnId);
      const actor = await reviewActor(manager, access, instanceId, review.partnershipId);
      if (!this.visible(actor, row)) throw new ReviewsException(ReviewsErrorCode.ReturnNotFound);
      return { row, spec: this.spec(review, row.kind) };
    });
    return this.commands.command(
      access.scope,
      (manager) =>
        this.engine.send(
          { personId: access.principal.personId },
          instanceId,
          {
            type: draft.spec.eventType,
            payload: { agencyId: draft.row.agencyId },
            idempotencyKey: options.idempotencyKey,
          },
          { manager },
        ),
      async (manager, result) => {
        const row = await this.find(manager, instanceId, returnId, true);
        if (result.replayed && row.submittedEventId === result.event.id) return toView(row);
        if (row.status === 'submitted') {
          throw new ReviewsException(ReviewsErrorCode.AlreadySubmitted);
        }
        if (options.expectedVersion !== undefined && options.expectedVersion !== row.version) {
          throw new ReviewsException(ReviewsErrorCode.StaleDraft, undefined, {
            currentVersion: row.version,
          });
        }
        await manager.update(
          ReviewReturn,
          { id: row.id },
          {
            status: 'submitted',
            version: row.version + 1,
            updatedByPersonId: access.principal.personId,
            updatedAt: this.commands.now(),
            submittedAt: this.commands.now(),
            submittedEventId: result.event.id,
          },
        );
        return toView(await this.find(manager, instanceId, row.id));
      },
    );
  }

  private spec(review: ReviewRecord, kind: string): ReturnKindSpec {
    const spec = returnSpec(review.kind, kind);
    if (!spec) {
      throw new ReviewsException(ReviewsErrorCode.UnknownReturnKind, undefined, {
        errors: [{ field: 'kind', message: 'This review does not take that kind of return.' }],
      });
    }
    return spec;
  }

  /** Submitted returns are for everyone on the review; drafts for who may prepare them. */
  private visible(actor: ReviewActor, row: ReviewReturn): boolean {
    return row.status === 'submitted' || mayPrepareReturn(actor, row.agencyId);
  }

  private async editable(
    manager: EntityManager,
    actor: ReviewActor,
    instanceId: string,
    returnId: string,
    expectedVersion: number,
  ): Promise<ReviewReturn> {
    const row = await this.find(manager, instanceId, returnId, true);
    if (!this.visible(actor, row)) throw new ReviewsException(ReviewsErrorCode.ReturnNotFound);
    if (!mayPrepareReturn(actor, row.agencyId)) {
      throw new ReviewsException(ReviewsErrorCode.NotYourAgency);
    }
    if (row.status === 'submitted') throw new ReviewsException(ReviewsErrorCode.AlreadySubmitted);
    if (row.version !== expectedVersion) {
      throw new ReviewsException(ReviewsErrorCode.StaleDraft, undefined, {
        currentVersion: row.version,
      });
    }
    return row;
  }

  private async find(
    manager: EntityManager,
    instanceId: string,
    returnId: string,
    lock = false,
  ): Promise<ReviewReturn> {
    const row = await manager.findOne(ReviewReturn, {
      where: { id: returnId, instanceId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!row) throw new ReviewsException(ReviewsErrorCode.ReturnNotFound);
    return row;
  }
}
