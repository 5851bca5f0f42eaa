import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { MAX_CONTENT } from '../../returns/dto/return.dto';

export class CreateCommentDto {
  @ApiProperty({ description: 'Your comments on the draft report: case content.' })
  @IsString()
  @Length(1, MAX_CONTENT, { message: `content must be 1 to ${MAX_CONTENT} characters` })
  content!: string;
}
