import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, MaxLength } from 'class-validator';

export class SignInDto {
  @ApiProperty({ example: 'asha.patel@riverside.example' })
  @IsEmail({}, { message: 'email must be an email address, like name@example.org' })
  @MaxLength(320, { message: 'email must be at most 320 characters' })
  email!: string;

  @ApiPropertyOptional({ description: 'A path on this site to return to after signing in.' })
  @IsOptional()
  @IsString({ message: 'next must be a path on this site, such as /tasks' })
  @MaxLength(2000, { message: 'next must be at most 2000 characters' })
  next?: string;
}
