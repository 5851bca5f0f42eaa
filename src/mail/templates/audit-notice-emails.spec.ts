import {
  renderConcernActionedEmail,
  type ConcernActionedEmail,
} from './concern-actioned-email.template';
import { SAMPLE_EMAILS, verifyTemplates } from './email-templates';
import {
  renderMeetingDateChangedEmail,
  type MeetingDateChangedEmail,
} from './meeting-date-changed-email.template';
import type { EmailTemplateName, RenderedEmail } from './rendered-email';
import {
  renderReturnReopenedEmail,
  type ReturnReopenedEmail,
} from './return-reopened-email.template';
import {
  agencyName,
  appLink,
  personName,
  referenceNumber,
  UnsafeEmailContentError,
} from './safe-text';

const AUDIT_ID = '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';
const LINK = appLink('https://reviews.example.org', `/instances/${AUDIT_ID}`);
const NAME = personName('Asha Patel');
const REFERENCE = referenceNumber('RSCP-CFA-2026-001');

const actioned: ConcernActionedEmail = {
  recipientName: NAME,
  role: 'raised-it',
  reference: REFERENCE,
  raisedOn: '2026-01-14',
  actionedOn: '2026-01-16',
  auditUrl: LINK,
};
const reopened: ReturnReopenedEmail = {
  recipientName: NAME,
  role: 'agency-safeguarding-lead',
  reference: REFERENCE,
  agencyName: agencyName('Northshire Police'),
  reopenedOn: '2026-01-14',
  auditUrl: LINK,
};
const moved: MeetingDateChangedEmail = {
  recipientName: NAME,
  reference: REFERENCE,
  meetingOn: '2026-02-11',
  auditUrl: LINK,
};

/** Each template with a valid input: `render` takes anything, as a cast or a spread row would. */
const TEMPLATES: ReadonlyArray<[EmailTemplateName, (input: never) => RenderedEmail, object]> = [
  ['concern-actioned', renderConcernActionedEmail, actioned],
  ['return-reopened', renderReturnReopenedEmail, reopened],
  ['meeting-date-changed', renderMeetingDateChangedEmail, moved],
];

/** What case content looks like when someone tries to pass it in a field an email does have. */
const POISONED_FIELDS: Readonly<Record<string, unknown>> = {
  recipientName: 'Ben Testchild, born 09/03/2014',
  reference: 'Child H',
  agencyName: 'Police re Case B',
  auditUrl: 'https://reviews.example.org/instances/harry-whitfield?child=Harry%20Whitfield',
  raisedOn: '09/03/2014',
  actionedOn: 'Bruising seen on Ben',
  reopenedOn: 'Ben Testchild',
  meetingOn: 'ME4 4TB',
  role: 'Case A',
};

describe.each(TEMPLATES)('the %s email keeps case content out', (name, render, valid) => {
  const renderAny = render as (input: unknown) => RenderedEmail;

  it('greets the person, names the audit and links to the audit page, in text and HTML', () => {
    const email = renderAny(valid);
    expect(email.template).toBe(name);
    expect(email.subject).toContain('RSCP-CFA-2026-001');
    expect(email.text).toContain('Dear Asha Patel,');
    expect(email.text).toContain(`\n${LINK}\n`);
    expect(email.html).toContain(`<a href="${LINK}"`);
    expect(email.html).toContain('<html lang="en-GB">');
    expect(email.html).toContain('<th scope="row"');
  });

  it.each(['concern', 'actionTaken', 'reason', 'caseKey', 'pseudonym', 'identifiers', 'findings'])(
    'has no field %s that could carry the case',
    (field) => {
      expect(() => renderAny({ ...valid, [field]: 'Bruising seen on Case A' })).toThrow(
        `${name}.${field} cannot go into an email: the template has no such field`,
      );
    },
  );

  it.each(Object.keys(valid))(
    'refuses case content in its %s field, never repeating it',
    (field) => {
      const value = POISONED_FIELDS[field];
      let refusal: unknown;
      try {
        renderAny({ ...valid, [field]: value });
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(UnsafeEmailContentError);
      expect((refusal as Error).message).toMatch(new RegExp(`^${name}\\.${field} cannot go into`));
      expect((refusal as Error).message).not.toContain(String(value));
    },
  );

  it('is verified at boot', () => {
    expect(SAMPLE_EMAILS[name].length).toBeGreaterThan(0);
    expect(verifyTemplates()).toContain(name);
  });
});

describe('concern actioned email', () => {
  it('says the concern raised on a date was actioned, and not what was done', () => {
    const email = renderConcernActionedEmail(actioned);
    expect(email.subject).toBe('Immediate concern actioned in audit RSCP-CFA-2026-001');
    expect(email.text).toContain(
      'The immediate concern raised on Wednesday 14 January 2026 in case file audit RSCP-CFA-2026-001 has been actioned. What was done was recorded on Friday 16 January 2026.',
    );
    expect(email.text).toContain(`Open the audit to see what was done:\n${LINK}`);
    expect(email.text).toContain('What was done is not in this email');
    expect(email.text).toContain('because you raised the concern.');
    expect(renderConcernActionedEmail({ ...actioned, role: 'business-manager' }).text).toContain(
      'because you are the partnership’s business manager.',
    );
  });
});

describe('return reopened email', () => {
  it('says the agency’s return was reopened and needs submitting again, without the case', () => {
    const email = renderReturnReopenedEmail(reopened);
    expect(email.subject).toBe('Audit return reopened in audit RSCP-CFA-2026-001');
    expect(email.text).toContain(
      'The partnership’s business unit reopened an audit return from Northshire Police in case file audit RSCP-CFA-2026-001 on Wednesday 14 January 2026.',
    );
    expect(email.text).toContain('It needs to be submitted again.');
    expect(email.text).toContain('Agency: Northshire Police');
    expect(email.text).toContain('because you are your agency’s safeguarding lead on this audit.');
    expect(renderReturnReopenedEmail({ ...reopened, role: 'audit-group-member' }).text).toContain(
      'because you audit cases for your agency in this audit.',
    );
    expect(email.text).not.toMatch(/\bCase [A-Z]\b/);
  });
});

describe('meeting date changed email', () => {
  it('gives the new meeting date in words', () => {
    const email = renderMeetingDateChangedEmail(moved);
    expect(email.subject).toBe(
      'Audit meeting for RSCP-CFA-2026-001 moved to Wednesday 11 February 2026',
    );
    expect(email.text).toContain(
      'The multi-agency audit meeting for case file audit RSCP-CFA-2026-001 is now on Wednesday 11 February 2026.',
    );
    expect(email.text).toContain('Meeting on: Wednesday 11 February 2026');
    expect(email.text).toContain('because you are a member of this audit.');
  });
});
