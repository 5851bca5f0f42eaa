import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { INSTANCE_ROLES, type InstanceRole } from '../../../../workflows/shared/roles';

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class AuditMemberDto {
  @ApiProperty()
  @IsUUID('all', { message: 'personId must be the id of a person' })
  personId!: string;

  @ApiProperty({ enum: INSTANCE_ROLES, example: 'audit-group-member' })
  @IsIn(INSTANCE_ROLES, { message: `role must be one of: ${INSTANCE_ROLES.join(', ')}` })
  role!: InstanceRole;

  @ApiPropertyOptional({ description: 'The agency they represent on this audit.' })
  @IsOptional()
  @IsUUID('all', { message: 'agencyId must be the id of one of this partnership’s agencies' })
  agencyId?: string;
}

/** What an audit needs beside its meeting date; shared by a programme's planned audits. */
export class AuditPlanDto {
  @ApiProperty({
    example: 'Child protection plans with a domestic abuse component',
    description: 'Shown as the audit’s title. Never case content.',
  })
  @IsString()
  @Length(1, 200, { message: 'theme must be 1 to 200 characters' })
  theme!: string;

  @ApiProperty({ example: 'Children on a child protection plan for 6 months or more' })
  @IsString()
  @Length(1, 2000, { message: 'scope must be 1 to 2000 characters' })
  scope!: string;

  @ApiProperty({
    example: 12,
    description: 'How many months of records each agency looks back over.',
  })
  @IsInt({ message: 'lookBackMonths must be a whole number' })
  @Min(1, { message: 'lookBackMonths must be at least 1' })
  @Max(120, { message: 'lookBackMonths must be at most 120' })
  lookBackMonths!: number;

  @ApiProperty({ description: 'The audit tool; the audit pins its latest version.' })
  @IsUUID('all', { message: 'toolId must be the id of one of this partnership’s audit tools' })
  toolId!: string;

  @ApiPropertyOptional({ description: 'The agencies to ask about involvement.', type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(40)
  @IsUUID('all', { each: true, message: 'agencyIds must list agency ids' })
  agencyIds?: string[];

  @ApiPropertyOptional({ type: [AuditMemberDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AuditMemberDto)
  members?: AuditMemberDto[];
}

export class CreateAuditDto extends AuditPlanDto {
  @ApiProperty({ example: '2026-03-18', description: 'The audit meeting: a future working day.' })
  @Matches(ISO_DATE, { message: 'meetingOn must be a date written YYYY-MM-DD' })
  meetingOn!: string;
}
