import { HttpException } from '@nestjs/common';
import { NOT_FOUND_DETAIL } from '../access/access.exception';
import { problem } from '../common/problem-details.filter';

export type PeopleErrorCode =
  | 'not-a-member'
  | 'already-a-member'
  | 'agency-not-found'
  | 'agency-name-taken'
  | 'partnership-not-found'
  | 'partnership-code-taken'
  | 'person-not-found'
  | 'last-business-manager';

const ERRORS = {
  'not-a-member': { status: 404, detail: NOT_FOUND_DETAIL },
  'already-a-member': {
    status: 409,
    detail: 'That person is already a member of this partnership. Change their roles instead.',
  },
  'agency-not-found': {
    status: 422,
    detail: 'agencyId does not name an agency of this partnership.',
  },
  'agency-name-taken': {
    status: 409,
    detail: 'This partnership already has an agency with that name.',
  },
  'partnership-not-found': { status: 404, detail: 'There is no partnership with that code or id.' },
  'partnership-code-taken': {
    status: 409,
    detail: 'Another partnership already uses that code. Choose a different code.',
  },
  'person-not-found': { status: 404, detail: 'There is no person with that email address.' },
  'last-business-manager': {
    status: 409,
    detail:
      'A partnership must keep at least one business manager. Grant the role to someone else first.',
  },
} satisfies Record<PeopleErrorCode, { status: number; detail: string }>;

export class PeopleException extends HttpException {
  constructor(readonly code: PeopleErrorCode) {
    super(problem(ERRORS[code].status, ERRORS[code].detail, { code }), ERRORS[code].status);
  }
}

/** True when `error` is PostgreSQL refusing a duplicate on the named unique index. */
export function isUniqueViolation(error: unknown, index: string): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } })
    .driverError;
  const source = driverError ?? (error as { code?: string; constraint?: string });
  return source.code === '23505' && source.constraint === index;
}
