import { HttpException } from '@nestjs/common';
import { problem } from '../common/problem-details.filter';

export type AuthErrorCode = 'invalid-sign-in-link' | 'csrf-needs-session' | 'token-not-found';

const ERRORS = {
  'invalid-sign-in-link': {
    status: 401,
    detail:
      'This sign-in link does not work: links work once, for 15 minutes. Ask for a new link from the sign-in page.',
  },
  'csrf-needs-session': {
    status: 400,
    detail: 'Form tokens are for browser sessions; requests with an API token do not need one.',
  },
  'token-not-found': { status: 404, detail: 'You have no API token with that id.' },
} satisfies Record<AuthErrorCode, { status: number; detail: string }>;

export class AuthException extends HttpException {
  constructor(readonly code: AuthErrorCode) {
    super(problem(ERRORS[code].status, ERRORS[code].detail, { code }), ERRORS[code].status);
  }
}
