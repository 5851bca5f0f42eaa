import { HttpException, Injectable } from '@nestjs/common';
import type { AccessContext } from '../../access/access-context';
import { auditActor } from '../../audits/audit-actor';
import { AuditsService, CASE_FILE_AUDIT } from '../../audits/audits/audits.service';
import type { AuditEventDto } from '../../audits/audits/dto/audit-event.dto';
import { EngineErrorCode, EngineException } from '../../engine/engine.exception';
import type { InstanceView } from '../../engine/engine.types';
import { WorkflowEngine } from '../../engine/workflow-engine.service';
import { isReviewKind } from '../../reviews/review-kinds';
import { ReviewsService } from '../../reviews/reviews/reviews.service';

/** Why a step was not taken, as the page shows it. */
export interface StepRefusal {
  status: number;
  message: string;
  /** The workflow's business rule refused a value: show it at the field it is about. */
  byCheck: boolean;
}

/** A page submitted after the audit or review moved on. */
export const STALE_STEP =
  'This audit or review changed after you opened this page, so nothing was recorded. ' +
  'Check the page as it is now, then try again.';

/**
 * Sends a workflow event from a step page the way the REST API does for the same command: an
 * audit's steps through the audits service, a review's through the reviews service (which keep
 * their own records in step), anything else straight to the engine; with the version the page
 * was shown at, so a stale page changes nothing.
 */
@Injectable()
export class StepEventSender {
  constructor(
    private readonly audits: AuditsService,
    private readonly reviews: ReviewsService,
    private readonly engine: WorkflowEngine,
  ) {}

  /** Null when the event was applied; otherwise why not. */
  async send(
    access: AccessContext,
    instance: InstanceView,
    type: string,
    payload: Record<string, unknown>,
    expectedVersion: number | undefined,
  ): Promise<StepRefusal | null> {
    const options = { expectedVersion: expectedVersion ?? 0 };
    try {
      if (instance.definition.key === CASE_FILE_AUDIT) {
        const dto = { type, payload } as AuditEventDto;
        await this.audits.sendEvent(auditActor(access), instance.id, dto, options);
      } else if (isReviewKind(instance.definition.key)) {
        await this.reviews.send(access, instance.id, { type, payload }, options);
      } else {
        await this.engine.send({ personId: access.principal.personId }, instance.id, {
          type,
          payload,
          ...options,
        });
      }
      return null;
    } catch (error) {
      return refusalOf(error);
    }
  }
}

function refusalOf(error: unknown): StepRefusal {
  if (error instanceof EngineException) {
    switch (error.code) {
      case EngineErrorCode.VersionConflict:
        return { status: 409, message: STALE_STEP, byCheck: false };
      case EngineErrorCode.EventNotAccepted:
        return {
          status: 409,
          message:
            'This can no longer be done at this stage: someone else may have done it. Check the page as it is now.',
          byCheck: false,
        };
      case EngineErrorCode.CheckFailed:
        return { status: 422, message: error.message, byCheck: true };
      case EngineErrorCode.Forbidden:
        return { status: 403, message: error.message, byCheck: false };
      default:
        break;
    }
  }
  if (error instanceof HttpException && error.getStatus() < 500 && error.getStatus() !== 404) {
    const body = error.getResponse() as { detail?: string };
    return { status: error.getStatus(), message: body.detail ?? error.message, byCheck: false };
  }
  throw error;
}
