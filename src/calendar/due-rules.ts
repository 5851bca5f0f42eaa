import type { Anchors, DueRule, IsoDate } from '../../workflows/shared/due-rule';
import { isIsoDate, type BusinessCalendar } from './business-calendar';

/** The properties each kind of rule takes, besides `kind`. */
const RULE_FIELDS: Readonly<Record<DueRule['kind'], readonly string[]>> = {
  'working-days-after': ['anchor', 'days'],
  'working-days-before': ['anchor', 'days'],
  'calendar-months-after': ['anchor', 'months'],
  fixed: ['anchor'],
};

/**
 * The due date a rule gives with the instance's anchor dates so far, or null when its anchor has
 * no date yet. A malformed anchor date throws a RangeError.
 */
export function computeDueDate(
  rule: DueRule,
  anchors: Anchors,
  calendar: BusinessCalendar,
): IsoDate | null {
  const anchor = anchors[rule.anchor];
  if (anchor === undefined || anchor === null || anchor === '') return null;
  switch (rule.kind) {
    case 'working-days-after':
      return calendar.addWorkingDays(anchor, rule.days);
    case 'working-days-before':
      return calendar.subtractWorkingDays(anchor, rule.days);
    case 'calendar-months-after':
      return calendar.addCalendarMonths(anchor, rule.months);
    case 'fixed':
      if (!isIsoDate(anchor)) {
        throw new RangeError(`Invalid ISO date ${JSON.stringify(anchor)} in anchor ${rule.anchor}`);
      }
      return anchor;
    default: {
      const unknownRule: never = rule;
      throw new RangeError(`Unknown due rule ${JSON.stringify(unknownRule)}`);
    }
  }
}

/** What is wrong with a due rule declared as data; empty when it is valid. */
export function validateDueRule(rule: unknown): string[] {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) {
    return [`due rule must be an object, got ${describeValue(rule)}`];
  }
  const fields = rule as Record<string, unknown>;
  const kind = fields.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(RULE_FIELDS, kind)) {
    const kinds = Object.keys(RULE_FIELDS).join(', ');
    return [`unknown kind ${describeValue(kind)} (expected one of: ${kinds})`];
  }
  const allowed = RULE_FIELDS[kind as DueRule['kind']];
  const problems: string[] = [];

  const anchor = fields.anchor;
  if (typeof anchor !== 'string' || anchor.trim() === '') {
    problems.push(`${kind}: anchor must be a non-empty name, got ${describeValue(anchor)}`);
  } else if (anchor !== anchor.trim()) {
    problems.push(`${kind}: anchor ${JSON.stringify(anchor)} has leading or trailing spaces`);
  }
  for (const count of ['days', 'months']) {
    if (!allowed.includes(count)) continue;
    const value = fields[count];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      problems.push(
        `${kind}: ${count} must be a whole number of 0 or more, got ${describeValue(value)}`,
      );
    }
  }
  for (const key of Object.keys(fields)) {
    if (key !== 'kind' && !allowed.includes(key)) {
      problems.push(`${kind}: unexpected property ${JSON.stringify(key)}`);
    }
  }
  return problems;
}

/** A rule in plain English, e.g. "5 working days after awareOn". */
export function describeDueRule(rule: DueRule): string {
  switch (rule.kind) {
    case 'working-days-after':
      return rule.days === 0
        ? `the first working day on or after ${rule.anchor}`
        : `${plural(rule.days, 'working day')} after ${rule.anchor}`;
    case 'working-days-before':
      return rule.days === 0
        ? `the last working day on or before ${rule.anchor}`
        : `${plural(rule.days, 'working day')} before ${rule.anchor}`;
    case 'calendar-months-after':
      return `${plural(rule.months, 'calendar month')} after ${rule.anchor}`;
    case 'fixed':
      return `the date set as ${rule.anchor}`;
    default: {
      const unknownRule: never = rule;
      return `unknown due rule ${JSON.stringify(unknownRule)}`;
    }
  }
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}
