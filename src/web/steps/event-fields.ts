import { isIsoDate } from '../../calendar';
import { FormErrors } from '../forms/form-errors';

/**
 * The fields a workflow event's payload is asked for on a page, and how a submitted form becomes
 * that payload. A field's `name` is its payload property; on the page it is prefixed (see
 * `inputName`) so two outcomes of one decision can ask for the same property.
 */
export type EventField =
  | { kind: 'date'; name: string; what: string; optional?: boolean }
  | { kind: 'textarea'; name: string; what: string; optional?: boolean; maxLength?: number }
  | {
      kind: 'radios';
      name: string;
      what: string;
      options: ReadonlyArray<{ value: string; label: string }>;
      optional?: boolean;
    };

/** "the date of the decision" → "Date of the decision". */
export function labelOf(field: EventField): string {
  return field.what.replace(/^the /, '').replace(/^./, (first) => first.toUpperCase());
}

export function date(name: string, what: string): EventField {
  return { kind: 'date', name, what };
}

export function textarea(name: string, what: string, optional = false): EventField {
  return { kind: 'textarea', name, what, optional, maxLength: 2000 };
}

export function radios(
  name: string,
  what: string,
  options: ReadonlyArray<{ value: string; label: string }>,
  optional = false,
): EventField {
  return { kind: 'radios', name, what, options, optional };
}

/** The form input a field is posted as: `<prefix>-<name>`, or the name alone without a prefix. */
export function inputName(prefix: string, field: EventField): string {
  return prefix ? `${prefix}-${field.name}` : field.name;
}

/** Where the error summary sends the keyboard for a field: a date input's day box. */
export function inputId(prefix: string, field: EventField): string {
  const name = inputName(prefix, field);
  return field.kind === 'date' ? `${name}-day` : name;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** A GOV.UK date input's three boxes as YYYY-MM-DD, or why they are not a date. */
function dateOf(
  body: Readonly<Record<string, unknown>>,
  name: string,
): { value?: string; problem?: 'missing' | 'invalid' } {
  const [day, month, year] = ['day', 'month', 'year'].map((part) => text(body[`${name}-${part}`]));
  if (!day && !month && !year) return { problem: 'missing' };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { problem: 'invalid' };
  }
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isIsoDate(iso) ? { value: iso } : { problem: 'invalid' };
}

/**
 * Reads the fields from a submitted form: the payload when every required field is there and
 * well formed, and a message per field that is not (keyed by its input name).
 */
export function readFields(
  fields: readonly EventField[],
  body: Readonly<Record<string, unknown>>,
  prefix = '',
): { payload: Record<string, unknown>; errors: Record<string, string> } {
  const payload: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const name = inputName(prefix, field);
    switch (field.kind) {
      case 'date': {
        const read = dateOf(body, name);
        if (read.value) payload[field.name] = read.value;
        else if (read.problem === 'invalid') {
          errors[name] = `${labelOf(field)} must be a real date, like 27 3 2026`;
        } else if (!field.optional) errors[name] = `Enter ${field.what}`;
        break;
      }
      case 'textarea': {
        const value = text(body[name]);
        if (field.maxLength !== undefined && value.length > field.maxLength) {
          errors[name] = `${labelOf(field)} must be ${field.maxLength} characters or fewer`;
        } else if (value) payload[field.name] = value;
        else if (!field.optional) errors[name] = `Enter ${field.what}`;
        break;
      }
      case 'radios': {
        const value = text(body[name]);
        if (field.options.some((option) => option.value === value)) payload[field.name] = value;
        else if (!field.optional) errors[name] = `Select ${field.what}`;
        break;
      }
    }
  }
  return { payload, errors };
}

/** Error messages keyed by input name, as the GOV.UK pattern shows them (dates link to the day). */
export function fieldErrors(
  messages: Readonly<Record<string, string>>,
  fields: ReadonlyArray<{ prefix: string; field: EventField }>,
): FormErrors {
  const ids: Record<string, string> = {};
  for (const { prefix, field } of fields) ids[inputName(prefix, field)] = inputId(prefix, field);
  return FormErrors.fromMap(messages, { ids });
}

/** A field as a template renders it: its input's name and id, label and current value(s). */
export interface FieldView {
  kind: EventField['kind'];
  name: string;
  id: string;
  label: string;
  optional: boolean;
  options: ReadonlyArray<{ value: string; label: string }>;
  maxLength?: number;
}

export function fieldView(field: EventField, prefix = ''): FieldView {
  return {
    kind: field.kind,
    name: inputName(prefix, field),
    id: inputName(prefix, field),
    label: `${labelOf(field)}${field.optional ? ' (optional)' : ''}`,
    optional: field.optional ?? false,
    options: field.kind === 'radios' ? field.options : [],
    ...(field.kind === 'textarea' && field.maxLength ? { maxLength: field.maxLength } : {}),
  };
}
