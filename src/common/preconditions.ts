import { BadRequestException, HttpException, HttpStatus } from '@nestjs/common';
import { problem } from './problem-details.filter';

/**
 * HTTP preconditions, one way for every module: `If-Match` names the version a write was based on
 * (a stale one is the feature's 409), `Idempotency-Key` makes a repeat return the first outcome,
 * and `ETag: "<version>"` tells a reader which version it saw.
 */
const VERSION_TAG = /^(?:W\/)?"([1-9][0-9]{0,8})"$/;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

type HeaderValue = string | string[] | undefined;

function headerProblem(field: string, message: string): BadRequestException {
  return new BadRequestException(problem(400, message, { errors: [{ field, message }] }));
}

function text(value: HeaderValue): string | undefined {
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value.join(',') : value).trim();
}

/** The version an `If-Match` header names (`"3"` or `W/"3"`); undefined when absent or `*`. */
export function parseIfMatch(value: HeaderValue): number | undefined {
  const header = text(value);
  if (header === undefined || header === '' || header === '*') return undefined;
  const match = VERSION_TAG.exec(header);
  if (!match) {
    throw headerProblem(
      'If-Match',
      'If-Match must be one version in double quotes, as the ETag header gave it, e.g. "3".',
    );
  }
  return Number(match[1]);
}

/** As `parseIfMatch`, for edits that must name the version they change: 428 without it. */
export function requireIfMatch(value: HeaderValue): number {
  const version = parseIfMatch(value);
  if (version === undefined) {
    const message =
      'Send If-Match with the version you are changing (the ETag from reading it, e.g. "3"), so nobody’s change is overwritten unseen.';
    throw new HttpException(
      problem(HttpStatus.PRECONDITION_REQUIRED, message, {
        code: 'precondition-required',
        errors: [{ field: 'If-Match', message }],
      }),
      HttpStatus.PRECONDITION_REQUIRED,
    );
  }
  return version;
}

/** An `Idempotency-Key` header: 1 to 200 visible characters; undefined when absent. */
export function parseIdempotencyKey(value: HeaderValue): string | undefined {
  if (value === undefined) return undefined;
  const key = Array.isArray(value) ? value.join(',') : value;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw headerProblem(
      'Idempotency-Key',
      'Idempotency-Key must be 1 to 200 visible characters without spaces, e.g. a UUID.',
    );
  }
  return key;
}

/** The strong entity tag of a version, for the `ETag` header. */
export function entityTag(version: number): string {
  return `"${version}"`;
}
