import { isIsoDate, type IsoDate } from '../../calendar';
import type { DueTiming } from '../../reminders/policy/due-timing';
import { UnsafeEmailContentError } from './safe-text';

/** The product's name as emails sign off. */
export const SERVICE_NAME = 'Safeguarding Reviews';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * A London calendar date in words, GOV.UK style: "Wednesday 14 January 2026". Built by hand, not
 * with Intl, whose en-GB output has changed between ICU versions (a comma after the weekday).
 */
export function dateInWords(date: IsoDate): string {
  if (!isIsoDate(date)) throw new RangeError('A date in an email must be written YYYY-MM-DD');
  const [year, month, day] = date.split('-').map(Number);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return `${WEEKDAYS[weekday]} ${day} ${MONTHS[month - 1]} ${year}`;
}

export function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/**
 * A title inside a sentence: "Agency audit return" reads "agency audit return", but a title that
 * starts with an acronym ("IMR and chronology") keeps its capitals.
 */
export function inSentence(title: string): string {
  const firstWord = title.split(' ')[0];
  if (/^[A-Z0-9]{2,}/.test(firstWord) || /[A-Z]/.test(firstWord.slice(1))) return title;
  return title.charAt(0).toLowerCase() + title.slice(1);
}

/** Where the task stands, as the end of a sentence about it: "is due in 5 working days, on …". */
export function dueClause(dueOn: IsoDate, timing: DueTiming): string {
  const date = dateInWords(dueOn);
  switch (timing.status) {
    case 'upcoming':
      return timing.workingDaysLeft > 0
        ? `is due in ${plural(timing.workingDaysLeft, 'working day')}, on ${date}`
        : `is due on ${date}`;
    case 'due-today':
      return `is due today, ${date}`;
    case 'overdue':
      return timing.workingDaysOverdue > 0
        ? `is ${plural(timing.workingDaysOverdue, 'working day')} overdue. It was due on ${date}`
        : `is overdue. It was due on ${date}`;
  }
}

/** A short phrase for lists and subjects: "due in 5 working days", "3 working days overdue". */
export function duePhrase(timing: DueTiming): string {
  switch (timing.status) {
    case 'upcoming':
      return timing.workingDaysLeft > 0
        ? `due in ${plural(timing.workingDaysLeft, 'working day')}`
        : 'due soon';
    case 'due-today':
      return 'due today';
    case 'overdue':
      return timing.workingDaysOverdue > 0
        ? `${plural(timing.workingDaysOverdue, 'working day')} overdue`
        : 'overdue';
  }
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

const STYLE = {
  body: 'margin:0;padding:24px;background:#ffffff;color:#0b0c0c;font-family:Arial,Helvetica,sans-serif;font-size:19px;line-height:1.4',
  h1: 'font-size:27px;line-height:1.2;margin:0 0 20px',
  h2: 'font-size:22px;line-height:1.2;margin:30px 0 10px',
  th: 'text-align:left;vertical-align:top;padding:6px 20px 6px 0;font-weight:bold',
  td: 'text-align:left;vertical-align:top;padding:6px 0',
  link: 'color:#1d70b8;text-decoration:underline',
  footer: 'font-size:16px;color:#505a5f;margin:10px 0 0',
};

/** A link with its visible text; both are escaped. */
export function htmlLink(href: string, text: string): string {
  return `<a href="${escapeHtml(href)}" style="${STYLE.link}">${escapeHtml(text)}</a>`;
}

export function htmlParagraph(text: string): string {
  return `<p>${escapeHtml(text)}</p>`;
}

export function htmlHeading(level: 1 | 2, text: string): string {
  return `<h${level} style="${level === 1 ? STYLE.h1 : STYLE.h2}">${escapeHtml(text)}</h${level}>`;
}

/** Label-value rows as an accessible table with row headers. */
export function htmlSummary(rows: readonly (readonly [string, string])[]): string {
  const body = rows
    .map(
      ([label, value]) =>
        `<tr><th scope="row" style="${STYLE.th}">${escapeHtml(label)}</th>` +
        `<td style="${STYLE.td}">${escapeHtml(value)}</td></tr>`,
    )
    .join('');
  return `<table style="border-collapse:collapse;margin:0 0 20px"><tbody>${body}</tbody></table>`;
}

export function textSummary(rows: readonly (readonly [string, string])[]): string {
  return rows.map(([label, value]) => `${label}: ${value}`).join('\n');
}

export const FOOTER_LINES = [
  `This is an automatic email from ${SERVICE_NAME}. Replies are not read.`,
  'Case details are never sent by email: sign in to see them.',
];

/** A whole HTML email: language, title, readable width; `body` is already-escaped HTML. */
export function htmlDocument(title: string, body: string, footer: readonly string[]): string {
  const footerHtml = footer.map((line) => `<p style="${STYLE.footer}">${escapeHtml(line)}</p>`);
  const separator = '<hr style="border:0;border-top:1px solid #b1b4b6;margin:30px 0 20px">';
  return [
    '<!DOCTYPE html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    '</head>',
    `<body style="${STYLE.body}">`,
    `<div role="article" aria-label="${escapeHtml(title)}" lang="en-GB" style="max-width:640px">`,
    body,
    separator,
    ...footerHtml,
    '</div>',
    '</body>',
    '</html>',
  ].join('\n');
}

/** A whole plain-text email: paragraphs separated by blank lines. */
export function textDocument(paragraphs: readonly string[], footer: readonly string[]): string {
  return [...paragraphs, ...footer].join('\n\n') + '\n';
}

/**
 * Runtime guard for a template's input: exactly the fields it declares, each checked. Extra fields
 * (a task row spread in, a `pseudonym`) are refused, naming the field and never its value.
 */
export function checkFields<T>(
  input: unknown,
  template: string,
  checks: { readonly [K in keyof T]-?: (value: unknown, field: string) => T[K] },
): T {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new UnsafeEmailContentError(template, 'its input must be an object');
  }
  const record = input as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!Object.hasOwn(checks, key)) {
      throw new UnsafeEmailContentError(`${template}.${key}`, 'the template has no such field');
    }
  }
  const checked: Partial<T> = {};
  for (const key of Object.keys(checks) as (keyof T & string)[]) {
    checked[key] = checks[key](record[key], `${template}.${key}`);
  }
  return checked as T;
}

export function checkIsoDate(value: unknown, field: string): IsoDate {
  if (!isIsoDate(value)) throw new UnsafeEmailContentError(field, 'it must be a date YYYY-MM-DD');
  return value;
}

export function checkWholeNumber(min: number, max: number) {
  return (value: unknown, field: string): number => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new UnsafeEmailContentError(field, `it must be a whole number from ${min} to ${max}`);
    }
    return value;
  };
}

export function checkOneOf<T extends string>(values: readonly T[]) {
  return (value: unknown, field: string): T => {
    if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
      throw new UnsafeEmailContentError(field, `it must be one of ${values.join(', ')}`);
    }
    return value as T;
  };
}

export function checkDueTiming(value: unknown, field: string): DueTiming {
  const days = checkWholeNumber(0, 100_000);
  if (typeof value === 'object' && value !== null) {
    const timing = value as Record<string, unknown>;
    switch (timing.status) {
      case 'upcoming':
        return checkFields<DueTiming & { status: 'upcoming' }>(value, field, {
          status: () => 'upcoming',
          workingDaysLeft: days,
        });
      case 'due-today':
        return checkFields<DueTiming & { status: 'due-today' }>(value, field, {
          status: () => 'due-today',
        });
      case 'overdue':
        return checkFields<DueTiming & { status: 'overdue' }>(value, field, {
          status: () => 'overdue',
          workingDaysOverdue: days,
        });
    }
  }
  throw new UnsafeEmailContentError(
    field,
    'it must be a due timing (upcoming, due-today, overdue)',
  );
}
