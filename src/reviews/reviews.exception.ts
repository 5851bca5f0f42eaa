import { HttpException, HttpStatus } from '@nestjs/common';
import { NOT_FOUND_DETAIL } from '../access/access.exception';
import { problem } from '../common/problem-details.filter';

/** Why the reviews module refused a request. */
export enum ReviewsErrorCode {
  ReviewNotFound = 'review-not-found',
  ReturnNotFound = 'review-return-not-found',
  CommentNotFound = 'review-comment-not-found',
  SubjectNotFound = 'review-subject-not-found',
  InvalidDetails = 'invalid-review-details',
  InvalidMembers = 'invalid-review-members',
  UseStepDown = 'use-step-down',
  UseDedicatedEndpoint = 'use-dedicated-endpoint',
  UnknownReturnKind = 'unknown-return-kind',
  AgencyNotAsked = 'agency-not-asked',
  ReturnExists = 'review-return-exists',
  NotYourAgency = 'not-your-agency',
  NotOnPanel = 'not-on-panel',
  NotYourComments = 'not-your-comments',
  NoOpenRound = 'no-open-comment-round',
  CommentsExist = 'review-comments-exist',
  AlreadySubmitted = 'already-submitted',
  StaleDraft = 'stale-draft',
  UnknownPartnership = 'unknown-partnership',
  UnknownContributorPeople = 'unknown-contributor-people',
}

interface CodeMapping {
  status: HttpStatus;
  /** The detail when the caller gives none. */
  detail: string;
}

const MAPPING = {
  [ReviewsErrorCode.ReviewNotFound]: { status: HttpStatus.NOT_FOUND, detail: NOT_FOUND_DETAIL },
  [ReviewsErrorCode.ReturnNotFound]: { status: HttpStatus.NOT_FOUND, detail: NOT_FOUND_DETAIL },
  [ReviewsErrorCode.CommentNotFound]: { status: HttpStatus.NOT_FOUND, detail: NOT_FOUND_DETAIL },
  [ReviewsErrorCode.SubjectNotFound]: {
    status: HttpStatus.NOT_FOUND,
    detail: 'No identifying details have been recorded for this review.',
  },
  [ReviewsErrorCode.InvalidDetails]: {
    status: HttpStatus.BAD_REQUEST,
    detail: 'The review details are not valid.',
  },
  [ReviewsErrorCode.InvalidMembers]: {
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    detail: 'Everyone on the review must belong to the partnership, with one of its agencies.',
  },
  [ReviewsErrorCode.UseStepDown]: {
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    detail:
      'A learning review continuing a stepped-down review is started for you when the step-down is recorded.',
  },
  [ReviewsErrorCode.UseDedicatedEndpoint]: {
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    detail: 'Send this step through its own endpoint.',
  },
  [ReviewsErrorCode.UnknownReturnKind]: {
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    detail: 'This review does not take that kind of return.',
  },
  [ReviewsErrorCode.AgencyNotAsked]: {
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    detail: 'That agency has not been asked for this return.',
  },
  [ReviewsErrorCode.ReturnExists]: {
    status: HttpStatus.CONFLICT,
    detail: 'That agency already has this return; open it and edit it instead.',
  },
  [ReviewsErrorCode.NotYourAgency]: {
    status: HttpStatus.FORBIDDEN,
    detail:
      'Only an agency safeguarding lead on this review (for their own agency) or the business unit can prepare an agency’s return.',
  },
  [ReviewsErrorCode.NotOnPanel]: {
    status: HttpStatus.FORBIDDEN,
    detail: 'Only a member of the review panel can comment on the draft report.',
  },
  [ReviewsErrorCode.NotYourComments]: {
    status: HttpStatus.FORBIDDEN,
    detail: 'Only the panel member who wrote these comments can change or submit them.',
  },
  [ReviewsErrorCode.NoOpenRound]: {
    status: HttpStatus.CONFLICT,
    detail: 'There is no open round of comments on the draft report.',
  },
  [ReviewsErrorCode.CommentsExist]: {
    status: HttpStatus.CONFLICT,
    detail: 'You already have comments in this round; open them and edit them instead.',
  },
  [ReviewsErrorCode.AlreadySubmitted]: {
    status: HttpStatus.CONFLICT,
    detail: 'This has already been submitted and can no longer change.',
  },
  [ReviewsErrorCode.StaleDraft]: {
    status: HttpStatus.CONFLICT,
    detail: 'This has changed since you loaded it. Reload it, then try again.',
  },
  [ReviewsErrorCode.UnknownPartnership]: {
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    detail: 'There is no other partnership with that code.',
  },
  [ReviewsErrorCode.UnknownContributorPeople]: {
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    detail: 'Some people named are not active members of the contributing partnership.',
  },
} satisfies Record<ReviewsErrorCode, CodeMapping>;

const TITLES: Partial<Record<number, string>> = { 428: 'Precondition required' };

/**
 * A refusal from the reviews module as RFC 9457 problem details with a `code`. Details name fields
 * and steps, never case content or identifying details.
 */
export class ReviewsException extends HttpException {
  constructor(
    readonly code: ReviewsErrorCode,
    detail?: string,
    extensions: { errors?: Array<{ field: string; message: string }>; [key: string]: unknown } = {},
  ) {
    const { status, detail: fallback } = MAPPING[code];
    const title = TITLES[status];
    super(
      problem(status, detail ?? fallback, { ...(title ? { title } : {}), code, ...extensions }),
      status,
    );
  }
}
