import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, Matches } from 'class-validator';

/** A step of the review's workflow, e.g. `SERIOUS_INCIDENT_NOTIFIED` with `{ sentOn }`. */
export class SendReviewEventDto {
  @ApiProperty({ example: 'SERIOUS_INCIDENT_NOTIFIED' })
  @Matches(/^[A-Z][A-Z0-9_]{0,99}$/, { message: 'type must be an event name such as PUBLISHED' })
  type!: string;

  @ApiPropertyOptional({
    example: { sentOn: '2026-03-09' },
    type: 'object',
    additionalProperties: true,
  })
  @IsOptional()
  @IsObject({ message: 'payload must be an object' })
  payload?: Record<string, unknown>;
}
