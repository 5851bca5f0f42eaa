import type { ValidationError } from 'class-validator';

/** One row of `govukErrorSummary`'s `errorList`. */
export interface ErrorSummaryItem {
  text: string;
  href: string;
}

/** A component's `errorMessage` option. */
export interface ErrorMessage {
  text: string;
}

export interface FormErrorsOptions {
  /**
   * The element id a field's summary link goes to, when it is not the field name with dots as
   * hyphens; e.g. `{ dueOn: 'dueOn-day' }` for a date input, whose first box takes the focus.
   */
  ids?: Readonly<Record<string, string>>;
}

/**
 * The GOV.UK error pattern for one form: an error summary linking to each field, and the same
 * message inline at the field. One message per field, in the order the fields were given.
 *
 *   {{ govukErrorSummary({ titleText: "There is a problem", errorList: form.errors.summary }) }}
 *   {{ govukInput({ ..., errorMessage: form.errors.fields.title }) }}
 */
export class FormErrors {
  readonly summary: readonly ErrorSummaryItem[];
  readonly fields: Readonly<Record<string, ErrorMessage>>;
  readonly hasErrors: boolean;

  private constructor(messages: ReadonlyMap<string, string>, options: FormErrorsOptions) {
    this.summary = [...messages].map(([field, text]) => ({
      text,
      href: `#${options.ids?.[field] ?? field.replace(/\./g, '-')}`,
    }));
    this.fields = Object.fromEntries([...messages].map(([field, text]) => [field, { text }]));
    this.hasErrors = messages.size > 0;
  }

  static none(): FormErrors {
    return new FormErrors(new Map(), {});
  }

  /** From a field → message map, e.g. a check the DTO cannot make such as "that email is taken". */
  static fromMap(
    messages: Readonly<Record<string, string>>,
    options: FormErrorsOptions = {},
  ): FormErrors {
    return new FormErrors(new Map(Object.entries(messages)), options);
  }

  /**
   * From class-validator: the first message of each failing field, nested fields named by their
   * path (`address.postcode`, `items.0.name`). class-validator runs a property's decorators from
   * the bottom up, so put the check that should speak first (e.g. `@IsInt`) nearest the property.
   */
  static fromValidation(
    errors: readonly ValidationError[],
    options: FormErrorsOptions = {},
  ): FormErrors {
    const messages = new Map<string, string>();
    const collect = (list: readonly ValidationError[], prefix: string): void => {
      for (const error of list) {
        const field = `${prefix}${error.property}`;
        const first = Object.values(error.constraints ?? {})[0];
        if (first !== undefined && !messages.has(field)) messages.set(field, first);
        collect(error.children ?? [], `${field}.`);
      }
    };
    collect(errors, '');
    return new FormErrors(messages, options);
  }

  /** The message for a field, if it has one. */
  messageFor(field: string): string | undefined {
    return this.fields[field]?.text;
  }
}

/** Submitted values, exactly as typed. */
export type FormValues = Readonly<Record<string, unknown>>;

/** What a form page renders: what the person typed, and what was wrong with it. */
export interface FormView {
  values: FormValues;
  errors: FormErrors;
}

/**
 * Keeps every submitted value as typed so nothing is lost when the page is shown again with errors.
 * Pass the raw request body, never the transformed DTO: "12x" typed into a number field must come
 * back as "12x", not as NaN or an empty box.
 */
export function formView(
  submitted: unknown = {},
  errors: FormErrors = FormErrors.none(),
): FormView {
  const values =
    typeof submitted === 'object' && submitted !== null && !Array.isArray(submitted)
      ? { ...(submitted as Record<string, unknown>) }
      : {};
  return { values, errors };
}
