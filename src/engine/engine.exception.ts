import { HttpException, HttpStatus } from '@nestjs/common';
import { problem } from '../common/problem-details.filter';

/** Why the engine refused a command or a read. */
export enum EngineErrorCode {
  InstanceNotFound = 'instance-not-found',
  DefinitionNotFound = 'definition-not-found',
  VersionConflict = 'version-conflict',
  EventNotAccepted = 'event-not-accepted',
  Forbidden = 'forbidden',
  CheckFailed = 'check-failed',
  InvalidCommand = 'invalid-command',
  IdempotencyKeyReused = 'idempotency-key-reused',
  InstanceBroken = 'instance-broken',
  MigrationFailed = 'migration-failed',
}

interface CodeMapping {
  status: HttpStatus;
  /** What the person can do about it; appended to the detail. */
  hint: string;
}

const MAPPING = {
  [EngineErrorCode.InstanceNotFound]: {
    status: HttpStatus.NOT_FOUND,
    hint: 'Check the link, or ask the business unit to add you to it.',
  },
  [EngineErrorCode.DefinitionNotFound]: {
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    hint: 'Choose one of the workflows this service runs.',
  },
  [EngineErrorCode.VersionConflict]: {
    status: HttpStatus.CONFLICT,
    hint: 'Reload to see what changed, then try again.',
  },
  [EngineErrorCode.EventNotAccepted]: {
    status: HttpStatus.CONFLICT,
    hint: 'Reload to see what can be done at this stage.',
  },
  [EngineErrorCode.Forbidden]: { status: HttpStatus.FORBIDDEN, hint: '' },
  [EngineErrorCode.CheckFailed]: { status: HttpStatus.UNPROCESSABLE_ENTITY, hint: '' },
  [EngineErrorCode.InvalidCommand]: { status: HttpStatus.BAD_REQUEST, hint: '' },
  [EngineErrorCode.IdempotencyKeyReused]: {
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    hint: 'Use a new idempotency key for a different request.',
  },
  [EngineErrorCode.InstanceBroken]: {
    status: HttpStatus.CONFLICT,
    hint: 'It has been reported; nothing was changed. Contact support.',
  },
  [EngineErrorCode.MigrationFailed]: {
    status: HttpStatus.CONFLICT,
    hint: 'The instance stays on its current version; nothing was changed.',
  },
} satisfies Record<EngineErrorCode, CodeMapping>;

export function engineErrorStatus(code: EngineErrorCode): HttpStatus {
  return MAPPING[code].status;
}

/**
 * A refusal from the engine, rendered as RFC 9457 problem details with a `code` extension, e.g.
 * 409 with `currentVersion`, or 409 with `acceptedEvents`. Details never carry case content.
 */
export class EngineException extends HttpException {
  constructor(
    readonly code: EngineErrorCode,
    detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    const { status, hint } = MAPPING[code];
    super(problem(status, hint ? `${detail} ${hint}` : detail, { code, ...extensions }), status);
    this.message = detail;
  }
}
