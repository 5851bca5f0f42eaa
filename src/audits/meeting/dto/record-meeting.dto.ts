import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { GRADE_KEYS, type Grade } from '../../../../workflows/case-file-audit/grades';
import { ISO_DATE } from '../../audits/dto/create-audit.dto';

export class ModeratedCaseDto {
  @ApiProperty({ example: 'A' })
  @Matches(/^[A-Z]$/, { message: 'caseKey must be a case key such as A' })
  caseKey!: string;

  @ApiProperty({ enum: GRADE_KEYS })
  @IsIn(GRADE_KEYS, { message: `moderatedGrade must be one of: ${GRADE_KEYS.join(', ')}` })
  moderatedGrade!: Grade;

  @ApiPropertyOptional({ description: 'What the meeting found about this case.' })
  @IsOptional()
  @IsString({ message: 'findings must be text' })
  @Length(1, 20_000, { message: 'findings must be 1 to 20000 characters' })
  findings?: string;
}

/** The audit meeting, as the chair records it: a moderated grade per case, and the findings. */
export class RecordMeetingDto {
  @ApiProperty({ example: '2026-03-18' })
  @Matches(ISO_DATE, { message: 'heldOn must be a date written YYYY-MM-DD' })
  heldOn!: string;

  @ApiProperty({ type: [ModeratedCaseDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'cases must give every case a moderated grade' })
  @ArrayMaxSize(26)
  @ValidateNested({ each: true })
  @Type(() => ModeratedCaseDto)
  cases!: ModeratedCaseDto[];

  @ApiPropertyOptional({ description: 'Findings and learning across the cases.' })
  @IsOptional()
  @IsString({ message: 'findings must be text' })
  @Length(1, 50_000, { message: 'findings must be 1 to 50000 characters' })
  findings?: string;
}
