import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { AGENCY_KINDS, AgencyKind } from '../../partnerships/agency.entity';

export class CreateAgencyDto {
  @ApiProperty({ example: 'Riverside Police' })
  @IsString({ message: 'name must be the agency’s name' })
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name!: string;

  @ApiProperty({ enum: AGENCY_KINDS })
  @IsIn(AGENCY_KINDS, { message: `kind must be one of ${AGENCY_KINDS.join(', ')}` })
  kind!: AgencyKind;
}
