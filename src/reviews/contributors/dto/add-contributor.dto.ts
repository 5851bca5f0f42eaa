import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsString,
  Length,
  ValidateNested,
} from 'class-validator';
import { INSTANCE_ROLES, type InstanceRole } from '../../../../workflows/shared/roles';

export class ContributorMemberDto {
  @ApiProperty({ description: 'Their email address in the contributing partnership.' })
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;

  @ApiProperty({ enum: INSTANCE_ROLES })
  @IsIn(INSTANCE_ROLES, { message: `role must be one of ${INSTANCE_ROLES.join(', ')}` })
  role!: InstanceRole;
}

/** Records another partnership as contributing to this review, with the people it sends. */
export class AddContributorDto {
  @ApiProperty({ example: 'TSCP', description: 'The contributing partnership’s code.' })
  @IsString()
  @Length(1, 16, { message: 'partnershipCode must be 1 to 16 characters' })
  partnershipCode!: string;

  @ApiProperty({ type: [ContributorMemberDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'members must name at least one person' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ContributorMemberDto)
  members!: ContributorMemberDto[];
}
