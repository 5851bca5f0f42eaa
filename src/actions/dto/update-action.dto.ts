import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { IsIsoDate } from './is-iso-date';

/** Only the fields sent change; the follow-up task follows a new due date or lead. */
export class UpdateActionDto {
  @ApiPropertyOptional({ description: 'What will be done.' })
  @IsOptional()
  @IsString({ message: 'description must say what will be done' })
  @Length(1, 4000, { message: 'description must be 1 to 4000 characters' })
  @Matches(/\S/, { message: 'description must not be blank' })
  description?: string;

  @ApiPropertyOptional({ description: 'The agency that owns the action.' })
  @IsOptional()
  @IsUUID('all', { message: 'ownerAgencyId must be the id of one of this partnership’s agencies' })
  ownerAgencyId?: string;

  @ApiPropertyOptional({
    description: 'The person who leads it; the follow-up task moves to them.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'leadPersonId must be the id of a person' })
  leadPersonId?: string;

  @ApiPropertyOptional({ description: 'New due date, YYYY-MM-DD; the follow-up task is re-dated.' })
  @IsOptional()
  @IsIsoDate({ message: 'dueOn must be a real date written YYYY-MM-DD' })
  dueOn?: string;
}
