import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

export class AgreeClosureDto {
  @ApiProperty({
    description: 'The record of the subgroup’s agreement: which meeting agreed it, and its minute.',
    example: 'Learning and Improvement Subgroup, 12 March 2026, minute 4.2',
  })
  @IsString({ message: 'agreement must record where the subgroup agreed it' })
  @Length(1, 1000, { message: 'agreement must be 1 to 1000 characters' })
  @Matches(/\S/, { message: 'agreement must not be blank' })
  agreement!: string;
}
