import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { GRADE_KEYS, type Grade } from '../../../../workflows/case-file-audit/grades';

const KEY = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const KEY_MESSAGE = (field: string): string =>
  `${field} must be lower-case words joined by hyphens, like voice-of-the-child`;

export class ToolQuestionDto {
  @ApiProperty({ example: 'child-seen' })
  @IsString()
  @Length(1, 60)
  @Matches(KEY, { message: ({ property }) => KEY_MESSAGE(property) })
  key!: string;

  @ApiProperty({ example: 'Was the child seen, and seen alone where appropriate?' })
  @IsString()
  @Length(1, 500)
  text!: string;

  @ApiPropertyOptional({ description: 'A return cannot be submitted without an answer.' })
  @IsOptional()
  @IsBoolean()
  required?: boolean;
}

export class ToolDomainDto {
  @ApiProperty({ example: 'voice-of-the-child' })
  @IsString()
  @Length(1, 60)
  @Matches(KEY, { message: ({ property }) => KEY_MESSAGE(property) })
  key!: string;

  @ApiProperty({ example: 'Voice of the child' })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ type: [ToolQuestionDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ToolQuestionDto)
  questions!: ToolQuestionDto[];
}

export class ToolGradeDto {
  @ApiProperty({ enum: GRADE_KEYS, example: 'requires-improvement' })
  @IsIn(GRADE_KEYS, { message: `key must be one of: ${GRADE_KEYS.join(', ')}` })
  key!: Grade;

  @ApiProperty({ example: 'Requires Improvement' })
  @IsString()
  @Length(1, 60)
  label!: string;
}

/** The content of one version: its domains with their questions, and its grade scale. */
export class AuditToolContentDto {
  @ApiProperty({ type: [ToolDomainDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'domains must list at least one grading domain' })
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => ToolDomainDto)
  domains!: ToolDomainDto[];

  @ApiProperty({ type: [ToolGradeDto] })
  @IsArray()
  @ArrayMinSize(2, { message: 'gradeScale must offer at least two grades' })
  @ArrayMaxSize(GRADE_KEYS.length)
  @ValidateNested({ each: true })
  @Type(() => ToolGradeDto)
  gradeScale!: ToolGradeDto[];
}

export class CreateAuditToolDto extends AuditToolContentDto {
  @ApiProperty({ example: 'Multi-agency case file audit tool' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

/** Publishes a new version; audits already running keep theirs. */
export class PublishAuditToolVersionDto extends AuditToolContentDto {}
