import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { ISO_DATE } from './create-audit.dto';

/** Agrees the audit plan, changing any part of it first. */
export class AgreePlanDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'theme must be 1 to 200 characters' })
  theme?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 2000, { message: 'scope must be 1 to 2000 characters' })
  scope?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt({ message: 'lookBackMonths must be a whole number' })
  @Min(1, { message: 'lookBackMonths must be at least 1' })
  @Max(120, { message: 'lookBackMonths must be at most 120' })
  lookBackMonths?: number;

  @ApiPropertyOptional({ description: 'Another audit tool; the audit pins its latest version.' })
  @IsOptional()
  @IsUUID('all', { message: 'toolId must be the id of one of this partnership’s audit tools' })
  toolId?: string;

  @ApiPropertyOptional({ example: '2026-03-18' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'meetingOn must be a date written YYYY-MM-DD' })
  meetingOn?: string;
}
