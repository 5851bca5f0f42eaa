import type { BusinessCalendar } from '../../calendar';
import { compareReminders, type PlannedReminder } from './reminder-policy';
import { SENDING_WINDOW_CLOSES_AT_HOUR, type ReminderSettings } from './reminder-settings';

/** What catch-up needs from a stored reminder (a planned one, or its database row). */
export type CatchUpCandidate = Pick<PlannedReminder, 'key' | 'taskId' | 'kind' | 'sendAt'>;

export type CatchUpDecision<T extends CatchUpCandidate> =
  /** Send it at `sendAt`: now when inside the sending window, else when the window next opens. */
  | { action: 'send'; reminder: T; sendAt: Date }
  /** Never send it: a later reminder for the same task and audience covers it. */
  | { action: 'skip'; reminder: T; supersededBy: string }
  /** Its slot has not come yet. */
  | { action: 'wait'; reminder: T };

/**
 * True on a working day from the send hour until 18:00 London time: when a caught-up reminder may
 * go out. Never at night, at weekends or on bank holidays.
 */
export function isInSendingWindow(
  now: Date,
  calendar: BusinessCalendar,
  settings: Pick<ReminderSettings, 'sendAtHour'>,
): boolean {
  return nextSendingTime(now, calendar, settings).getTime() === now.getTime();
}

/** `now` when inside the sending window, else the send hour on the next working day. */
export function nextSendingTime(
  now: Date,
  calendar: BusinessCalendar,
  settings: Pick<ReminderSettings, 'sendAtHour'>,
): Date {
  const today = calendar.londonDateOf(now);
  if (calendar.isWorkingDay(today)) {
    const opens = calendar.londonWallClockToUtc(today, settings.sendAtHour);
    if (now < opens) return opens;
    if (now < calendar.londonWallClockToUtc(today, SENDING_WINDOW_CLOSES_AT_HOUR)) return now;
  }
  return calendar.londonWallClockToUtc(calendar.addWorkingDays(today, 1), settings.sendAtHour);
}

const audienceOf = (reminder: CatchUpCandidate): string =>
  `${reminder.taskId}\u0000${reminder.kind === 'escalation' ? 'escalation' : 'assignee'}`;

/**
 * Decides, for the reminders not yet sent (pass every pending one, any number of tasks), which go
 * out now. Missed slots are those at or before `now`. For each task at most one reminder goes to
 * its assignee: the latest missed one (its wording is worked out when it is sent, so it says how
 * overdue the task is today); the other missed ones are skipped. An escalation goes to other
 * people and is sent at most once ever, so a missed one is sent too rather than lost.
 * Outside the sending window the chosen reminder waits for the next window; if the task's next
 * scheduled reminder comes by then, that one is enough and the missed one is skipped.
 * Used on every tick as well: a reminder due at 09:00 and looked at 09:00:01 is simply sent.
 * The result is in the order given.
 */
export function catchUp<T extends CatchUpCandidate>(
  reminders: readonly T[],
  now: Date,
  calendar: BusinessCalendar,
  settings: Pick<ReminderSettings, 'sendAtHour'>,
): CatchUpDecision<T>[] {
  const sendAt = nextSendingTime(now, calendar, settings);
  const groups = new Map<string, T[]>();
  for (const reminder of reminders) {
    const group = groups.get(audienceOf(reminder)) ?? [];
    group.push(reminder);
    groups.set(audienceOf(reminder), group);
  }

  const decisions = new Map<T, CatchUpDecision<T>>();
  for (const group of groups.values()) {
    const ordered = [...group].sort(compareReminders);
    const missed = ordered.filter((reminder) => reminder.sendAt <= now);
    const upcoming = ordered.filter((reminder) => reminder.sendAt > now);
    for (const reminder of upcoming) decisions.set(reminder, { action: 'wait', reminder });
    const latest = missed.at(-1);
    if (!latest) continue;
    const nextScheduled = upcoming[0];
    const winner = nextScheduled && nextScheduled.sendAt <= sendAt ? nextScheduled : latest;
    for (const reminder of missed) {
      decisions.set(
        reminder,
        reminder === winner
          ? { action: 'send', reminder, sendAt }
          : { action: 'skip', reminder, supersededBy: winner.key },
      );
    }
  }
  return reminders.map((reminder) => {
    const decision = decisions.get(reminder);
    if (!decision) throw new Error('catchUp decided nothing for a reminder');
    return decision;
  });
}
