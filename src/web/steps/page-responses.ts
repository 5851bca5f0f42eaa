import { HttpException, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { problem } from '../../common/problem-details.filter';
import { FormErrors } from '../forms/form-errors';

/** The id every step form carries, where a problem that is no one field's links to. */
export const FORM_ID = 'step-form';

/** Renders a page with a status other than 200, e.g. 422 with the errors of a form. */
export function renderPage(
  response: Response,
  status: number,
  view: string,
  locals: Record<string, unknown>,
): void {
  response.status(status).render(view, locals);
}

/** Post/Redirect/Get: after a successful form, the page to show next. */
export function redirectTo(response: Response, path: string): void {
  response.redirect(HttpStatus.SEE_OTHER, path);
}

/** A problem with the whole form rather than one field (e.g. it changed meanwhile). */
export function formProblem(message: string): FormErrors {
  return FormErrors.fromMap({ [FORM_ID]: message });
}

/** A 403 error page giving the reason. */
export function forbidden(reason: string): HttpException {
  return new HttpException(problem(HttpStatus.FORBIDDEN, reason), HttpStatus.FORBIDDEN);
}

/** A 404 error page, as for anything the person may not see. */
export function notFound(): HttpException {
  return new HttpException(problem(HttpStatus.NOT_FOUND), HttpStatus.NOT_FOUND);
}

/** A positive whole number posted in a hidden field (a version), or undefined. */
export function postedVersion(value: unknown): number | undefined {
  return typeof value === 'string' && /^[1-9]\d{0,9}$/.test(value) ? Number(value) : undefined;
}
