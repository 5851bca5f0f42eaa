import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';
import { MAX_TOKEN_DAYS } from '../auth.settings';

export class CreateApiTokenDto {
  @ApiProperty({ example: 'Nightly report export' })
  @IsString({ message: 'name must say what the token is for' })
  @Length(1, 100, { message: 'name must be 1 to 100 characters' })
  name!: string;

  @ApiProperty({ minimum: 1, maximum: MAX_TOKEN_DAYS, example: 90 })
  @Type(() => Number)
  @IsInt({ message: `expiresInDays must be a whole number of days from 1 to ${MAX_TOKEN_DAYS}` })
  @Min(1, { message: `expiresInDays must be a whole number of days from 1 to ${MAX_TOKEN_DAYS}` })
  @Max(MAX_TOKEN_DAYS, {
    message: `expiresInDays must be a whole number of days from 1 to ${MAX_TOKEN_DAYS}`,
  })
  expiresInDays!: number;
}
