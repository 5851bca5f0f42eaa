import {
  FOOTER_LINES,
  htmlDocument,
  htmlLink,
  htmlParagraph,
  htmlSummary,
  textDocument,
  textSummary,
} from './email-format';
import { renderedEmail, type EmailTemplateName, type RenderedEmail } from './rendered-email';
import type { AppLink, PersonName } from './safe-text';

/**
 * The shape of a short notice about an audit or review: a greeting, what happened, a summary
 * table, one link into the product, then why the person got it. Every part is already-checked
 * template text; this only lays it out, as plain text and as accessible HTML.
 */
export interface Notice {
  subject: string;
  recipientName: PersonName;
  /** Paragraphs saying what happened. */
  opening: readonly string[];
  rows: readonly (readonly [string, string])[];
  link: { readonly url: AppLink; readonly text: string };
  /** Paragraphs after the link: what is kept out of the email, why the person got it. */
  closing: readonly string[];
}

export function renderNotice(template: EmailTemplateName, notice: Notice): RenderedEmail {
  const greeting = `Dear ${notice.recipientName},`;
  return renderedEmail(template, {
    subject: notice.subject,
    text: textDocument(
      [
        greeting,
        ...notice.opening,
        textSummary(notice.rows),
        `${notice.link.text}:\n${notice.link.url}`,
        ...notice.closing,
      ],
      FOOTER_LINES,
    ),
    html: htmlDocument(
      notice.subject,
      [
        htmlParagraph(greeting),
        ...notice.opening.map(htmlParagraph),
        htmlSummary(notice.rows),
        `<p>${htmlLink(notice.link.url, notice.link.text)}</p>`,
        ...notice.closing.map(htmlParagraph),
      ].join('\n'),
      FOOTER_LINES,
    ),
  });
}
