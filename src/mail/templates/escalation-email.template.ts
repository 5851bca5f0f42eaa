import type { IsoDate } from '../../calendar';
import type { EscalationReason } from '../../reminders/policy/escalation';
import {
  checkFields,
  checkIsoDate,
  checkOneOf,
  checkWholeNumber,
  dateInWords,
  dueClause,
  duePhrase,
  FOOTER_LINES,
  htmlDocument,
  htmlLink,
  htmlParagraph,
  htmlSummary,
  inSentence,
  plural,
  textDocument,
  textSummary,
} from './email-format';
import { renderedEmail, type RenderedEmail } from './rendered-email';
import {
  checkAgencyName,
  checkAppLink,
  checkPersonName,
  checkReferenceNumber,
  checkStepTitle,
  type AgencyName,
  type AppLink,
  type PersonName,
  type ReferenceNumber,
  type StepTitle,
} from './safe-text';

/** Tells the chair (or an agency's safeguarding lead) that a task is still overdue after reminders. */
export interface EscalationEmail {
  recipientName: PersonName;
  reason: EscalationReason;
  stepTitle: StepTitle;
  reference: ReferenceNumber;
  dueOn: IsoDate;
  workingDaysOverdue: number;
  /** Who the task is assigned to, and their agency for an agency's task. */
  assigneeName: PersonName;
  agencyName: AgencyName | null;
  /** Overdue reminders the assignee was sent before this escalation. */
  overdueRemindersSent: number;
  taskUrl: AppLink;
}

const REASONS: readonly EscalationReason[] = ['chair', 'agency-safeguarding-lead'];

export function renderEscalationEmail(input: EscalationEmail): RenderedEmail {
  const email = checkFields<EscalationEmail>(input, 'escalation', {
    recipientName: checkPersonName,
    reason: checkOneOf(REASONS),
    stepTitle: checkStepTitle,
    reference: checkReferenceNumber,
    dueOn: checkIsoDate,
    workingDaysOverdue: checkWholeNumber(1, 100_000),
    assigneeName: checkPersonName,
    agencyName: (value, field) => (value === null ? null : checkAgencyName(value, field)),
    overdueRemindersSent: checkWholeNumber(0, 1000),
    taskUrl: checkAppLink,
  });
  const timing = { status: 'overdue', workingDaysOverdue: email.workingDaysOverdue } as const;
  const subject = `Escalation: ${email.stepTitle} is ${duePhrase(timing)} (${email.reference})`;
  const greeting = `Dear ${email.recipientName},`;
  const assignee = email.agencyName
    ? `${email.assigneeName} (${email.agencyName})`
    : email.assigneeName;
  const status =
    `The ${inSentence(email.stepTitle)} for ${email.reference} ` +
    `${dueClause(email.dueOn, timing)}.`;
  const chased =
    `It is assigned to ${assignee}. We have sent them ` +
    `${plural(email.overdueRemindersSent, 'overdue reminder')}.`;
  const rows = [
    ['Task', email.stepTitle],
    ['Reference', email.reference],
    ['Due date', dateInWords(email.dueOn)],
    ['Assigned to', assignee],
  ] as const;
  const why =
    email.reason === 'chair'
      ? 'You are getting this email because you chair this work.'
      : `You are getting this email because you are the safeguarding lead for ${email.agencyName ?? 'the agency this task belongs to'}.`;
  return renderedEmail('escalation', {
    subject,
    text: textDocument(
      [greeting, status, chased, textSummary(rows), `Open the task:\n${email.taskUrl}`, why],
      FOOTER_LINES,
    ),
    html: htmlDocument(
      subject,
      [
        htmlParagraph(greeting),
        htmlParagraph(status),
        htmlParagraph(chased),
        htmlSummary(rows),
        `<p>${htmlLink(email.taskUrl, `Open the task: ${email.stepTitle}`)}</p>`,
        htmlParagraph(why),
      ].join('\n'),
      FOOTER_LINES,
    ),
  });
}
