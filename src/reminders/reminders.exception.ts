import { HttpException, HttpStatus } from '@nestjs/common';
import { problem } from '../common/problem-details.filter';

export enum RemindersErrorCode {
  /** Not `not-found`: the access guard's own 404 uses that code. */
  ReminderNotFound = 'reminder-not-found',
  NotFailed = 'reminder-not-failed',
  InvalidSettings = 'invalid-reminder-settings',
  VersionConflict = 'version-conflict',
  TaskNotFound = 'task-not-found',
  TaskClosed = 'task-closed',
}

const MAPPING = {
  [RemindersErrorCode.ReminderNotFound]: {
    status: HttpStatus.NOT_FOUND,
    hint: 'Reload the list of failed emails.',
  },
  [RemindersErrorCode.NotFailed]: {
    status: HttpStatus.CONFLICT,
    hint: 'It is no longer failed: it was retried already, or the task changed.',
  },
  [RemindersErrorCode.InvalidSettings]: { status: HttpStatus.BAD_REQUEST, hint: '' },
  [RemindersErrorCode.VersionConflict]: {
    status: HttpStatus.CONFLICT,
    hint: 'Reload to see the current settings, then try again.',
  },
  [RemindersErrorCode.TaskNotFound]: { status: HttpStatus.NOT_FOUND, hint: '' },
  [RemindersErrorCode.TaskClosed]: {
    status: HttpStatus.CONFLICT,
    hint: 'A closed task is not chased, so there is nothing to change.',
  },
} satisfies Record<RemindersErrorCode, { status: HttpStatus; hint: string }>;

/** A refusal from the reminders API, as problem details with a `code`; never an address. */
export class RemindersException extends HttpException {
  constructor(
    readonly code: RemindersErrorCode,
    detail: string,
    extensions: Record<string, unknown> = {},
  ) {
    const { status, hint } = MAPPING[code];
    super(problem(status, hint ? `${detail} ${hint}` : detail, { code, ...extensions }), status);
    this.message = detail;
  }
}
