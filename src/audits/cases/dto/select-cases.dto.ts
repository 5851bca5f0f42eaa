import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ISO_DATE } from '../../audits/dto/create-audit.dto';

export class AgencyRecordNumberDto {
  @ApiProperty()
  @IsUUID('all', { message: 'agencyId must be the id of one of this partnership’s agencies' })
  agencyId!: string;

  @ApiProperty({ description: 'The agency’s own record number for the child.' })
  @IsString({ message: 'recordNumber must be text' })
  @Length(1, 100, { message: 'recordNumber must be 1 to 100 characters' })
  recordNumber!: string;
}

/** Who the child is. Stored apart from the case, shown only to those allowed, every view logged. */
export class CaseIdentifiersDto {
  @ApiProperty()
  @IsString({ message: 'fullName must be text' })
  @Length(1, 200, { message: 'fullName must be 1 to 200 characters' })
  fullName!: string;

  @ApiProperty({ description: 'YYYY-MM-DD' })
  @Matches(ISO_DATE, { message: 'dateOfBirth must be a date written YYYY-MM-DD' })
  dateOfBirth!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'address must be text' })
  @MaxLength(500, { message: 'address must be at most 500 characters' })
  address?: string;

  @ApiPropertyOptional({ type: [AgencyRecordNumberDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(40)
  @ValidateNested({ each: true })
  @Type(() => AgencyRecordNumberDto)
  recordNumbers?: AgencyRecordNumberDto[];
}

export class SelectedCaseDto {
  @ApiProperty({ type: CaseIdentifiersDto })
  @ValidateNested()
  @Type(() => CaseIdentifiersDto)
  identifiers!: CaseIdentifiersDto;
}

/**
 * The sample of cases, in order: they become Case A, Case B... The agencies to ask about
 * involvement default to those named when the audit was opened.
 */
export class SelectCasesDto {
  @ApiProperty({ type: [SelectedCaseDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'cases must list at least one case' })
  @ArrayMaxSize(26, { message: 'cases may list at most 26 cases (Case A to Case Z)' })
  @ValidateNested({ each: true })
  @Type(() => SelectedCaseDto)
  cases!: SelectedCaseDto[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'agencyIds must list at least one agency' })
  @ArrayMaxSize(40)
  @IsUUID('all', { each: true, message: 'agencyIds must list agency ids' })
  agencyIds?: string[];
}
