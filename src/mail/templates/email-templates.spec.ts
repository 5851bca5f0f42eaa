import { BusinessCalendar } from '../../calendar';
import { dueTiming } from '../../reminders/policy/due-timing';
import { renderDigestEmail } from './digest-email.template';
import { dateInWords } from './email-format';
import { SAMPLE_EMAILS, verifyTemplates } from './email-templates';
import { renderEscalationEmail, type EscalationEmail } from './escalation-email.template';
import { renderReminderEmail, type ReminderEmail } from './reminder-email.template';
import {
  agencyName,
  appLink,
  personName,
  referenceNumber,
  stepTitle,
  taskLink,
  UnsafeEmailContentError,
  type StepTitle,
} from './safe-text';
import { renderSignInEmail } from './sign-in-email.template';

const calendar = new BusinessCalendar();
const APP_URL = 'https://reviews.example.org';
const TASK_ID = '0b6a3f0e-6f0c-4c62-9a57-5b8f2f7a1c11';
const TASK_URL = `${APP_URL}/tasks/${TASK_ID}`;

const reminder = (dueOn: string, today: string): ReminderEmail => ({
  recipientName: personName('Jo Bloggs'),
  stepTitle: stepTitle('Agency audit return'),
  reference: referenceNumber('MSCP-CFAG-2026-01'),
  dueOn,
  timing: dueTiming(dueOn, today, calendar),
  taskUrl: taskLink(APP_URL, TASK_ID),
});

describe('dateInWords', () => {
  it.each([
    ['2026-01-14', 'Wednesday 14 January 2026'],
    ['2026-06-17', 'Wednesday 17 June 2026'],
    ['2026-12-25', 'Friday 25 December 2026'],
    ['2028-02-29', 'Tuesday 29 February 2028'],
  ])('writes %s as %s', (date, words) => expect(dateInWords(date)).toBe(words));
});

describe('reminder email', () => {
  it('says the step is due in 5 working days, with the date in words, in text and HTML', () => {
    const email = renderReminderEmail(reminder('2026-01-14', '2026-01-07'));
    expect(email.subject).toBe(
      'Reminder: Agency audit return is due in 5 working days (MSCP-CFAG-2026-01)',
    );
    const sentence =
      'Your agency audit return is due in 5 working days, on Wednesday 14 January 2026.';
    expect(email.text).toContain('Dear Jo Bloggs,');
    expect(email.text).toContain(sentence);
    expect(email.text).toContain('Reference: MSCP-CFAG-2026-01');
    expect(email.text).toContain(`Open the task:\n${TASK_URL}`);
    expect(email.html).toContain(`<p>${sentence}</p>`);
    expect(email.html).toContain(
      '<th scope="row" style="text-align:left;vertical-align:top;padding:6px 20px 6px 0;font-weight:bold">Reference</th>',
    );
    expect(email.html).toMatch(
      new RegExp(`<a href="${TASK_URL}" [^>]*>Open the task: Agency audit return</a>`),
    );
  });

  it('says 1 working day, not "1 working days"', () => {
    expect(renderReminderEmail(reminder('2026-01-14', '2026-01-13')).text).toContain(
      'is due in 1 working day, on Wednesday 14 January 2026.',
    );
  });

  it('says due today on the due date', () => {
    const email = renderReminderEmail(reminder('2026-01-14', '2026-01-14'));
    expect(email.subject).toBe('Agency audit return is due today (MSCP-CFAG-2026-01)');
    expect(email.text).toContain(
      'Your agency audit return is due today, Wednesday 14 January 2026.',
    );
  });

  it('counts working days overdue across a bank holiday', () => {
    // Due Thursday 24 December 2026; 25 and 28 December are bank holidays.
    const email = renderReminderEmail(reminder('2026-12-24', '2026-12-30'));
    expect(email.subject).toBe('Agency audit return is 2 working days overdue (MSCP-CFAG-2026-01)');
    expect(email.text).toContain(
      'Your agency audit return is 2 working days overdue. It was due on Thursday 24 December 2026.',
    );
  });

  it('names a Saturday due date sent on the Friday without a count', () => {
    expect(renderReminderEmail(reminder('2026-01-17', '2026-01-16')).text).toContain(
      'Your agency audit return is due on Saturday 17 January 2026.',
    );
  });

  it('keeps an acronym at the start of a title in capitals', () => {
    const email = renderReminderEmail({
      ...reminder('2026-01-14', '2026-01-07'),
      stepTitle: stepTitle('IMR and chronology'),
    });
    expect(email.text).toContain('Your IMR and chronology is due in 5 working days');
  });

  it('is a whole accessible HTML document in English', () => {
    const { html, subject } = renderReminderEmail(reminder('2026-01-14', '2026-01-07'));
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en-GB">')).toBe(true);
    expect(html).toContain(`<title>${subject}</title>`);
    expect(html).toContain('role="article"');
    expect(html).not.toMatch(/click here/i);
  });

  it('refuses a field the template does not have, naming it but not its value', () => {
    const smuggled = { ...reminder('2026-01-14', '2026-01-07'), pseudonym: 'Case A' };
    let error: unknown;
    try {
      renderReminderEmail(smuggled);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(UnsafeEmailContentError);
    expect((error as Error).message).toBe(
      'reminder.pseudonym cannot go into an email: the template has no such field',
    );
  });

  it('checks values again when rendering, so a cast cannot smuggle case content in', () => {
    const cast = {
      ...reminder('2026-01-14', '2026-01-07'),
      stepTitle: 'Return about Child H' as StepTitle,
    };
    expect(() => renderReminderEmail(cast)).toThrow(UnsafeEmailContentError);
  });

  it('takes only checked text, so a plain string does not compile', () => {
    const plain: ReminderEmail = {
      ...reminder('2026-01-14', '2026-01-07'),
      // @ts-expect-error a plain string is not a StepTitle
      stepTitle: 'Agency audit return',
    };
    expect(renderReminderEmail(plain).subject).toContain('Agency audit return');
  });
});

describe('escalation email', () => {
  const escalation = (extra: Partial<EscalationEmail> = {}): EscalationEmail => ({
    recipientName: personName('Sam Chair'),
    reason: 'chair',
    stepTitle: stepTitle('Agency audit return'),
    reference: referenceNumber('MSCP-CFAG-2026-01'),
    dueOn: '2026-01-14',
    workingDaysOverdue: 6,
    assigneeName: personName("Jo O'Brien"),
    agencyName: agencyName('Kent & Medway NHS Trust'),
    overdueRemindersSent: 2,
    taskUrl: taskLink(APP_URL, TASK_ID),
    ...extra,
  });

  it('tells the chair who is late, by how much and after how many reminders, escaping HTML', () => {
    const email = renderEscalationEmail(escalation());
    expect(email.subject).toBe(
      'Escalation: Agency audit return is 6 working days overdue (MSCP-CFAG-2026-01)',
    );
    expect(email.text).toContain(
      'The agency audit return for MSCP-CFAG-2026-01 is 6 working days overdue. It was due on Wednesday 14 January 2026.',
    );
    expect(email.text).toContain(
      "It is assigned to Jo O'Brien (Kent & Medway NHS Trust). We have sent them 2 overdue reminders.",
    );
    expect(email.text).toContain('because you chair this work');
    expect(email.html).toContain('Jo O&#39;Brien (Kent &amp; Medway NHS Trust)');
    expect(email.html).not.toContain('Kent & Medway');
  });

  it("tells an agency's safeguarding lead why they hear, and copes with no agency", () => {
    expect(
      renderEscalationEmail(escalation({ reason: 'agency-safeguarding-lead' })).text,
    ).toContain('because you are the safeguarding lead for Kent & Medway NHS Trust.');
    expect(renderEscalationEmail(escalation({ agencyName: null })).text).toContain(
      "It is assigned to Jo O'Brien. We have sent them",
    );
  });
});

describe('digest email', () => {
  it('lists groups in order with counts, leaves out empty ones and links each task', () => {
    const email = renderDigestEmail(SAMPLE_EMAILS.digest[0]);
    expect(email.subject).toBe('Your tasks for Monday 12 January 2026: 1 overdue, 1 due soon');
    const text = email.text;
    expect(text.indexOf('Overdue (1)')).toBeLessThan(
      text.indexOf('Due in the next 5 working days (1)'),
    );
    expect(text).not.toContain('Due today (');
    expect(text).not.toContain('Due later (');
    expect(text).toContain(
      '- Involvement check, MSCP-CFAG-2026-01: 5 working days overdue (it was due on Monday 5 January 2026)',
    );
    expect(text).toContain('This is your daily summary of 2 tasks');
    expect(email.html).toMatch(/<h2 [^>]*>Overdue \(1\)<\/h2>\n<ul [^>]*><li [^>]*><a href=/);
  });

  it('refuses a digest item carrying an extra field', () => {
    const sample = SAMPLE_EMAILS.digest[0];
    const smuggled = {
      ...sample,
      groups: {
        ...sample.groups,
        later: [{ ...sample.groups.overdue[0], childName: 'Harry Whitfield' }],
      },
    };
    expect(() => renderDigestEmail(smuggled)).toThrow(
      'digest.groups.later[0].childName cannot go into an email: the template has no such field',
    );
  });
});

describe('sign-in email', () => {
  it('gives the link and when it expires', () => {
    const link = appLink(APP_URL, '/sign-in', { token: 'q9X2vB7kLm3Np8Rt5Wy1Zc4D' });
    const email = renderSignInEmail({
      recipientName: personName('Jo Bloggs'),
      link,
      expiresInMinutes: 15,
    });
    expect(email.subject).toBe('Sign in to Safeguarding Reviews');
    expect(email.text).toContain(`Use this link to sign in to Safeguarding Reviews.\n${link}`);
    expect(email.text).toContain('The link expires in 15 minutes.');
    expect(email.html).toContain(`<a href="${link}"`);
  });
});

describe('verifyTemplates', () => {
  it('renders every template with its samples', () => {
    expect(verifyTemplates()).toEqual([
      'reminder',
      'escalation',
      'digest',
      'sign-in',
      'immediate-concern',
      'concern-actioned',
      'return-reopened',
      'meeting-date-changed',
    ]);
  });
});
