/**
 * How a step's due date is computed. Rules are data: the engine evaluates them with the one
 * business calendar (src/calendar) against the instance's named anchor dates, e.g. `awareOn`.
 * All dates are calendar dates in Europe/London written as ISO `YYYY-MM-DD`.
 */
export type DueRule =
  | { kind: 'working-days-after'; anchor: string; days: number }
  | { kind: 'working-days-before'; anchor: string; days: number }
  | { kind: 'calendar-months-after'; anchor: string; months: number }
  /** A date a person sets (e.g. the panel's chosen due date), read from the anchor of that name. */
  | { kind: 'fixed'; anchor: string };

/** ISO calendar date, `YYYY-MM-DD`, in Europe/London. */
export type IsoDate = string;

/** Named dates an instance knows so far; an unknown anchor leaves the due date unset. */
export type Anchors = Readonly<Record<string, IsoDate | undefined>>;
