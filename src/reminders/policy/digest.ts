import type { BusinessCalendar, IsoDate } from '../../calendar';
import { dueTiming, type DueTiming } from './due-timing';
import type { ReminderKind } from './reminder-policy';
import type { ReminderSettings } from './reminder-settings';

/** How a person wants to hear about their tasks. */
export type ReminderDelivery = 'individual' | 'daily-digest';

/**
 * Whether a reminder goes out as its own email or waits for the person's daily digest. Escalations
 * are about somebody else's task and are always sent on their own.
 */
export function deliveryFor(kind: ReminderKind, preference: ReminderDelivery): 'email' | 'digest' {
  return kind !== 'escalation' && preference === 'daily-digest' ? 'digest' : 'email';
}

export const DIGEST_GROUPS = ['overdue', 'dueToday', 'dueThisWeek', 'later'] as const;
export type DigestGroup = (typeof DIGEST_GROUPS)[number];

/** "Due this week" means within this many working days after today, so Friday's digest has one. */
export const DIGEST_WEEK_WORKING_DAYS = 5;

/** One open, dated, non-exempt task assigned to the person. Extra fields ride along untouched. */
export interface DigestEntry {
  taskId: string;
  dueOn: IsoDate;
  /** Tie-breakers for a stable order among tasks due the same day. */
  reference?: string;
  stepTitle?: string;
}

export type DigestLine<T extends DigestEntry> = T & { timing: DueTiming };

export interface Digest<T extends DigestEntry> {
  /** The London date the digest is for. */
  date: IsoDate;
  /** Each group by due date, earliest (most overdue) first. */
  groups: Record<DigestGroup, DigestLine<T>[]>;
  counts: Record<DigestGroup, number>;
  total: number;
  /**
   * Something is overdue, due today or due this week. A digest of only far-off tasks would be
   * daily noise, so it is not sent.
   */
  worthSending: boolean;
}

function groupOf(timing: DueTiming): DigestGroup {
  switch (timing.status) {
    case 'overdue':
      return 'overdue';
    case 'due-today':
      return 'dueToday';
    case 'upcoming':
      return timing.workingDaysLeft <= DIGEST_WEEK_WORKING_DAYS ? 'dueThisWeek' : 'later';
  }
}

const byCodeUnits = (x = '', y = ''): number => (x < y ? -1 : x > y ? 1 : 0);

function compareEntries(a: DigestEntry, b: DigestEntry): number {
  return (
    byCodeUnits(a.dueOn, b.dueOn) ||
    byCodeUnits(a.reference, b.reference) ||
    (a.stepTitle ?? '').localeCompare(b.stepTitle ?? '', 'en-GB') ||
    byCodeUnits(a.taskId, b.taskId)
  );
}

/** A person's tasks for one day's digest: grouped, sorted and counted. Pure. */
export function buildDigest<T extends DigestEntry>(
  entries: readonly T[],
  date: IsoDate,
  calendar: BusinessCalendar,
): Digest<T> {
  const groups: Record<DigestGroup, DigestLine<T>[]> = {
    overdue: [],
    dueToday: [],
    dueThisWeek: [],
    later: [],
  };
  const seen = new Set<string>();
  for (const entry of [...entries].sort(compareEntries)) {
    if (seen.has(entry.taskId)) continue;
    seen.add(entry.taskId);
    const timing = dueTiming(entry.dueOn, date, calendar);
    groups[groupOf(timing)].push({ ...entry, timing });
  }
  const counts = {
    overdue: groups.overdue.length,
    dueToday: groups.dueToday.length,
    dueThisWeek: groups.dueThisWeek.length,
    later: groups.later.length,
  };
  return {
    date,
    groups,
    counts,
    total: counts.overdue + counts.dueToday + counts.dueThisWeek + counts.later,
    worthSending: counts.overdue + counts.dueToday + counts.dueThisWeek > 0,
  };
}

/** Digests go out on working days only, at the partnership's send hour. */
export function digestSendAt(
  date: IsoDate,
  calendar: BusinessCalendar,
  settings: Pick<ReminderSettings, 'sendAtHour'>,
): Date | null {
  return calendar.isWorkingDay(date)
    ? calendar.londonWallClockToUtc(date, settings.sendAtHour)
    : null;
}

/** One digest per person per day: the key the database enforces it with. */
export function digestKey(personId: string, date: IsoDate): string {
  return `digest:${personId}:${date}`;
}
