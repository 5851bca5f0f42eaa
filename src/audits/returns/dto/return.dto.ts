import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { GRADE_KEYS, type Grade } from '../../../../workflows/case-file-audit/grades';
import { RETURN_TEXT_MAX } from '../return-content';

/** The whole draft: what is left out is saved empty. */
export class SaveReturnDto {
  @ApiPropertyOptional({
    description: 'Grade per domain key of the audit tool.',
    example: { 'voice-of-the-child': 'good' },
  })
  @IsOptional()
  @IsObject({ message: 'domainGrades must map each domain key to a grade' })
  domainGrades?: Record<string, Grade>;

  @ApiPropertyOptional({ enum: GRADE_KEYS, nullable: true })
  @IsOptional()
  @IsIn(GRADE_KEYS, { message: `overallGrade must be one of: ${GRADE_KEYS.join(', ')}` })
  overallGrade?: Grade | null;

  @ApiPropertyOptional({
    description: 'Answer per question key of the audit tool.',
    example: { 'child-seen': 'Seen alone at each visit.' },
  })
  @IsOptional()
  @IsObject({ message: 'answers must map each question key to an answer' })
  answers?: Record<string, string>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'strengths must be text' })
  @MaxLength(RETURN_TEXT_MAX, {
    message: `strengths must be at most ${RETURN_TEXT_MAX} characters`,
  })
  strengths?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'areasForDevelopment must be text' })
  @MaxLength(RETURN_TEXT_MAX, {
    message: `areasForDevelopment must be at most ${RETURN_TEXT_MAX} characters`,
  })
  areasForDevelopment?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'freeText must be text' })
  @MaxLength(RETURN_TEXT_MAX, { message: `freeText must be at most ${RETURN_TEXT_MAX} characters` })
  freeText?: string;
}

export class ReopenReturnDto {
  @ApiProperty({ example: 'The overall grade does not match the domain grades.' })
  @IsString({ message: 'reason must be text' })
  @Length(1, 2000, { message: 'reason must be 1 to 2000 characters' })
  reason!: string;
}

/** Which of the audit's cases the agency had contact with (none is an answer too). */
export class ConfirmInvolvementDto {
  @ApiProperty()
  @IsUUID('all', { message: 'agencyId must be the id of one of this partnership’s agencies' })
  agencyId!: string;

  @ApiProperty({ type: [String], example: ['A', 'C'] })
  @IsArray({ message: 'caseKeys must list case keys such as A and B' })
  @ArrayMaxSize(26)
  @Matches(/^[A-Z]$/, { each: true, message: 'caseKeys must list case keys such as A and B' })
  caseKeys!: string[];
}
