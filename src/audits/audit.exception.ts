import { HttpException, HttpStatus } from '@nestjs/common';
import { NOT_FOUND_DETAIL } from '../access/access.exception';
import { problem } from '../common/problem-details.filter';
import type { FieldProblem } from './tools/audit-tool-content';

/** Why the audits module refused a request. */
export enum AuditErrorCode {
  AuditNotFound = 'audit-not-found',
  ToolNotFound = 'audit-tool-not-found',
  CaseNotFound = 'audit-case-not-found',
  ReturnNotFound = 'audit-return-not-found',
  ConcernNotFound = 'concern-not-found',
  ProgrammeNotFound = 'audit-programme-not-found',
  ProgrammeEntryNotFound = 'programme-entry-not-found',
  ToolNameTaken = 'audit-tool-name-taken',
  InvalidTool = 'invalid-audit-tool',
  InvalidAudit = 'invalid-audit',
  InvalidReturn = 'invalid-return',
  ReturnIncomplete = 'return-incomplete',
  StaleReturn = 'stale-return',
  NotYourAgency = 'not-your-agency',
  EntryAlreadyStarted = 'programme-entry-started',
  UseDedicatedEndpoint = 'use-dedicated-endpoint',
}

interface CodeMapping {
  status: HttpStatus;
  /** The detail when the caller gives none. */
  detail: string;
}

const MAPPING = {
  [AuditErrorCode.AuditNotFound]: { status: HttpStatus.NOT_FOUND, detail: NOT_FOUND_DETAIL },
  [AuditErrorCode.ToolNotFound]: { status: HttpStatus.NOT_FOUND, detail: NOT_FOUND_DETAIL },
  [AuditErrorCode.CaseNotFound]: { status: HttpStatus.NOT_FOUND, detail: NOT_FOUND_DETAIL },
  [AuditErrorCode.ReturnNotFound]: { status: HttpStatus.NOT_FOUND, detail: NOT_FOUND_DETAIL },
  [AuditErrorCode.ConcernNotFound]: { status: HttpStatus.NOT_FOUND, detail: NOT_FOUND_DETAIL },
  [AuditErrorCode.ProgrammeNotFound]: { status: HttpStatus.NOT_FOUND, detail: NOT_FOUND_DETAIL },
  [AuditErrorCode.ProgrammeEntryNotFound]: {
    status: HttpStatus.NOT_FOUND,
    detail: NOT_FOUND_DETAIL,
  },
  [AuditErrorCode.ToolNameTaken]: {
    status: HttpStatus.CONFLICT,
    detail: 'This partnership already has an audit tool with that name. Choose another name.',
  },
  [AuditErrorCode.InvalidTool]: {
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    detail: 'The audit tool is not valid.',
  },
  [AuditErrorCode.InvalidAudit]: {
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    detail: 'The audit cannot be set up like this.',
  },
  [AuditErrorCode.InvalidReturn]: {
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    detail: 'The return does not fit the audit tool.',
  },
  [AuditErrorCode.ReturnIncomplete]: {
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    detail: 'The return is not complete.',
  },
  [AuditErrorCode.StaleReturn]: {
    status: HttpStatus.CONFLICT,
    detail: 'The return has changed since you loaded it. Reload it, then save again.',
  },
  [AuditErrorCode.NotYourAgency]: {
    status: HttpStatus.FORBIDDEN,
    detail:
      "Only the agency's own safeguarding lead or audit group members on this audit can work on its returns.",
  },
  [AuditErrorCode.EntryAlreadyStarted]: {
    status: HttpStatus.CONFLICT,
    detail: 'That planned audit has already been started.',
  },
  [AuditErrorCode.UseDedicatedEndpoint]: {
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    detail: 'Send this step through its own endpoint.',
  },
} satisfies Record<AuditErrorCode, CodeMapping>;

const TITLES: Partial<Record<number, string>> = { 428: 'Precondition required' };

/**
 * A refusal from the audits module as RFC 9457 problem details with a `code`. Details name fields
 * and steps, never case content or identifying details.
 */
export class AuditException extends HttpException {
  constructor(
    readonly code: AuditErrorCode,
    detail?: string,
    extensions: { errors?: FieldProblem[]; [key: string]: unknown } = {},
  ) {
    const { status, detail: fallback } = MAPPING[code];
    const title = TITLES[status];
    super(
      problem(status, detail ?? fallback, { ...(title ? { title } : {}), code, ...extensions }),
      status,
    );
  }
}
