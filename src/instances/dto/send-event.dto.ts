import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Matches } from 'class-validator';

export class SendEventDto {
  @ApiProperty({
    description: 'One of the events the instance accepts (`availableEvents` on the instance)',
    example: 'SERIOUS_INCIDENT_NOTIFIED',
  })
  @IsString({ message: 'type must be an event name such as SERIOUS_INCIDENT_NOTIFIED' })
  @Matches(/^[A-Za-z][A-Za-z0-9_.-]{0,99}$/, {
    message: 'type must be an event name such as SERIOUS_INCIDENT_NOTIFIED',
  })
  type!: string;

  @ApiPropertyOptional({
    description: 'The event’s fields, as its workflow defines them',
    type: 'object',
    additionalProperties: true,
    example: { sentOn: '2026-03-02' },
  })
  @IsOptional()
  @IsObject({ message: 'payload must be an object of the event’s fields' })
  payload?: Record<string, unknown>;
}
