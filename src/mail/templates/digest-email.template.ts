import type { IsoDate } from '../../calendar';
import {
  DIGEST_GROUPS,
  DIGEST_WEEK_WORKING_DAYS,
  type DigestGroup,
} from '../../reminders/policy/digest';
import type { DueTiming } from '../../reminders/policy/due-timing';
import {
  checkDueTiming,
  checkFields,
  checkIsoDate,
  dateInWords,
  duePhrase,
  escapeHtml,
  FOOTER_LINES,
  htmlDocument,
  htmlHeading,
  htmlLink,
  htmlParagraph,
  plural,
  SERVICE_NAME,
  textDocument,
} from './email-format';
import { renderedEmail, type RenderedEmail } from './rendered-email';
import {
  checkAppLink,
  checkPersonName,
  checkReferenceNumber,
  checkStepTitle,
  UnsafeEmailContentError,
  type AppLink,
  type PersonName,
  type ReferenceNumber,
  type StepTitle,
} from './safe-text';

export interface DigestEmailItem {
  stepTitle: StepTitle;
  reference: ReferenceNumber;
  dueOn: IsoDate;
  timing: DueTiming;
  taskUrl: AppLink;
}

/** One person's daily summary: their tasks grouped as `buildDigest` (src/reminders/policy) groups them. */
export interface DigestEmail {
  recipientName: PersonName;
  date: IsoDate;
  groups: Readonly<Record<DigestGroup, readonly DigestEmailItem[]>>;
  /** Where the person sees all their tasks. */
  tasksUrl: AppLink;
}

const GROUP_HEADINGS: Readonly<Record<DigestGroup, string>> = {
  overdue: 'Overdue',
  dueToday: 'Due today',
  dueThisWeek: `Due in the next ${DIGEST_WEEK_WORKING_DAYS} working days`,
  later: 'Due later',
};

const MAX_ITEMS = 500;

function checkItem(value: unknown, field: string): DigestEmailItem {
  return checkFields<DigestEmailItem>(value, field, {
    stepTitle: checkStepTitle,
    reference: checkReferenceNumber,
    dueOn: checkIsoDate,
    timing: checkDueTiming,
    taskUrl: checkAppLink,
  });
}

function checkItems(value: unknown, field: string): readonly DigestEmailItem[] {
  if (!Array.isArray(value) || value.length > MAX_ITEMS) {
    throw new UnsafeEmailContentError(field, `it must be a list of at most ${MAX_ITEMS} tasks`);
  }
  return value.map((item, index) => checkItem(item, `${field}[${index}]`));
}

function checkGroups(value: unknown, field: string): DigestEmail['groups'] {
  return checkFields<DigestEmail['groups']>(value, field, {
    overdue: checkItems,
    dueToday: checkItems,
    dueThisWeek: checkItems,
    later: checkItems,
  });
}

/** "due in 4 working days, on Friday 16 January 2026", "3 working days overdue (due on …)". */
function itemStatus(item: DigestEmailItem): string {
  const date = dateInWords(item.dueOn);
  switch (item.timing.status) {
    case 'upcoming':
      return item.timing.workingDaysLeft > 0
        ? `${duePhrase(item.timing)}, on ${date}`
        : `due on ${date}`;
    case 'due-today':
      return `due today, ${date}`;
    case 'overdue':
      return `${duePhrase(item.timing)} (it was due on ${date})`;
  }
}

function subjectFor(email: DigestEmail): string {
  const counts = [
    [email.groups.overdue.length, 'overdue'],
    [email.groups.dueToday.length, 'due today'],
    [email.groups.dueThisWeek.length, 'due soon'],
  ] as const;
  const parts = counts.filter(([count]) => count > 0).map(([count, label]) => `${count} ${label}`);
  const title = `Your tasks for ${dateInWords(email.date)}`;
  return parts.length > 0 ? `${title}: ${parts.join(', ')}` : title;
}

export function renderDigestEmail(input: DigestEmail): RenderedEmail {
  const email = checkFields<DigestEmail>(input, 'digest', {
    recipientName: checkPersonName,
    date: checkIsoDate,
    groups: checkGroups,
    tasksUrl: checkAppLink,
  });
  const subject = subjectFor(email);
  const heading = `Your tasks for ${dateInWords(email.date)}`;
  const greeting = `Dear ${email.recipientName},`;
  const total = DIGEST_GROUPS.reduce((sum, group) => sum + email.groups[group].length, 0);
  const intro = `This is your daily summary of ${plural(total, 'task')} in ${SERVICE_NAME}.`;
  const why =
    'You are getting one summary a day instead of separate reminders because you chose this in your settings.';
  const groups = DIGEST_GROUPS.filter((group) => email.groups[group].length > 0);

  const textGroups = groups.map((group) => {
    const items = email.groups[group].map(
      (item) => `- ${item.stepTitle}, ${item.reference}: ${itemStatus(item)}\n  ${item.taskUrl}`,
    );
    return [`${GROUP_HEADINGS[group]} (${items.length})`, ...items].join('\n');
  });
  const htmlGroups = groups.map((group) => {
    const items = email.groups[group].map(
      (item) =>
        `<li style="margin-bottom:10px">${htmlLink(item.taskUrl, `${item.stepTitle}, ${item.reference}`)}` +
        `<br>${escapeHtml(itemStatus(item))}</li>`,
    );
    return (
      htmlHeading(2, `${GROUP_HEADINGS[group]} (${items.length})`) +
      `\n<ul style="padding-left:20px">${items.join('')}</ul>`
    );
  });

  return renderedEmail('digest', {
    subject,
    text: textDocument(
      [heading, greeting, intro, ...textGroups, `See all your tasks:\n${email.tasksUrl}`, why],
      FOOTER_LINES,
    ),
    html: htmlDocument(
      subject,
      [
        htmlHeading(1, heading),
        htmlParagraph(greeting),
        htmlParagraph(intro),
        ...htmlGroups,
        `<p>${htmlLink(email.tasksUrl, 'See all your tasks')}</p>`,
        htmlParagraph(why),
      ].join('\n'),
      FOOTER_LINES,
    ),
  });
}
