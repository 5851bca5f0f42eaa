import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Response } from 'express';
import { FormErrors, formView, type FormErrorsOptions, type FormView } from '../forms/form-errors';

export type Validated<T> = { ok: true; value: T } | { ok: false; form: FormView };

/**
 * Checks a submitted form against a class-validator class. On success the typed value; otherwise
 * the form as typed with its errors, ready to show again.
 */
export function validateForm<T extends object>(
  type: ClassConstructor<T>,
  body: unknown,
  options: FormErrorsOptions = {},
): Validated<T> {
  const value = plainToInstance(type, body ?? {});
  const errors = validateSync(value, { stopAtFirstError: true });
  if (errors.length === 0) return { ok: true, value };
  return { ok: false, form: formView(body, FormErrors.fromValidation(errors, options)) };
}

/** The form as typed, with errors the service found (e.g. "that email is already a member"). */
export function formWithErrors(
  body: unknown,
  messages: Record<string, string>,
  options: FormErrorsOptions = {},
): FormView {
  return formView(body, FormErrors.fromMap(messages, options));
}

/** Shows a form again after a failed submission: the same page, 422, everything typed kept. */
export function renderInvalid(response: Response, view: string, context: object): void {
  response.status(422).render(view, context);
}

/**
 * Post/Redirect/Get: after a change, 303 to the page that shows it, with `done` (which success
 * message to show) and any ids the message needs in the query. Never names or case details.
 */
export function seeOther(
  response: Response,
  path: string,
  query: Record<string, string> = {},
): void {
  const search = new URLSearchParams(query).toString();
  response.redirect(303, search ? `${path}?${search}` : path);
}

/** The body of a form post as a plain record (Express parses it with `qs`). */
export type FormBody = Record<string, unknown>;
