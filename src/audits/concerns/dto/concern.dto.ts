import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

export class RaiseConcernDto {
  @ApiPropertyOptional({ example: 'B', description: 'The case it is about, if any.' })
  @IsOptional()
  @Matches(/^[A-Z]$/, { message: 'caseKey must be a case key such as A' })
  caseKey?: string;

  @ApiProperty({
    description:
      'The concern about the child. Kept in the audit only: the emails it sends say only that a concern was raised.',
  })
  @IsString({ message: 'concern must be text' })
  @Length(1, 10_000, { message: 'concern must be 1 to 10000 characters' })
  concern!: string;
}

export class ConcernActionedDto {
  @ApiProperty({ example: 'Referred to the children’s services front door the same day.' })
  @IsString({ message: 'actionTaken must be text' })
  @Length(1, 10_000, { message: 'actionTaken must be 1 to 10000 characters' })
  actionTaken!: string;
}
