import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsUUID,
  MaxLength,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
import { checkAgencyName, checkPersonName } from '../../../mail/templates/safe-text';
import { AGENCY_KINDS, type AgencyKind } from '../../../partnerships/agency.entity';
import { PARTNERSHIP_ROLES, type PartnershipRole } from '../../../../workflows/shared/roles';

/** Typed text without surrounding or repeated spaces. */
const tidy = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : value;

/** A select's "none" option posts an empty string. */
const emptyAsNull = ({ value }: { value: unknown }): unknown =>
  value === '' || value === undefined ? null : value;

/** Checkboxes post nothing, one value, or a list. */
const asList = ({ value }: { value: unknown }): unknown =>
  value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value];

function passes(check: (value: unknown) => unknown, value: unknown): boolean {
  try {
    check(value);
    return true;
  } catch {
    return false;
  }
}

/** The shape names must have to go into emails (see `safe-text.ts`). */
function IsPersonName(options: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'isPersonName', validator: { validate: (value) => passes(checkPersonName, value) } },
    options,
  );
}

function IsAgencyName(options: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'isAgencyName', validator: { validate: (value) => passes(checkAgencyName, value) } },
    options,
  );
}

export class AddPersonForm {
  @IsPersonName({
    message: 'Full name must only include letters, spaces, hyphens, apostrophes and full stops',
  })
  @MaxLength(100, { message: 'Full name must be 100 characters or fewer' })
  @IsNotEmpty({ message: 'Enter the person’s full name' })
  @Transform(tidy)
  displayName!: string;

  @IsEmail({}, { message: 'Enter an email address in the correct format, like name@example.com' })
  @MaxLength(320, { message: 'Email address must be 320 characters or fewer' })
  @IsNotEmpty({ message: 'Enter an email address' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  email!: string;

  @IsOptional()
  @IsUUID('all', { message: 'Select an agency from the list' })
  @Transform(emptyAsNull)
  agencyId?: string | null;
}

export class ChangeAgencyForm {
  @IsOptional()
  @IsUUID('all', { message: 'Select an agency from the list' })
  @Transform(emptyAsNull)
  agencyId?: string | null;
}

export class RolesForm {
  @IsOptional()
  @IsIn(PARTNERSHIP_ROLES, { each: true, message: 'Select roles from the list' })
  @Transform(asList)
  roles?: PartnershipRole[];
}

export class AddAgencyForm {
  @IsAgencyName({
    message:
      'Agency name must start with a letter or number and only include letters, numbers, spaces and , ’ ( ) & . / -',
  })
  @MaxLength(120, { message: 'Agency name must be 120 characters or fewer' })
  @IsNotEmpty({ message: 'Enter the agency’s name' })
  @Transform(tidy)
  name!: string;

  @IsIn(AGENCY_KINDS, { message: 'Select what kind of agency it is' })
  kind!: AgencyKind;
}
