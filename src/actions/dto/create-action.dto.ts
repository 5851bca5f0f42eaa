import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Length, Matches } from 'class-validator';
import { IsIsoDate } from './is-iso-date';

export class CreateActionDto {
  @ApiProperty({
    description: 'What will be done. Case learning: kept out of logs, emails and URLs.',
    example: 'Audit a sample of strategy discussions for the child’s recorded views.',
  })
  @IsString({ message: 'description must say what will be done' })
  @Length(1, 4000, { message: 'description must be 1 to 4000 characters' })
  @Matches(/\S/, { message: 'description must not be blank' })
  description!: string;

  @ApiProperty({
    description: 'The agency that owns the action: one of the partnership’s agencies.',
  })
  @IsUUID('all', { message: 'ownerAgencyId must be the id of one of this partnership’s agencies' })
  ownerAgencyId!: string;

  @ApiProperty({
    description:
      'The person who leads it and reports progress; they must be able to see the audit or review. Gets a follow-up task due on the due date.',
  })
  @IsUUID('all', { message: 'leadPersonId must be the id of a person' })
  leadPersonId!: string;

  @ApiProperty({ description: 'Due date (Europe/London), YYYY-MM-DD.', example: '2026-09-30' })
  @IsIsoDate({ message: 'dueOn must be a real date written YYYY-MM-DD' })
  dueOn!: string;
}
