import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { INSTANCE_ROLES, type InstanceRole } from '../../../workflows/shared/roles';

const ROLE_MESSAGE = `role must be one of ${INSTANCE_ROLES.join(', ')}`;

export class PutMemberDto {
  @ApiProperty({ enum: INSTANCE_ROLES, example: 'panel-chair' })
  @IsIn(INSTANCE_ROLES, { message: ROLE_MESSAGE })
  role!: InstanceRole;

  @ApiPropertyOptional({
    description: 'The agency the person represents on this audit or review',
    nullable: true,
  })
  @IsOptional()
  @ValidateIf((_dto, value) => value !== null)
  @IsUUID('all', { message: 'agencyId must be the id of one of the partnership’s agencies' })
  agencyId?: string | null;
}

export class RemoveMemberQueryDto {
  @ApiProperty({ enum: INSTANCE_ROLES, description: 'The role to take away' })
  @IsIn(INSTANCE_ROLES, { message: ROLE_MESSAGE })
  role!: InstanceRole;
}
