import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { ReminderDelivery } from '../../policy';

const DELIVERIES: readonly ReminderDelivery[] = ['individual', 'daily-digest'];

export class ReminderPreferencesDto {
  @ApiProperty({
    enum: DELIVERIES,
    description: 'Separate reminders, or one daily digest of everything due or overdue',
  })
  @IsIn(DELIVERIES, { message: 'delivery must be individual or daily-digest' })
  delivery!: ReminderDelivery;
}
