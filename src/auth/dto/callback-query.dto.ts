import { IsOptional, IsString, MaxLength } from 'class-validator';

export class CallbackQueryDto {
  @IsString({ message: 'token is missing: open the link from the email exactly as it was sent' })
  @MaxLength(200, { message: 'token is not a sign-in token' })
  token!: string;

  @IsOptional()
  @IsString({ message: 'next must be a path on this site' })
  @MaxLength(2000, { message: 'next must be at most 2000 characters' })
  next?: string;
}
