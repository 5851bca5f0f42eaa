import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { actingPartnershipId, type AccessContext } from '../../access/access-context';
import { DefinitionRegistry } from '../../engine/definitions/definition-registry';
import type { CommandResult } from '../../engine/engine.types';
import { WorkflowEngine } from '../../engine/workflow-engine.service';
import { ReviewSubject } from '../persistence/review-subject.entity';
import { ReviewCommands } from '../review-commands.service';
import { contentEventEndpoint, REVIEW_KIND_SPECS } from '../review-kinds';
import { stageOf } from '../review-stage';
import { loadReview } from '../review-store';
import { ReviewsErrorCode, ReviewsException } from '../reviews.exception';
import type { ReviewMemberDto, ReviewSubjectDto, StartReviewDto } from './dto/start-review.dto';
import type { SendReviewEventDto } from './dto/send-review-event.dto';

/** What opening a review or taking a step returns. */
export interface ReviewCommandView {
  id: string;
  reference: string;
  kind: string;
  version: number;
  status: string;
  state: unknown;
  stage: string | null;
  event: { type: string; version: number; occurredAt: string };
  replayed: boolean;
}

/**
 * Opens reviews (recording the incident or referral they start from) and sends their workflow
 * steps through the engine. The pseudonym lives in the machine's context; the child's identifying
 * details go to their own restricted table in the same transaction.
 */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly engine: WorkflowEngine,
    private readonly registry: DefinitionRegistry,
    private readonly commands: ReviewCommands,
  ) {}

  async start(access: AccessContext, dto: StartReviewDto): Promise<ReviewCommandView> {
    const partnershipId = actingPartnershipId(access);
    const spec = REVIEW_KIND_SPECS[dto.kind];
    if (dto.kind === 'learning-review' && dto.details.referralSource === 'step-down') {
      throw new ReviewsException(ReviewsErrorCode.UseStepDown, undefined, {
        errors: [
          {
            field: 'details.referralSource',
            message:
              'A stepped-down review continues in a learning review started when the step-down is recorded.',
          },
        ],
      });
    }
    const problems = spec.inputProblems(dto.details, this.commands.today());
    if (problems.length > 0) {
      const errors = problems.map((problem) => ({
        field: problem.field ? `details.${problem.field}` : 'details',
        message: problem.message,
      }));
      throw new ReviewsException(
        ReviewsErrorCode.InvalidDetails,
        errors.map((error) => error.message).join(' '),
        { errors },
      );
    }
    await this.commands.scoped(access.scope, (manager) =>
      this.checkBelongs(manager, partnershipId, dto.members ?? [], dto.subject),
    );
    const definition = this.registry.latest(dto.kind);
    const result = await this.commands.command(
      access.scope,
      (manager) =>
        this.engine.start(
          { personId: access.principal.personId },
          {
            partnershipId,
            definitionKey: dto.kind,
            // Never the pseudonym: titles may appear in task lists and emails.
            title: definition?.title ?? dto.kind,
            input: dto.details,
            members: (dto.members ?? []).map((member) => ({
              personId: member.personId,
              role: member.role,
              agencyId: member.agencyId ?? null,
            })),
          },
          { manager },
        ),
      async (manager, started) => {
        if (dto.subject) {
          await manager.insert(ReviewSubject, {
            partnershipId,
            instanceId: started.instanceId,
            fullName: dto.subject.fullName,
            dateOfBirth: dto.subject.dateOfBirth ?? null,
            address: dto.subject.address ?? null,
            recordNumbers: (dto.subject.recordNumbers ?? []).map((entry) => ({
              agencyId: entry.agencyId,
              recordNumber: entry.recordNumber,
            })),
            recordedByPersonId: access.principal.personId,
            recordedAt: this.commands.now(),
          });
        }
        return started;
      },
    );
    return this.view(dto.kind, result, definition?.version ?? 1);
  }

  /** One workflow step, as the person; content-bearing steps go through their own endpoints. */
  async send(
    access: AccessContext,
    instanceId: string,
    dto: SendReviewEventDto,
    headers: { expectedVersion?: number; idempotencyKey?: string },
  ): Promise<ReviewCommandView> {
    const review = await this.commands.scoped(access.scope, (manager) =>
      loadReview(manager, instanceId),
    );
    const endpoint = contentEventEndpoint(review.kind, dto.type);
    if (endpoint) {
      throw new ReviewsException(
        ReviewsErrorCode.UseDedicatedEndpoint,
        `${dto.type} carries content this service keeps: submit it with ${endpoint}.`,
      );
    }
    if (dto.type === 'STEPPED_DOWN' && dto.payload?.learningReviewId !== undefined) {
      throw new ReviewsException(ReviewsErrorCode.UseStepDown, undefined, {
        errors: [
          {
            field: 'payload.learningReviewId',
            message: 'Leave learningReviewId out: the learning review is started for you.',
          },
        ],
      });
    }
    const result = await this.engine.send({ personId: access.principal.personId }, instanceId, {
      type: dto.type,
      payload: dto.payload ?? {},
      expectedVersion: headers.expectedVersion,
      idempotencyKey: headers.idempotencyKey,
    });
    return this.view(review.kind, result, review.definitionVersion);
  }

  private view(kind: string, result: CommandResult, version: number): ReviewCommandView {
    return {
      id: result.instanceId,
      reference: result.reference,
      kind,
      version: result.version,
      status: result.status,
      state: result.state,
      stage: stageOf(this.registry, kind, version, result.state),
      event: {
        type: result.event.type,
        version: result.event.version,
        occurredAt: result.event.occurredAt,
      },
      replayed: result.replayed,
    };
  }

  /** Members and record numbers name this partnership's people and agencies only. */
  private async checkBelongs(
    manager: EntityManager,
    partnershipId: string,
    members: readonly ReviewMemberDto[],
    subject: ReviewSubjectDto | undefined,
  ): Promise<void> {
    const personIds = [...new Set(members.map((member) => member.personId))];
    const agencyIds = [
      ...new Set([
        ...members.flatMap((member) => (member.agencyId ? [member.agencyId] : [])),
        ...(subject?.recordNumbers ?? []).map((entry) => entry.agencyId),
      ]),
    ];
    const people: Array<{ person_id: string }> = await manager.query(
      `SELECT person_id FROM partnership_members WHERE partnership_id = $1 AND person_id = ANY($2::uuid[])`,
      [partnershipId, personIds],
    );
    const agencies: Array<{ id: string }> = await manager.query(
      `SELECT id FROM agencies WHERE partnership_id = $1 AND id = ANY($2::uuid[])`,
      [partnershipId, agencyIds],
    );
    const knownPeople = new Set(people.map((row) => row.person_id));
    const knownAgencies = new Set(agencies.map((row) => row.id));
    const errors = [
      ...members.flatMap((member, index) => [
        ...(knownPeople.has(member.personId)
          ? []
          : [
              {
                field: `members.${index}.personId`,
                message: 'This person is not a member of the partnership.',
              },
            ]),
        ...(member.agencyId && !knownAgencies.has(member.agencyId)
          ? [
              {
                field: `members.${index}.agencyId`,
                message: 'This is not one of the partnership’s agencies.',
              },
            ]
          : []),
      ]),
      ...(subject?.recordNumbers ?? []).flatMap((entry, index) =>
        knownAgencies.has(entry.agencyId)
          ? []
          : [
              {
                field: `subject.recordNumbers.${index}.agencyId`,
                message: 'This is not one of the partnership’s agencies.',
              },
            ],
      ),
    ];
    if (errors.length > 0) {
      throw new ReviewsException(
        ReviewsErrorCode.InvalidMembers,
        errors.map((error) => error.message).join(' '),
        { errors },
      );
    }
  }
}
