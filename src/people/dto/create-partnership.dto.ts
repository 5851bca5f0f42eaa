import { IsString, Length, Matches } from 'class-validator';

export class CreatePartnershipDto {
  @IsString({ message: 'code must be a short code such as RSCP' })
  @Matches(/^[A-Z0-9]{2,16}$/, {
    message: 'code must be 2 to 16 capital letters or digits, such as RSCP',
  })
  code!: string;

  @IsString({ message: 'name must be the partnership’s name' })
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name!: string;
}
