import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AccessContext } from '../../access/access-context';
import { WorkflowEngine } from '../../engine/workflow-engine.service';
import type { CommentRound } from '../../../workflows/review-shared/review.types';
import { ReviewComment } from '../persistence/review-comment.entity';
import type { DraftStatus } from '../persistence/review-return.entity';
import { isOnPanel, reviewActor } from '../review-actor';
import { ReviewCommands } from '../review-commands.service';
import { REVIEW_KIND_SPECS } from '../review-kinds';
import { loadReview, type ReviewRecord } from '../review-store';
import { ReviewsErrorCode, ReviewsException } from '../reviews.exception';
import type { UpdateDraftDto } from '../returns/dto/return.dto';
import type { CreateCommentDto } from './dto/comment.dto';

export interface CommentView {
  id: string;
  round: number;
  authorPersonId: string;
  /** Case content. */
  content: string;
  status: DraftStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
}

function toView(row: ReviewComment): CommentView {
  return {
    id: row.id,
    round: row.round,
    authorPersonId: row.authorPersonId,
    content: row.content,
    status: row.status,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    submittedAt: row.submittedAt?.toISOString() ?? null,
  };
}

/** The round of comments open now, if any. */
export function openRound(review: ReviewRecord): number | null {
  const rounds = review.context.commentRounds;
  if (!Array.isArray(rounds) || rounds.length === 0) return null;
  const last = rounds[rounds.length - 1] as CommentRound;
  return last.closed ? null : last.number;
}

/**
 * Panel members' comments on the draft report, one per person per round, on the round open now:
 * drafted, then submitted with the workflow's event in the same transaction. Drafts are their
 * author's alone; submitted comments are for everyone on the review.
 */
@Injectable()
export class ReviewCommentsService {
  constructor(
    private readonly commands: ReviewCommands,
    private readonly engine: WorkflowEngine,
  ) {}

  async list(access: AccessContext, instanceId: string): Promise<CommentView[]> {
    return this.commands.scoped(access.scope, async (manager) => {
      await loadReview(manager, instanceId);
      const rows = await manager.find(ReviewComment, {
        where: { instanceId },
        order: { round: 'ASC', createdAt: 'ASC', id: 'ASC' },
      });
      return rows.filter((row) => this.visible(access.principal.personId, row)).map(toView);
    });
  }

  async create(
    access: AccessContext,
    instanceId: string,
    dto: CreateCommentDto,
  ): Promise<CommentView> {
    return this.commands.scoped(access.scope, async (manager) => {
      const review = await loadReview(manager, instanceId);
      const actor = await reviewActor(manager, access, instanceId, review.partnershipId);
      if (!isOnPanel(actor)) throw new ReviewsException(ReviewsErrorCode.NotOnPanel);
      const round = openRound(review);
      if (round === null) throw new ReviewsException(ReviewsErrorCode.NoOpenRound);
      const inserted: Array<{ id: string }> = await manager.query(
        `INSERT INTO review_comments (partnership_id, instance_id, round, author_person_id, content,
           status, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'draft', 1, $6, $6)
         ON CONFLICT (instance_id, round, author_person_id) DO NOTHING RETURNING id`,
        [
          review.partnershipId,
          instanceId,
          round,
          actor.personId,
          dto.content,
          this.commands.now().toISOString(),
        ],
      );
      if (inserted.length === 0) throw new ReviewsException(ReviewsErrorCode.CommentsExist);
      return toView(await this.find(manager, instanceId, inserted[0].id));
    });
  }

  async update(
    access: AccessContext,
    instanceId: string,
    commentId: string,
    dto: UpdateDraftDto,
    expectedVersion: number,
  ): Promise<CommentView> {
    return this.commands.scoped(access.scope, async (manager) => {
      const review = await loadReview(manager, instanceId);
      const row = await this.editable(manager, access, review, commentId, expectedVersion);
      await manager.update(
        ReviewComment,
        { id: row.id },
        { content: dto.content, version: row.version + 1, updatedAt: this.commands.now() },
      );
      return toView(await this.find(manager, instanceId, row.id));
    });
  }

  /** Submits the comments: the workflow's event and the comments' new status commit together. */
  async submit(
    access: AccessContext,
    instanceId: string,
    commentId: string,
    options: { expectedVersion?: number; idempotencyKey?: string },
  ): Promise<CommentView> {
    const review = await this.commands.scoped(access.scope, async (manager) => {
      const found = await loadReview(manager, instanceId);
      const row = await this.find(manager, instanceId, commentId);
      if (!this.visible(access.principal.personId, row)) {
        throw new ReviewsException(ReviewsErrorCode.CommentNotFound);
      }
      return found;
    });
    return this.commands.command(
      access.scope,
      (manager) =>
        this.engine.send(
          { personId: access.principal.personId },
          instanceId,
          {
            type: REVIEW_KIND_SPECS[review.kind].commentsEvent,
            idempotencyKey: options.idempotencyKey,
          },
          { manager },
        ),
      async (manager, result) => {
        const row = await this.find(manager, instanceId, commentId, true);
        if (result.replayed && row.submittedEventId === result.event.id) return toView(row);
        const after = await loadReview(manager, instanceId);
        // The event moved the review on: the comments must belong to the round it took them in.
        if (row.round !== lastRound(after))
          throw new ReviewsException(ReviewsErrorCode.NoOpenRound);
        this.checkEditable(access.principal.personId, row, options.expectedVersion);
        await manager.update(
          ReviewComment,
          { id: row.id },
          {
            status: 'submitted',
            version: row.version + 1,
            updatedAt: this.commands.now(),
            submittedAt: this.commands.now(),
            submittedEventId: result.event.id,
          },
        );
        return toView(await this.find(manager, instanceId, row.id));
      },
    );
  }

  private visible(personId: string, row: ReviewComment): boolean {
    return row.status === 'submitted' || row.authorPersonId === personId;
  }

  private async editable(
    manager: EntityManager,
    access: AccessContext,
    review: ReviewRecord,
    commentId: string,
    expectedVersion: number,
  ): Promise<ReviewComment> {
    const row = await this.find(manager, review.id, commentId, true);
    if (!this.visible(access.principal.personId, row)) {
      throw new ReviewsException(ReviewsErrorCode.CommentNotFound);
    }
    this.checkEditable(access.principal.personId, row, expectedVersion);
    if (row.round !== openRound(review)) throw new ReviewsException(ReviewsErrorCode.NoOpenRound);
    return row;
  }

  private checkEditable(personId: string, row: ReviewComment, expectedVersion?: number): void {
    if (row.authorPersonId !== personId) {
      throw new ReviewsException(ReviewsErrorCode.NotYourComments);
    }
    if (row.status === 'submitted') throw new ReviewsException(ReviewsErrorCode.AlreadySubmitted);
    if (expectedVersion !== undefined && row.version !== expectedVersion) {
      throw new ReviewsException(ReviewsErrorCode.StaleDraft, undefined, {
        currentVersion: row.version,
      });
    }
  }

  private async find(
    manager: EntityManager,
    instanceId: string,
    commentId: string,
    lock = false,
  ): Promise<ReviewComment> {
    const row = await manager.findOne(ReviewComment, {
      where: { id: commentId, instanceId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!row) throw new ReviewsException(ReviewsErrorCode.CommentNotFound);
    return row;
  }
}

function lastRound(review: ReviewRecord): number | null {
  const rounds = review.context.commentRounds;
  return Array.isArray(rounds) && rounds.length > 0
    ? (rounds[rounds.length - 1] as CommentRound).number
    : null;
}
