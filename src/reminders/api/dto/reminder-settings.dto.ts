import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsInt, IsOptional, ValidateIf } from 'class-validator';

/**
 * The partnership's reminder numbers; a field left out uses the default. Ranges are checked by
 * the reminder policy (`validateReminderSettings`), which names the field in any problem.
 */
export class ReminderSettingsDto {
  @ApiPropertyOptional({
    type: [Number],
    example: [5, 1],
    description: 'Working days before the due date',
  })
  @IsOptional()
  @IsArray({ message: 'daysBefore must be a list of working days, such as [5, 1]' })
  @IsInt({ each: true, message: 'daysBefore must hold whole numbers of working days' })
  daysBefore?: number[];

  @ApiPropertyOptional({ example: true, description: 'A reminder on the due date itself' })
  @IsOptional()
  @IsBoolean({ message: 'onDueDate must be true or false' })
  onDueDate?: boolean;

  @ApiPropertyOptional({
    example: 2,
    description: 'Once overdue, a reminder every this many working days',
  })
  @IsOptional()
  @IsInt({ message: 'overdueEveryWorkingDays must be a whole number of working days' })
  overdueEveryWorkingDays?: number;

  @ApiPropertyOptional({
    example: 2,
    nullable: true,
    description: 'Escalate after this many overdue reminders; null never escalates',
  })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsInt({ message: 'escalateAfterOverdueReminders must be a whole number or null' })
  escalateAfterOverdueReminders?: number | null;

  @ApiPropertyOptional({ example: 9, description: 'Hour of the day, London time (8 to 17)' })
  @IsOptional()
  @IsInt({ message: 'sendAtHour must be a whole hour' })
  sendAtHour?: number;
}

export class ReminderSettingsViewDto {
  @ApiProperty({
    type: Object,
    description: 'What applies: the defaults with the partnership’s changes',
  })
  settings!: Record<string, unknown>;

  @ApiProperty({ type: Object, description: 'Only what the partnership changed' })
  overrides!: Record<string, unknown>;

  @ApiProperty({ type: Object })
  defaults!: Record<string, unknown>;

  @ApiProperty({ example: 3, description: 'Send back as If-Match: "<version>" when changing them' })
  version!: number;
}
