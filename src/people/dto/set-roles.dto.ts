import { ApiProperty } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsIn } from 'class-validator';
import { PARTNERSHIP_ROLES, PartnershipRole } from '../../../workflows/shared/roles';

export class SetRolesDto {
  @ApiProperty({ enum: PARTNERSHIP_ROLES, isArray: true, example: ['business-officer'] })
  @IsArray({ message: 'roles must be a list (it may be empty)' })
  @ArrayUnique({ message: 'roles must not repeat a role' })
  @IsIn(PARTNERSHIP_ROLES, {
    each: true,
    message: `roles may contain only ${PARTNERSHIP_ROLES.join(', ')}`,
  })
  roles!: PartnershipRole[];
}
