import type { IsoDate } from '../../calendar';
import {
  checkFields,
  checkIsoDate,
  checkOneOf,
  dateInWords,
  FOOTER_LINES,
  htmlDocument,
  htmlLink,
  htmlParagraph,
  htmlSummary,
  textDocument,
  textSummary,
} from './email-format';
import { renderedEmail, type RenderedEmail } from './rendered-email';
import {
  checkAppLink,
  checkPersonName,
  checkReferenceNumber,
  type AppLink,
  type PersonName,
  type ReferenceNumber,
} from './safe-text';

/** Why this person is told about a concern at once. */
export const IMMEDIATE_CONCERN_ROLES = [
  'business-manager',
  'chair',
  'agency-safeguarding-lead',
] as const;
export type ImmediateConcernRole = (typeof IMMEDIATE_CONCERN_ROLES)[number];

/**
 * Tells the business manager, the chairs and the raising agency's safeguarding lead that an
 * auditor raised an immediate concern about a child. Which audit and when, and a link: never the
 * concern, the case or the child.
 */
export interface ImmediateConcernEmail {
  recipientName: PersonName;
  role: ImmediateConcernRole;
  reference: ReferenceNumber;
  raisedOn: IsoDate;
  concernUrl: AppLink;
}

const WHY: Readonly<Record<ImmediateConcernRole, string>> = {
  'business-manager': 'you are the partnership’s business manager',
  chair: 'you chair the partnership or this audit',
  'agency-safeguarding-lead': 'you are your agency’s safeguarding lead on this audit',
};

export function renderImmediateConcernEmail(input: ImmediateConcernEmail): RenderedEmail {
  const email = checkFields<ImmediateConcernEmail>(input, 'immediate-concern', {
    recipientName: checkPersonName,
    role: checkOneOf(IMMEDIATE_CONCERN_ROLES),
    reference: checkReferenceNumber,
    raisedOn: checkIsoDate,
    concernUrl: checkAppLink,
  });
  const subject = `Immediate concern raised in audit ${email.reference}`;
  const greeting = `Dear ${email.recipientName},`;
  const what = `An auditor raised an immediate concern about a child in case file audit ${email.reference} on ${dateInWords(email.raisedOn)}. It needs action now, without waiting for the audit meeting.`;
  const rows = [
    ['Audit', email.reference],
    ['Raised on', dateInWords(email.raisedOn)],
  ] as const;
  const open = 'Read the concern and record what was done';
  const kept = 'The concern is not in this email, to keep the child’s details safe.';
  const why = `You are getting this email because ${WHY[email.role]}.`;
  return renderedEmail('immediate-concern', {
    subject,
    text: textDocument(
      [greeting, what, textSummary(rows), `${open}:\n${email.concernUrl}`, kept, why],
      FOOTER_LINES,
    ),
    html: htmlDocument(
      subject,
      [
        htmlParagraph(greeting),
        htmlParagraph(what),
        htmlSummary(rows),
        `<p>${htmlLink(email.concernUrl, open)}</p>`,
        htmlParagraph(kept),
        htmlParagraph(why),
      ].join('\n'),
      FOOTER_LINES,
    ),
  });
}
