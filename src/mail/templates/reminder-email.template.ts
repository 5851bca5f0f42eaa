import type { IsoDate } from '../../calendar';
import type { DueTiming } from '../../reminders/policy/due-timing';
import {
  checkDueTiming,
  checkFields,
  checkIsoDate,
  dateInWords,
  dueClause,
  duePhrase,
  FOOTER_LINES,
  htmlDocument,
  htmlLink,
  htmlParagraph,
  htmlSummary,
  inSentence,
  SERVICE_NAME,
  textDocument,
  textSummary,
} from './email-format';
import { renderedEmail, type RenderedEmail } from './rendered-email';
import {
  checkAppLink,
  checkPersonName,
  checkReferenceNumber,
  checkStepTitle,
  type AppLink,
  type PersonName,
  type ReferenceNumber,
  type StepTitle,
} from './safe-text';

/** A reminder to the person a task is assigned to. Every field the email may show, nothing else. */
export interface ReminderEmail {
  recipientName: PersonName;
  stepTitle: StepTitle;
  reference: ReferenceNumber;
  dueOn: IsoDate;
  /** Worked out on the day it is sent (`dueTiming` in src/reminders/policy). */
  timing: DueTiming;
  taskUrl: AppLink;
}

function subjectFor(email: ReminderEmail): string {
  const { stepTitle, reference, timing } = email;
  switch (timing.status) {
    case 'upcoming':
      return timing.workingDaysLeft > 0
        ? `Reminder: ${stepTitle} is ${duePhrase(timing)} (${reference})`
        : `Reminder: ${stepTitle} is due on ${dateInWords(email.dueOn)} (${reference})`;
    case 'due-today':
      return `${stepTitle} is due today (${reference})`;
    case 'overdue':
      return `${stepTitle} is ${duePhrase(timing)} (${reference})`;
  }
}

export function renderReminderEmail(input: ReminderEmail): RenderedEmail {
  const email = checkFields<ReminderEmail>(input, 'reminder', {
    recipientName: checkPersonName,
    stepTitle: checkStepTitle,
    reference: checkReferenceNumber,
    dueOn: checkIsoDate,
    timing: checkDueTiming,
    taskUrl: checkAppLink,
  });
  const subject = subjectFor(email);
  const greeting = `Dear ${email.recipientName},`;
  const status = `Your ${inSentence(email.stepTitle)} ${dueClause(email.dueOn, email.timing)}.`;
  const rows = [
    ['Task', email.stepTitle],
    ['Reference', email.reference],
    ['Due date', dateInWords(email.dueOn)],
  ] as const;
  const why = `You are getting this email because this task is assigned to you in ${SERVICE_NAME}.`;
  return renderedEmail('reminder', {
    subject,
    text: textDocument(
      [greeting, status, textSummary(rows), `Open the task:\n${email.taskUrl}`, why],
      FOOTER_LINES,
    ),
    html: htmlDocument(
      subject,
      [
        htmlParagraph(greeting),
        htmlParagraph(status),
        htmlSummary(rows),
        `<p>${htmlLink(email.taskUrl, `Open the task: ${email.stepTitle}`)}</p>`,
        htmlParagraph(why),
      ].join('\n'),
      FOOTER_LINES,
    ),
  });
}
