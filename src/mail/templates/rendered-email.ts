declare const renderedBrand: unique symbol;

export const EMAIL_TEMPLATE_NAMES = [
  'reminder',
  'escalation',
  'digest',
  'sign-in',
  'immediate-concern',
  'concern-actioned',
  'return-reopened',
  'meeting-date-changed',
] as const;
export type EmailTemplateName = (typeof EMAIL_TEMPLATE_NAMES)[number];

/**
 * An email one of our templates produced. Only `renderedEmail` makes one, and only the templates
 * call it, so the mail sender cannot be handed text from anywhere else.
 */
export interface RenderedEmail {
  /** Which template made it: safe to log. */
  readonly template: EmailTemplateName;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly [renderedBrand]: true;
}

export function renderedEmail(
  template: EmailTemplateName,
  parts: { subject: string; text: string; html: string },
): RenderedEmail {
  if (/[\r\n]/.test(parts.subject))
    throw new Error(`The ${template} email's subject has a line break`);
  return Object.freeze({ template, ...parts }) as RenderedEmail;
}
