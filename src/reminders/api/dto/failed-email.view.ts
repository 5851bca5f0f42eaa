import { ApiProperty } from '@nestjs/swagger';

export class FailedRecipientViewDto {
  @ApiProperty() personId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ nullable: true, example: 'recipient-rejected' }) errorCode!: string | null;
  @ApiProperty({ nullable: true, example: 550 }) smtpStatus!: number | null;
}

/** A reminder or digest that could not be delivered. Never an email address. */
export class FailedEmailViewDto {
  @ApiProperty({ nullable: true, description: 'Retry with this id; null for a digest' })
  reminderId!: string | null;

  @ApiProperty({ enum: ['before', 'due', 'overdue', 'escalation', 'digest'] })
  kind!: string;

  @ApiProperty({ nullable: true }) taskId!: string | null;
  @ApiProperty({ nullable: true, example: 'open' }) taskStatus!: string | null;
  @ApiProperty({ nullable: true, example: 'Agency audit return' }) stepTitle!: string | null;
  @ApiProperty({ nullable: true, example: 'MSCP-CFAG-2026-01' }) reference!: string | null;
  @ApiProperty({ nullable: true }) instanceId!: string | null;
  @ApiProperty({ nullable: true, example: '2026-01-14' }) dueOn!: string | null;
  @ApiProperty({ example: '2026-01-14T09:00:02.000Z' }) failedAt!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, example: 'recipient-rejected' }) errorCode!: string | null;
  @ApiProperty({ nullable: true, example: 550 }) smtpStatus!: number | null;
  @ApiProperty({ type: [FailedRecipientViewDto] }) recipients!: FailedRecipientViewDto[];
}
