import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, Length } from 'class-validator';
import { RETURN_KINDS } from '../../review-kinds';

/** Case content: at most about 30 pages of text. */
export const MAX_CONTENT = 100_000;

export class CreateReturnDto {
  @ApiProperty({ enum: RETURN_KINDS })
  @IsIn(RETURN_KINDS, { message: `kind must be one of ${RETURN_KINDS.join(', ')}` })
  kind!: string;

  @ApiProperty()
  @IsUUID('all', { message: 'agencyId must be the id of the agency the return is from' })
  agencyId!: string;

  @ApiProperty({ description: 'The return itself: case content.' })
  @IsString()
  @Length(1, MAX_CONTENT, { message: `content must be 1 to ${MAX_CONTENT} characters` })
  content!: string;
}

export class UpdateDraftDto {
  @ApiProperty({ description: 'The new text: case content.' })
  @IsString()
  @Length(1, MAX_CONTENT, { message: `content must be 1 to ${MAX_CONTENT} characters` })
  content!: string;
}
