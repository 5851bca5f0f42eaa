import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

export class DeclineClosureDto {
  @ApiProperty({ description: 'Why the subgroup did not agree, and what it still needs to see.' })
  @IsString({ message: 'reason must say why closure was declined' })
  @Length(1, 2000, { message: 'reason must be 1 to 2000 characters' })
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason!: string;
}
