import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { AuditPlanDto, ISO_DATE } from '../../audits/dto/create-audit.dto';

/** A year (or another span) of audits at a steady rhythm, e.g. every six weeks. */
export class CreateProgrammeDto {
  @ApiProperty({ example: 'Case file audit programme 2026/27' })
  @IsString()
  @Length(1, 200, { message: 'title must be 1 to 200 characters' })
  title!: string;

  @ApiProperty({ example: '2026-04-15', description: 'The first planned audit meeting.' })
  @Matches(ISO_DATE, { message: 'firstMeetingOn must be a date written YYYY-MM-DD' })
  firstMeetingOn!: string;

  @ApiPropertyOptional({ default: 6, description: 'Weeks between meetings.' })
  @IsOptional()
  @IsInt({ message: 'intervalWeeks must be a whole number' })
  @Min(1, { message: 'intervalWeeks must be at least 1' })
  @Max(52, { message: 'intervalWeeks must be at most 52' })
  intervalWeeks?: number;

  @ApiPropertyOptional({ default: 12, description: 'How many months the programme covers.' })
  @IsOptional()
  @IsInt({ message: 'months must be a whole number' })
  @Min(1, { message: 'months must be at least 1' })
  @Max(24, { message: 'months must be at most 24' })
  months?: number;
}

/** Starts one planned audit: its meeting date is the entry's planned date. */
export class StartProgrammeEntryDto extends AuditPlanDto {}
