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

/** Why this person is told that a concern was actioned. */
export const CONCERN_ACTIONED_ROLES = ['raised-it', 'business-manager'] as const;
export type ConcernActionedRole = (typeof CONCERN_ACTIONED_ROLES)[number];

/**
 * Tells the person who raised an immediate concern, and the business managers, that what was done
 * about it has been recorded. When, which audit and a link: never the concern or what was done.
 */
export interface ConcernActionedEmail {
  recipientName: PersonName;
  role: ConcernActionedRole;
  reference: ReferenceNumber;
  raisedOn: IsoDate;
  actionedOn: IsoDate;
  auditUrl: AppLink;
}

const WHY: Readonly<Record<ConcernActionedRole, string>> = {
  'raised-it': 'you raised the concern',
  'business-manager': 'you are the partnership’s business manager',
};

export function renderConcernActionedEmail(input: ConcernActionedEmail): RenderedEmail {
  const email = checkFields<ConcernActionedEmail>(input, 'concern-actioned', {
    recipientName: checkPersonName,
    role: checkOneOf(CONCERN_ACTIONED_ROLES),
    reference: checkReferenceNumber,
    raisedOn: checkIsoDate,
    actionedOn: checkIsoDate,
    auditUrl: checkAppLink,
  });
  const raisedOn = dateInWords(email.raisedOn);
  const actionedOn = dateInWords(email.actionedOn);
  return renderNotice('concern-actioned', {
    subject: `Immediate concern actioned in audit ${email.reference}`,
    recipientName: email.recipientName,
    opening: [
      `The immediate concern raised on ${raisedOn} in case file audit ${email.reference} has been actioned. What was done was recorded on ${actionedOn}.`,
    ],
    rows: [
      ['Audit', email.reference],
      ['Raised on', raisedOn],
      ['Actioned on', actionedOn],
    ],
    link: { url: email.auditUrl, text: 'Open the audit to see what was done' },
    closing: [
      'What was done is not in this email, to keep the child’s details safe.',
      `You are getting this email because ${WHY[email.role]}.`,
    ],
  });
}
