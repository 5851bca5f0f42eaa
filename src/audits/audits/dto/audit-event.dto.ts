import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional } from 'class-validator';
import type { CaseFileAuditEventType } from '../../../../workflows/case-file-audit/case-file-audit.types';

/** Steps sent as they are; the others carry the module's own data and have their own endpoints. */
export const GENERAL_AUDIT_EVENTS = [
  'MEETING_DATE_CHANGED',
  'AUDITS_CLOSED',
  'REPORT_SUBMITTED',
  'REPORT_APPROVED',
  'REPORT_SENT_BACK',
  'ACTION_PLAN_AGREED',
  'LEARNING_SHARED',
  'AUDIT_CLOSED',
  'AUDIT_CANCELLED',
  'DUE_DATE_CHANGED',
] as const satisfies readonly CaseFileAuditEventType[];

export type GeneralAuditEvent = (typeof GENERAL_AUDIT_EVENTS)[number];

export const DEDICATED_ENDPOINTS: Readonly<
  Record<Exclude<CaseFileAuditEventType, GeneralAuditEvent>, string>
> = {
  PLAN_AGREED: 'POST /api/audits/{instanceId}/plan/agree',
  CASES_SELECTED: 'POST /api/audits/{instanceId}/cases',
  INVOLVEMENT_CONFIRMED: 'POST /api/audits/{instanceId}/involvement',
  RETURN_SAVED: 'PUT /api/audits/{instanceId}/returns/{agencyId}/{caseKey}',
  RETURN_SUBMITTED: 'POST /api/audits/{instanceId}/returns/{agencyId}/{caseKey}/submit',
  RETURN_REOPENED: 'POST /api/audits/{instanceId}/returns/{agencyId}/{caseKey}/reopen',
  MEETING_HELD: 'POST /api/audits/{instanceId}/meeting',
  CONCERN_RAISED: 'POST /api/audits/{instanceId}/concerns',
  CONCERN_ACTIONED: 'POST /api/audits/{instanceId}/concerns/{concernId}/actioned',
};

const ALL_EVENTS = [...GENERAL_AUDIT_EVENTS, ...Object.keys(DEDICATED_ENDPOINTS)];

export class AuditEventDto {
  @ApiProperty({ enum: ALL_EVENTS, example: 'AUDITS_CLOSED' })
  @IsIn(ALL_EVENTS, { message: `type must be one of: ${ALL_EVENTS.join(', ')}` })
  type!: CaseFileAuditEventType;

  @ApiPropertyOptional({
    description:
      'The event’s fields, e.g. { "meetingOn": "2026-04-15", "reason": "Chair unavailable" }. The workflow checks them and names any that is wrong.',
    example: {},
  })
  @IsOptional()
  @IsObject({ message: 'payload must be an object' })
  payload?: Record<string, unknown>;
}
