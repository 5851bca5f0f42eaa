import { HttpException } from '@nestjs/common';
import { problem } from '../common/problem-details.filter';

export type AccessErrorCode =
  'sign-in-required' | 'forbidden' | 'not-found' | 'csrf' | 'session-only' | 'no-rule';

/**
 * The one "not found" answer, for records that do not exist and for records the person may not
 * see alike, so the answer never tells which.
 */
export const NOT_FOUND_DETAIL =
  'We could not find that. It may not exist, or you may not have access to it.';

const ERRORS = {
  'sign-in-required': { status: 401, detail: 'Sign in to continue.' },
  forbidden: { status: 403, detail: 'You may not do this.' },
  'not-found': { status: 404, detail: NOT_FOUND_DETAIL },
  csrf: {
    status: 403,
    detail:
      'This form has expired or did not come from this site. Go back, reload the page and try again.',
  },
  'session-only': {
    status: 403,
    detail: 'Only a signed-in browser session can do this; an API token cannot.',
  },
  'no-rule': {
    status: 403,
    detail: 'This endpoint has no access rule, so nobody may use it.',
  },
} satisfies Record<AccessErrorCode, { status: number; detail: string }>;

export class AccessException extends HttpException {
  constructor(
    readonly code: AccessErrorCode,
    detail: string = ERRORS[code].detail,
  ) {
    super(problem(ERRORS[code].status, detail, { code }), ERRORS[code].status);
  }
}
