import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

/** The owner's case for closing: what was done and the evidence of its impact. */
export class RequestClosureDto {
  @ApiProperty({ description: 'What was done to complete the action.' })
  @IsString({ message: 'note must say what was done' })
  @Length(1, 4000, { message: 'note must be 1 to 4000 characters' })
  @Matches(/\S/, { message: 'note must not be blank' })
  note!: string;

  @ApiProperty({ description: 'The evidence of impact the subgroup is asked to accept.' })
  @IsString({ message: 'evidenceOfImpact must describe the evidence of impact' })
  @Length(1, 4000, { message: 'evidenceOfImpact must be 1 to 4000 characters' })
  @Matches(/\S/, { message: 'evidenceOfImpact must not be blank' })
  evidenceOfImpact!: string;
}
