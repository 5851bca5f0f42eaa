import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

export class ReportProgressDto {
  @ApiProperty({ description: 'What has been done since the last update.' })
  @IsString({ message: 'note must say what has been done' })
  @Length(1, 4000, { message: 'note must be 1 to 4000 characters' })
  @Matches(/\S/, { message: 'note must not be blank' })
  note!: string;

  @ApiPropertyOptional({
    description: 'Evidence that it made a difference for children, if any yet.',
  })
  @IsOptional()
  @IsString({ message: 'evidenceOfImpact must describe the evidence' })
  @Length(1, 4000, { message: 'evidenceOfImpact must be 1 to 4000 characters' })
  @Matches(/\S/, { message: 'evidenceOfImpact must not be blank' })
  evidenceOfImpact?: string;
}
