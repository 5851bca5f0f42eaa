import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
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
  ValidateNested,
} from 'class-validator';
import { INSTANCE_ROLES, type InstanceRole } from '../../../../workflows/shared/roles';
import { REVIEW_KINDS, type ReviewKind } from '../../review-kinds';

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class SubjectRecordNumberDto {
  @ApiProperty()
  @IsUUID('all', { message: 'agencyId must be the id of one of the partnership’s agencies' })
  agencyId!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 100, { message: 'recordNumber must be 1 to 100 characters' })
  recordNumber!: string;
}

/** The child's identifying details: kept apart from the review, shown only to those allowed. */
export class ReviewSubjectDto {
  @ApiProperty()
  @IsString()
  @Length(1, 200, { message: 'fullName must be 1 to 200 characters' })
  fullName!: string;

  @ApiPropertyOptional({ example: '2014-06-30' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'dateOfBirth must be a date written YYYY-MM-DD' })
  dateOfBirth?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 500, { message: 'address must be 1 to 500 characters' })
  address?: string;

  @ApiPropertyOptional({ type: [SubjectRecordNumberDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => SubjectRecordNumberDto)
  recordNumbers?: SubjectRecordNumberDto[];
}

export class ReviewMemberDto {
  @ApiProperty()
  @IsUUID('all', { message: 'personId must be the id of a member of the partnership' })
  personId!: string;

  @ApiProperty({ enum: INSTANCE_ROLES })
  @IsIn(INSTANCE_ROLES, { message: `role must be one of ${INSTANCE_ROLES.join(', ')}` })
  role!: InstanceRole;

  @ApiPropertyOptional({ description: 'The agency they represent on the review.' })
  @IsOptional()
  @IsUUID('all', { message: 'agencyId must be the id of one of the partnership’s agencies' })
  agencyId?: string;
}

/** Records an incident (or a referral) and opens the review that follows it. */
export class StartReviewDto {
  @ApiProperty({ enum: REVIEW_KINDS })
  @IsIn(REVIEW_KINDS, { message: `kind must be one of ${REVIEW_KINDS.join(', ')}` })
  kind!: ReviewKind;

  @ApiProperty({
    description:
      'What the review starts from, as its workflow defines it. practice-review: pseudonym, awareOn, childLookedAfter, incidentKind. serious-case-review: pseudonym, notifiedOn, childLookedAfter, incidentKind. learning-review: pseudonym, referredOn, referralSource.',
    example: {
      pseudonym: 'Child H',
      awareOn: '2026-03-06',
      childLookedAfter: false,
      incidentKind: 'serious-harm',
    },
    type: 'object',
    additionalProperties: true,
  })
  @IsObject({ message: 'details must be an object' })
  details!: Record<string, unknown>;

  @ApiPropertyOptional({ type: ReviewSubjectDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReviewSubjectDto)
  subject?: ReviewSubjectDto;

  @ApiPropertyOptional({ type: [ReviewMemberDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ReviewMemberDto)
  members?: ReviewMemberDto[];
}
