import { plainToInstance } from 'class-transformer';
import { IsEmail, IsNotEmpty, MaxLength, validateSync } from 'class-validator';
import { FormErrors } from '../forms/form-errors';

/** The sign-in page's one question, with the GOV.UK design system's wording for its errors. */
class SignInForm {
  @IsEmail({}, { message: 'Enter an email address in the correct format, like name@example.com' })
  @MaxLength(320, { message: 'Email address must be 320 characters or fewer' })
  @IsNotEmpty({ message: 'Enter your email address' })
  email!: string;
}

/** The address as the person meant it (spaces around a pasted address do not count). */
export function submittedEmail(body: Readonly<Record<string, unknown>>): string {
  return typeof body.email === 'string' ? body.email.trim() : '';
}

/** What is wrong with a submitted sign-in form, if anything. */
export function signInFormErrors(body: Readonly<Record<string, unknown>>): FormErrors {
  const form = plainToInstance(SignInForm, { email: submittedEmail(body) });
  return FormErrors.fromValidation(validateSync(form));
}
