import { SAMPLE_EMAILS, verifyTemplates } from './email-templates';
import {
  renderImmediateConcernEmail,
  type ImmediateConcernEmail,
} from './immediate-concern-email.template';
import { appLink, personName, referenceNumber, UnsafeEmailContentError } from './safe-text';

const LINK = appLink(
  'https://reviews.example.org',
  '/instances/6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b',
);

const concern = (extra: Partial<ImmediateConcernEmail> = {}): ImmediateConcernEmail => ({
  recipientName: personName('Asha Patel'),
  role: 'business-manager',
  reference: referenceNumber('RSCP-CFA-2026-001'),
  raisedOn: '2026-01-14',
  auditUrl: LINK,
  ...extra,
});

describe('immediate concern email', () => {
  it('says which audit and when, and links to the audit, in text and HTML', () => {
    const email = renderImmediateConcernEmail(concern());
    expect(email.template).toBe('immediate-concern');
    expect(email.subject).toBe('Immediate concern raised in audit RSCP-CFA-2026-001');
    expect(email.text).toContain('Dear Asha Patel,');
    expect(email.text).toContain(
      'An auditor raised an immediate concern about a child in case file audit RSCP-CFA-2026-001 on Wednesday 14 January 2026.',
    );
    expect(email.text).toContain(
      `Open the audit to read the concern and record what was done:\n${LINK}`,
    );
    expect(email.text).toContain('because you are the partnership’s business manager.');
    expect(email.html).toContain(`<a href="${LINK}"`);
  });

  it('tells a chair and an agency safeguarding lead why they got it', () => {
    expect(renderImmediateConcernEmail(concern({ role: 'chair' })).text).toContain(
      'because you chair the partnership or this audit.',
    );
    expect(
      renderImmediateConcernEmail(concern({ role: 'agency-safeguarding-lead' })).text,
    ).toContain('because you are your agency’s safeguarding lead on this audit.');
  });

  it('has no field that could carry the concern or the case', () => {
    const smuggled = { ...concern(), concern: 'Bruising seen on Case A' };
    expect(() => renderImmediateConcernEmail(smuggled)).toThrow(UnsafeEmailContentError);
    expect(() =>
      renderImmediateConcernEmail({ ...concern(), caseKey: 'A' } as ImmediateConcernEmail),
    ).toThrow('immediate-concern.caseKey cannot go into an email');
  });

  it('is verified at boot with a sample for every role', () => {
    expect(SAMPLE_EMAILS['immediate-concern'].map((sample) => sample.role).sort()).toEqual([
      'agency-safeguarding-lead',
      'business-manager',
      'chair',
    ]);
    expect(verifyTemplates()).toContain('immediate-concern');
  });
});
