import { renderDigestEmail, type DigestEmail } from './digest-email.template';
import { escapeHtml } from './email-format';
import { renderEscalationEmail, type EscalationEmail } from './escalation-email.template';
import { renderReminderEmail, type ReminderEmail } from './reminder-email.template';
import { EMAIL_TEMPLATE_NAMES, type EmailTemplateName, type RenderedEmail } from './rendered-email';
import { agencyName, appLink, personName, referenceNumber, stepTitle, taskLink } from './safe-text';
import { renderSignInEmail, type SignInEmail } from './sign-in-email.template';
import {
  IMMEDIATE_CONCERN_ROLES,
  renderImmediateConcernEmail,
  type ImmediateConcernEmail,
} from './immediate-concern-email.template';
import {
  CONCERN_ACTIONED_ROLES,
  renderConcernActionedEmail,
  type ConcernActionedEmail,
} from './concern-actioned-email.template';
import {
  renderReturnReopenedEmail,
  RETURN_REOPENED_ROLES,
  type ReturnReopenedEmail,
} from './return-reopened-email.template';
import {
  renderMeetingDateChangedEmail,
  type MeetingDateChangedEmail,
} from './meeting-date-changed-email.template';

export interface EmailTemplateInputs {
  reminder: ReminderEmail;
  escalation: EscalationEmail;
  digest: DigestEmail;
  'sign-in': SignInEmail;
  'immediate-concern': ImmediateConcernEmail;
  'concern-actioned': ConcernActionedEmail;
  'return-reopened': ReturnReopenedEmail;
  'meeting-date-changed': MeetingDateChangedEmail;
}

/** Every template by name; a name without a renderer does not compile. */
export const EMAIL_TEMPLATES: {
  readonly [K in EmailTemplateName]: (input: EmailTemplateInputs[K]) => RenderedEmail;
} = {
  reminder: renderReminderEmail,
  escalation: renderEscalationEmail,
  digest: renderDigestEmail,
  'sign-in': renderSignInEmail,
  'immediate-concern': renderImmediateConcernEmail,
  'concern-actioned': renderConcernActionedEmail,
  'return-reopened': renderReturnReopenedEmail,
  'meeting-date-changed': renderMeetingDateChangedEmail,
};

export function renderEmail<K extends EmailTemplateName>(
  name: K,
  input: EmailTemplateInputs[K],
): RenderedEmail {
  const render = EMAIL_TEMPLATES[name] as (input: EmailTemplateInputs[K]) => RenderedEmail;
  return render(input);
}

const APP_URL = 'https://reviews.example.org';
const TASK_ID = '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';
const NAME = personName("Jo O'Brien-Smith");
const TITLE = stepTitle('Agency audit return');
const REFERENCE = referenceNumber('MSCP-CFAG-2026-01');
const TASK_URL = taskLink(APP_URL, TASK_ID);
const AUDIT_URL = appLink(APP_URL, `/instances/${TASK_ID}`);

/** Sample input for every template and every wording it has: rendered at boot and in tests. */
export const SAMPLE_EMAILS: {
  readonly [K in EmailTemplateName]: readonly EmailTemplateInputs[K][];
} = {
  reminder: (
    [
      ['2026-01-14', { status: 'upcoming', workingDaysLeft: 5 }],
      ['2026-01-17', { status: 'upcoming', workingDaysLeft: 0 }],
      ['2026-01-14', { status: 'due-today' }],
      ['2026-01-14', { status: 'overdue', workingDaysOverdue: 3 }],
    ] as const
  ).map(([dueOn, timing]) => ({
    recipientName: NAME,
    stepTitle: TITLE,
    reference: REFERENCE,
    dueOn,
    timing,
    taskUrl: TASK_URL,
  })),
  escalation: (['chair', 'agency-safeguarding-lead'] as const).map((reason) => ({
    recipientName: NAME,
    reason,
    stepTitle: TITLE,
    reference: REFERENCE,
    dueOn: '2026-01-14',
    workingDaysOverdue: 6,
    assigneeName: personName('Sam Taylor'),
    agencyName: agencyName('Kent & Medway NHS Trust'),
    overdueRemindersSent: 2,
    taskUrl: TASK_URL,
  })),
  digest: [
    {
      recipientName: NAME,
      date: '2026-01-12',
      groups: {
        overdue: [
          {
            stepTitle: stepTitle('Involvement check'),
            reference: REFERENCE,
            dueOn: '2026-01-05',
            timing: { status: 'overdue', workingDaysOverdue: 5 },
            taskUrl: TASK_URL,
          },
        ],
        dueToday: [],
        dueThisWeek: [
          {
            stepTitle: TITLE,
            reference: referenceNumber('MSCP-LCSPR-2025-03'),
            dueOn: '2026-01-16',
            timing: { status: 'upcoming', workingDaysLeft: 4 },
            taskUrl: TASK_URL,
          },
        ],
        later: [],
      },
      tasksUrl: appLink(APP_URL, '/tasks'),
    },
  ],
  'sign-in': [
    {
      recipientName: NAME,
      link: appLink(APP_URL, '/sign-in', { token: 'q9X2vB7kLm3Np8Rt5Wy1Zc4Df6Gh0Jk' }),
      expiresInMinutes: 15,
    },
  ],
  'immediate-concern': IMMEDIATE_CONCERN_ROLES.map((role) => ({
    recipientName: NAME,
    role,
    reference: REFERENCE,
    raisedOn: '2026-01-14',
    auditUrl: AUDIT_URL,
  })),
  'concern-actioned': CONCERN_ACTIONED_ROLES.map((role) => ({
    recipientName: NAME,
    role,
    reference: REFERENCE,
    raisedOn: '2026-01-14',
    actionedOn: '2026-01-15',
    auditUrl: AUDIT_URL,
  })),
  'return-reopened': RETURN_REOPENED_ROLES.map((role) => ({
    recipientName: NAME,
    role,
    reference: REFERENCE,
    agencyName: agencyName('Kent Police'),
    reopenedOn: '2026-01-14',
    auditUrl: AUDIT_URL,
  })),
  'meeting-date-changed': [
    { recipientName: NAME, reference: REFERENCE, meetingOn: '2026-02-11', auditUrl: AUDIT_URL },
  ],
};

export class EmailTemplateError extends Error {
  constructor(template: EmailTemplateName, problem: string) {
    super(`Email template ${template} is broken: ${problem}`);
    this.name = 'EmailTemplateError';
  }
}

function verifyOne(name: EmailTemplateName, email: RenderedEmail, recipientName: string): void {
  const problems: string[] = [];
  if (email.template !== name) problems.push(`it says it is the ${email.template} template`);
  if (email.subject.trim() === '') problems.push('the subject is empty');
  if (!email.text.includes(recipientName)) problems.push('the text does not greet the recipient');
  if (!email.html.startsWith('<!DOCTYPE html>\n<html lang="en-GB">')) {
    problems.push('the HTML is not a whole document in English');
  }
  if (!email.html.includes(escapeHtml(recipientName))) {
    problems.push('the HTML does not greet the recipient');
  }
  for (const part of [email.subject, email.text, email.html]) {
    if (/\b(?:undefined|null|NaN)\b|\[object Object\]/.test(part)) {
      problems.push('it shows a missing value');
      break;
    }
  }
  if (problems.length > 0) throw new EmailTemplateError(name, problems.join('; '));
}

/**
 * Renders every template with its sample data and checks the result, so a broken or missing
 * template stops the boot instead of a reminder at 09:00. Returns the names verified.
 */
export function verifyTemplates(): EmailTemplateName[] {
  for (const name of EMAIL_TEMPLATE_NAMES) {
    const samples = SAMPLE_EMAILS[name] as readonly EmailTemplateInputs[typeof name][];
    if (samples.length === 0) throw new EmailTemplateError(name, 'it has no sample to render');
    for (const sample of samples) {
      let email: RenderedEmail;
      try {
        email = renderEmail(name, sample);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new EmailTemplateError(name, `rendering its sample failed: ${reason}`);
      }
      verifyOne(name, email, sample.recipientName);
    }
  }
  return [...EMAIL_TEMPLATE_NAMES];
}
