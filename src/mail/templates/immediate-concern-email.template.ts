import type { IsoDate } from '../../calendar';
import { checkFields, checkIsoDate, checkOneOf, dateInWords } from './email-format';
import { renderNotice } from './notice-email';
import type { RenderedEmail } from './rendered-email';
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
 * auditor raised an immediate concern about a child. Which audit and when, and a link to the
 * audit: never the concern, the case or the child.
 */
export interface ImmediateConcernEmail {
  recipientName: PersonName;
  role: ImmediateConcernRole;
  reference: ReferenceNumber;
  raisedOn: IsoDate;
  /** The audit's page, where the concern is read and what was done recorded. */
  auditUrl: AppLink;
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
    auditUrl: checkAppLink,
  });
  const raisedOn = dateInWords(email.raisedOn);
  return renderNotice('immediate-concern', {
    subject: `Immediate concern raised in audit ${email.reference}`,
    recipientName: email.recipientName,
    opening: [
      `An auditor raised an immediate concern about a child in case file audit ${email.reference} on ${raisedOn}. It needs action now, without waiting for the audit meeting.`,
    ],
    rows: [
      ['Audit', email.reference],
      ['Raised on', raisedOn],
    ],
    link: {
      url: email.auditUrl,
      text: 'Open the audit to read the concern and record what was done',
    },
    closing: [
      'The concern is not in this email, to keep the child’s details safe.',
      `You are getting this email because ${WHY[email.role]}.`,
    ],
  });
}
