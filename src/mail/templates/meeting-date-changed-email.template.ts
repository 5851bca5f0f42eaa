import type { IsoDate } from '../../calendar';
import { checkFields, checkIsoDate, dateInWords } from './email-format';
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

/**
 * Tells a member of an audit that its multi-agency audit meeting has moved. Which audit, the new
 * date and a link: never the reason for the move.
 */
export interface MeetingDateChangedEmail {
  recipientName: PersonName;
  reference: ReferenceNumber;
  meetingOn: IsoDate;
  auditUrl: AppLink;
}

export function renderMeetingDateChangedEmail(input: MeetingDateChangedEmail): RenderedEmail {
  const email = checkFields<MeetingDateChangedEmail>(input, 'meeting-date-changed', {
    recipientName: checkPersonName,
    reference: checkReferenceNumber,
    meetingOn: checkIsoDate,
    auditUrl: checkAppLink,
  });
  const meetingOn = dateInWords(email.meetingOn);
  return renderNotice('meeting-date-changed', {
    subject: `Audit meeting for ${email.reference} moved to ${meetingOn}`,
    recipientName: email.recipientName,
    opening: [
      `The multi-agency audit meeting for case file audit ${email.reference} is now on ${meetingOn}.`,
    ],
    rows: [
      ['Audit', email.reference],
      ['Meeting on', meetingOn],
    ],
    link: { url: email.auditUrl, text: 'Open the audit' },
    closing: [
      'Please update your calendar.',
      'You are getting this email because you are a member of this audit.',
    ],
  });
}
