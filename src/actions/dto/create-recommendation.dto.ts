import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

export class CreateRecommendationDto {
  @ApiProperty({
    description:
      'The recommendation as the report words it. Case learning: kept out of logs, emails and URLs.',
    example: 'Agencies should make sure that practitioners hear the voice of the child.',
  })
  @IsString({ message: 'text must be the recommendation’s wording' })
  @Length(1, 4000, { message: 'text must be 1 to 4000 characters' })
  @Matches(/\S/, { message: 'text must not be blank' })
  text!: string;

  @ApiPropertyOptional({
    description: 'Its number in the report; the next free number when omitted.',
    minimum: 1,
    maximum: 999,
    example: 1,
  })
  @IsOptional()
  @IsInt({ message: 'number must be a whole number from 1 to 999' })
  @Min(1, { message: 'number must be a whole number from 1 to 999' })
  @Max(999, { message: 'number must be a whole number from 1 to 999' })
  number?: number;
}
