import type { IsoDate } from '../../calendar';
import { checkFields, checkIsoDate, checkOneOf, dateInWords } from './email-format';
import { renderNotice } from './notice-email';
import type { RenderedEmail } from './rendered-email';
import {
  checkAgencyName,
  checkAppLink,
  checkPersonName,
  checkReferenceNumber,
  type AgencyName,
  type AppLink,
  type PersonName,
  type ReferenceNumber,
} from './safe-text';

/** Why this person is told that their agency's return was reopened. */
export const RETURN_REOPENED_ROLES = ['agency-safeguarding-lead', 'audit-group-member'] as const;
export type ReturnReopenedRole = (typeof RETURN_REOPENED_ROLES)[number];

/**
 * Tells an agency's people on an audit that the business unit reopened one of the agency's
 * submitted returns, so it must be submitted again. Which audit, which agency, when and a link:
 * never the case or the reason (which may hold case content).
 */
export interface ReturnReopenedEmail {
  recipientName: PersonName;
  role: ReturnReopenedRole;
  reference: ReferenceNumber;
  agencyName: AgencyName;
  reopenedOn: IsoDate;
  auditUrl: AppLink;
}

const WHY: Readonly<Record<ReturnReopenedRole, string>> = {
  'agency-safeguarding-lead': 'you are your agency’s safeguarding lead on this audit',
  'audit-group-member': 'you audit cases for your agency in this audit',
};

export function renderReturnReopenedEmail(input: ReturnReopenedEmail): RenderedEmail {
  const email = checkFields<ReturnReopenedEmail>(input, 'return-reopened', {
    recipientName: checkPersonName,
    role: checkOneOf(RETURN_REOPENED_ROLES),
    reference: checkReferenceNumber,
    agencyName: checkAgencyName,
    reopenedOn: checkIsoDate,
    auditUrl: checkAppLink,
  });
  const reopenedOn = dateInWords(email.reopenedOn);
  return renderNotice('return-reopened', {
    subject: `Audit return reopened in audit ${email.reference}`,
    recipientName: email.recipientName,
    opening: [
      `The partnership’s business unit reopened an audit return from ${email.agencyName} in case file audit ${email.reference} on ${reopenedOn}.`,
      'It needs to be submitted again.',
    ],
    rows: [
      ['Audit', email.reference],
      ['Agency', email.agencyName],
      ['Reopened on', reopenedOn],
    ],
    link: { url: email.auditUrl, text: 'Open the audit to update the return and submit it again' },
    closing: [
      'Which case it is and why it was reopened are not in this email, to keep the child’s details safe.',
      `You are getting this email because ${WHY[email.role]}.`,
    ],
  });
}
