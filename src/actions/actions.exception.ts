import { HttpException, HttpStatus } from '@nestjs/common';
import { problem } from '../common/problem-details.filter';

/** Why the recommendations and actions module refused a request. */
export enum ActionsErrorCode {
  ActionNotFound = 'action-not-found',
  RecommendationNotFound = 'recommendation-not-found',
  VersionConflict = 'version-conflict',
  NotActionOwner = 'not-action-owner',
  OwnerCannotAgree = 'owner-cannot-agree-closure',
  ActionComplete = 'action-complete',
  ClosureNotRequested = 'closure-not-requested',
  ClosureAlreadyRequested = 'closure-already-requested',
  LeadCannotSeeInstance = 'lead-cannot-see-instance',
  AgencyNotFound = 'agency-not-found',
  NumberTaken = 'number-taken',
  UnknownSource = 'unknown-source',
}

interface CodeMapping {
  status: HttpStatus;
  detail: string;
  /** The request field the problem is about, named in `errors` as validation errors are. */
  field?: string;
}

const MAPPING = {
  [ActionsErrorCode.ActionNotFound]: {
    status: HttpStatus.NOT_FOUND,
    detail: 'This audit or review has no such action. Check the link.',
  },
  [ActionsErrorCode.RecommendationNotFound]: {
    status: HttpStatus.NOT_FOUND,
    detail: 'This audit or review has no such recommendation. Check the link.',
  },
  [ActionsErrorCode.VersionConflict]: {
    status: HttpStatus.CONFLICT,
    detail:
      'This action has changed since you loaded it. Reload to see what changed, then try again.',
  },
  [ActionsErrorCode.NotActionOwner]: {
    status: HttpStatus.FORBIDDEN,
    detail:
      'Only the action’s owner — its lead, or a member of this audit or review for the owner agency — can report progress on it or ask for it to be closed.',
  },
  [ActionsErrorCode.OwnerCannotAgree]: {
    status: HttpStatus.FORBIDDEN,
    detail:
      'Only the subgroup can close an action, not its owner alone: someone other than its lead and the person who asked for closure must agree it.',
  },
  [ActionsErrorCode.ActionComplete]: {
    status: HttpStatus.CONFLICT,
    detail: 'This action is complete: its closure was agreed, so it can no longer change.',
  },
  [ActionsErrorCode.ClosureNotRequested]: {
    status: HttpStatus.CONFLICT,
    detail:
      'Nobody has asked for this action to be closed, so there is nothing to agree or decline.',
  },
  [ActionsErrorCode.ClosureAlreadyRequested]: {
    status: HttpStatus.CONFLICT,
    detail: 'Closure of this action has already been asked for and awaits the subgroup.',
  },
  [ActionsErrorCode.LeadCannotSeeInstance]: {
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    detail:
      'leadPersonId must name someone who can see this audit or review. Add them to it (for example as action owner for their agency) first.',
    field: 'leadPersonId',
  },
  [ActionsErrorCode.AgencyNotFound]: {
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    detail: 'ownerAgencyId must name one of this partnership’s agencies.',
    field: 'ownerAgencyId',
  },
  [ActionsErrorCode.NumberTaken]: {
    status: HttpStatus.CONFLICT,
    detail: 'This audit or review already has a recommendation with that number. Choose another.',
    field: 'number',
  },
  [ActionsErrorCode.UnknownSource]: {
    status: HttpStatus.BAD_REQUEST,
    detail: 'source must be audit, review or the key of a workflow this service runs.',
    field: 'source',
  },
} satisfies Record<ActionsErrorCode, CodeMapping>;

/** A refusal as RFC 9457 problem details with a `code`; details never carry case learning. */
export class ActionsException extends HttpException {
  constructor(
    readonly code: ActionsErrorCode,
    extensions: Record<string, unknown> = {},
  ) {
    const mapping: CodeMapping = MAPPING[code];
    const errors = mapping.field
      ? { errors: [{ field: mapping.field, message: mapping.detail }] }
      : {};
    super(
      problem(mapping.status, mapping.detail, { code, ...errors, ...extensions }),
      mapping.status,
    );
    this.message = mapping.detail;
  }
}
