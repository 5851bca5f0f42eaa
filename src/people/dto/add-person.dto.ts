import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { PERSON_NAME } from '../../mail/templates/safe-text';

export class AddPersonDto {
  @ApiProperty({ example: 'sam.jones@riverside-police.example' })
  @IsEmail({}, { message: 'email must be an email address, like name@example.org' })
  @MaxLength(320, { message: 'email must be at most 320 characters' })
  email!: string;

  @ApiProperty({ example: 'Sam Jones' })
  @IsString({ message: 'displayName must be the person’s name' })
  @Length(1, 100, { message: 'displayName must be 1 to 100 characters' })
  @Matches(PERSON_NAME, {
    message: 'displayName may have only letters, spaces, hyphens, apostrophes and full stops',
  })
  displayName!: string;

  @ApiPropertyOptional({ description: 'The agency they represent in this partnership.' })
  @IsOptional()
  @IsUUID('all', { message: 'agencyId must be the id of one of this partnership’s agencies' })
  agencyId?: string;
}
