declare const safeTextBrand: unique symbol;

/**
 * Text that passed one of the checks below; the brand says which. Email templates take only these
 * (plus dates and numbers), so a plain string, a pseudonym from a case or free text someone typed
 * cannot reach an email by accident: it has to go through a constructor, and the constructors
 * accept only the narrow shapes these fields have. Names of people and agencies are professionals'
 * and organisations' names; step titles come from machine declarations (code); references are
 * generated; links are built from ids and tokens. Templates check every value again when they
 * render, so a cast cannot smuggle anything past.
 */
export type SafeText<Kind extends string> = string & { readonly [safeTextBrand]: Kind };

/** A user's display name: the recipient, or the person a task is assigned to. */
export type PersonName = SafeText<'person-name'>;
/** A step's title from its workflow declaration, e.g. "Agency audit return". */
export type StepTitle = SafeText<'step-title'>;
/** An instance's generated reference number, e.g. "MSCP-CFAG-2026-01". */
export type ReferenceNumber = SafeText<'reference-number'>;
/** An agency's name as the partnership set it up, e.g. "Kent Police". */
export type AgencyName = SafeText<'agency-name'>;
/** An absolute link into the product: route words, ids and tokens only. */
export type AppLink = SafeText<'app-link'>;

/**
 * A value that may not go into an email. The message names the field and the rule, never the
 * value: the value may be exactly the case content being kept out.
 */
export class UnsafeEmailContentError extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`${field} cannot go into an email: ${reason}`);
    this.name = 'UnsafeEmailContentError';
  }
}

/**
 * Shapes case content takes that no title or agency name needs: a pseudonym ("Case A",
 * "Child H"), a date (of birth), a long number (NHS or record number), a postcode.
 */
const CASE_CONTENT_PATTERNS: readonly RegExp[] = [
  /\b(?:[Cc]ase|[Cc]hild|[Bb]aby|[Ii]nfant|[Ff]amily|[Ss]ibling|[Pp]erson|[Mm]other|[Ff]ather)\s+[A-Z]{1,2}\b/,
  /\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}/,
  /\d{6,}/,
  /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/,
];

/** The shape every person's display name must have: validated when people are added. */
export const PERSON_NAME = /^\p{L}[\p{L}\p{M}'’. -]*$/u;
const STEP_TITLE = /^[A-Z0-9][A-Za-z0-9 ,'’()&:/-]*$/;
const AGENCY_NAME = /^[\p{L}0-9][\p{L}\p{M}0-9 ,'’()&./-]*$/u;
const REFERENCE = /^[A-Z][A-Z0-9]{1,15}(?:-[A-Z0-9]{1,12}){1,4}$/;
const ROUTE_PATH = /^(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*\/?$/;
const QUERY_KEY = /^[a-z][a-zA-Z]{0,31}$/;
const QUERY_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;
/** A route inside the product as a query value (e.g. where to go after signing in). */
const QUERY_ROUTE =
  /^(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)+\/?(?:\?[a-z][a-zA-Z]*=[a-z0-9-]*(?:&[a-z][a-zA-Z]*=[a-z0-9-]*)*)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_LINK_LENGTH = 2048;

function requireText(value: unknown, field: string, maxLength: number): string {
  if (typeof value !== 'string') throw new UnsafeEmailContentError(field, 'it must be text');
  if (value.length === 0 || value.length > maxLength || value !== value.trim()) {
    throw new UnsafeEmailContentError(
      field,
      `it must be 1 to ${maxLength} characters without leading or trailing spaces`,
    );
  }
  if (/\s{2}/.test(value)) throw new UnsafeEmailContentError(field, 'it has repeated spaces');
  return value;
}

function refuseCaseContent(value: string, field: string): void {
  if (CASE_CONTENT_PATTERNS.some((pattern) => pattern.test(value))) {
    throw new UnsafeEmailContentError(
      field,
      'it looks like case content (a pseudonym, a date, a long number or a postcode)',
    );
  }
}

export function checkPersonName(value: unknown, field = 'personName'): PersonName {
  const text = requireText(value, field, 100);
  if (!PERSON_NAME.test(text)) {
    throw new UnsafeEmailContentError(
      field,
      'a name has only letters, spaces, hyphens, apostrophes and full stops',
    );
  }
  return text as PersonName;
}

export function checkStepTitle(value: unknown, field = 'stepTitle'): StepTitle {
  const text = requireText(value, field, 120);
  if (!STEP_TITLE.test(text)) {
    throw new UnsafeEmailContentError(
      field,
      "a step title starts with a capital letter or digit and has only letters, digits, spaces and , ' ( ) & : / -",
    );
  }
  refuseCaseContent(text, field);
  return text as StepTitle;
}

export function checkReferenceNumber(value: unknown, field = 'reference'): ReferenceNumber {
  const text = requireText(value, field, 64);
  if (!REFERENCE.test(text) || !/\d/.test(text)) {
    throw new UnsafeEmailContentError(
      field,
      'a reference is capital letters and digits in hyphenated parts, with a number, e.g. MSCP-CFAG-2026-01',
    );
  }
  return text as ReferenceNumber;
}

export function checkAgencyName(value: unknown, field = 'agencyName'): AgencyName {
  const text = requireText(value, field, 120);
  if (!AGENCY_NAME.test(text)) {
    throw new UnsafeEmailContentError(
      field,
      "an agency name has only letters, digits, spaces and , ' ( ) & . / -",
    );
  }
  refuseCaseContent(text, field);
  return text as AgencyName;
}

/**
 * An absolute http(s) link with no credentials or fragment, a route path (lower-case words and
 * ids) and query values that are tokens, ids or routes.
 */
export function checkAppLink(value: unknown, field = 'link'): AppLink {
  const text = requireText(value, field, MAX_LINK_LENGTH);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UnsafeEmailContentError(field, 'it must be an absolute link');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UnsafeEmailContentError(field, 'it must be an http or https link');
  }
  // The URL parser adds a slash to a bare origin; anything else it would change is refused.
  const unchanged = url.href === text || url.href === `${text}/`;
  if (url.username || url.password || url.hash || text.includes('#') || !unchanged) {
    throw new UnsafeEmailContentError(
      field,
      'it must be a plain link without credentials or fragment',
    );
  }
  if (!ROUTE_PATH.test(url.pathname)) {
    throw new UnsafeEmailContentError(field, 'its path may hold only route words and ids');
  }
  for (const [key, queryValue] of url.searchParams) {
    if (!QUERY_KEY.test(key) || !(QUERY_TOKEN.test(queryValue) || QUERY_ROUTE.test(queryValue))) {
      throw new UnsafeEmailContentError(field, 'its query may hold only ids, tokens and routes');
    }
  }
  return text as AppLink;
}

export const personName = (value: string): PersonName => checkPersonName(value);
export const stepTitle = (value: string): StepTitle => checkStepTitle(value);
export const referenceNumber = (value: string): ReferenceNumber => checkReferenceNumber(value);
export const agencyName = (value: string): AgencyName => checkAgencyName(value);

function baseUrl(appUrl: string): string {
  const base = checkAppLink(appUrl.replace(/\/+$/, ''), 'appUrl');
  if (new URL(base).search) throw new UnsafeEmailContentError('appUrl', 'it must have no query');
  return base.replace(/\/+$/, '');
}

/**
 * A link to a page of the product, built from the configured APP_URL, a route path such as
 * `/tasks` and optional query values that are ids, tokens or routes (e.g. a sign-in token and
 * where to go next).
 */
export function appLink(
  appUrl: string,
  path: string,
  query: Readonly<Record<string, string>> = {},
): AppLink {
  if (!ROUTE_PATH.test(path) || !path.startsWith('/')) {
    throw new UnsafeEmailContentError('path', 'it may hold only route words and ids');
  }
  const url = new URL(`${baseUrl(appUrl)}${path}`);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return checkAppLink(url.href);
}

/** The link to one task: `${APP_URL}/tasks/${taskId}`. */
export function taskLink(appUrl: string, taskId: string): AppLink {
  if (!UUID.test(taskId))
    throw new UnsafeEmailContentError('taskId', 'it must be a lower-case UUID');
  return appLink(appUrl, `/tasks/${taskId}`);
}
