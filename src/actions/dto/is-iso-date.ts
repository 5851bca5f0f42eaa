import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isIsoDate } from '../../calendar';

/** A real calendar date written YYYY-MM-DD (2027-02-29 is not one). */
export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'isIsoDate', validator: { validate: (value) => isIsoDate(value) } },
    options,
  );
}
