import type { Anchors, DueRule } from '../../workflows/shared/due-rule';
import { BusinessCalendar } from './business-calendar';
import { computeDueDate, describeDueRule, validateDueRule } from './due-rules';

describe('due rules', () => {
  const calendar = new BusinessCalendar();

  describe('computeDueDate', () => {
    it.each<[string, DueRule, Anchors, string]>([
      [
        'aware on the Friday before the August bank holiday, due in 5 working days',
        { kind: 'working-days-after', anchor: 'awareOn', days: 5 },
        { awareOn: '2025-08-22' },
        '2025-09-01',
      ],
      [
        'a 15 working day rapid review across Christmas and New Year',
        { kind: 'working-days-after', anchor: 'awareOn', days: 15 },
        { awareOn: '2025-12-15' },
        '2026-01-08',
      ],
      [
        'papers 2 working days before a panel, counting back across a bank holiday',
        { kind: 'working-days-before', anchor: 'panelOn', days: 2 },
        { panelOn: '2025-08-27' },
        '2025-08-22',
      ],
      [
        'papers 5 working days before a meeting, counting back across Easter',
        { kind: 'working-days-before', anchor: 'meetingOn', days: 5 },
        { meetingOn: '2024-04-05' },
        '2024-03-27',
      ],
      [
        'published 6 months after the decision, clamped to the end of February',
        { kind: 'calendar-months-after', anchor: 'decisionOn', months: 6 },
        { decisionOn: '2025-08-31' },
        '2026-02-28',
      ],
      [
        'one month after 31 January in a leap year',
        { kind: 'calendar-months-after', anchor: 'decisionOn', months: 1 },
        { decisionOn: '2024-01-31' },
        '2024-02-29',
      ],
      [
        'a date the panel set',
        { kind: 'fixed', anchor: 'panelDueOn' },
        { panelDueOn: '2025-10-10', awareOn: '2025-08-22' },
        '2025-10-10',
      ],
    ])('%s', (_name, rule, anchors, expected) => {
      expect(computeDueDate(rule, anchors, calendar)).toBe(expected);
    });

    it.each<[string, Anchors]>([
      ['no anchors at all', {}],
      ['the anchor present but undefined', { awareOn: undefined }],
      ['only other anchors', { decisionOn: '2025-08-22' }],
    ])('is null when the anchor has no date yet: %s', (_name, anchors) => {
      const rules: DueRule[] = [
        { kind: 'working-days-after', anchor: 'awareOn', days: 5 },
        { kind: 'working-days-before', anchor: 'awareOn', days: 5 },
        { kind: 'calendar-months-after', anchor: 'awareOn', months: 6 },
        { kind: 'fixed', anchor: 'awareOn' },
      ];
      for (const rule of rules) expect(computeDueDate(rule, anchors, calendar)).toBeNull();
    });

    it('throws a RangeError naming a malformed anchor date', () => {
      const anchors = { awareOn: '22/08/2025' };
      expect(() =>
        computeDueDate(
          { kind: 'working-days-after', anchor: 'awareOn', days: 5 },
          anchors,
          calendar,
        ),
      ).toThrow(
        new RangeError('Invalid ISO date "22/08/2025": expected a real date as YYYY-MM-DD'),
      );
      expect(() => computeDueDate({ kind: 'fixed', anchor: 'awareOn' }, anchors, calendar)).toThrow(
        /"22\/08\/2025"/,
      );
    });
  });

  describe('validateDueRule', () => {
    it.each<[unknown]>([
      [{ kind: 'working-days-after', anchor: 'awareOn', days: 5 }],
      [{ kind: 'working-days-after', anchor: 'awareOn', days: 0 }],
      [{ kind: 'working-days-before', anchor: 'panelOn', days: 2 }],
      [{ kind: 'calendar-months-after', anchor: 'decisionOn', months: 6 }],
      [{ kind: 'fixed', anchor: 'panelDueOn' }],
    ])('accepts %j', (rule) => {
      expect(validateDueRule(rule)).toEqual([]);
    });

    it.each<[unknown, string]>([
      [null, 'due rule must be an object, got null'],
      ['5 working days', 'due rule must be an object, got "5 working days"'],
      [[], 'due rule must be an object, got an array'],
      [undefined, 'due rule must be an object, got nothing'],
    ])('refuses %p: not an object', (rule, problem) => {
      expect(validateDueRule(rule)).toEqual([problem]);
    });

    it('refuses an unknown kind, naming the kinds it knows', () => {
      expect(validateDueRule({ kind: 'working-days-afterr', anchor: 'awareOn', days: 5 })).toEqual([
        'unknown kind "working-days-afterr" (expected one of: working-days-after, ' +
          'working-days-before, calendar-months-after, fixed)',
      ]);
      expect(validateDueRule({ anchor: 'awareOn', days: 5 })).toEqual([
        expect.stringMatching(/^unknown kind nothing/),
      ]);
    });

    it.each<[unknown, string]>([
      ['', 'working-days-after: anchor must be a non-empty name, got ""'],
      ['   ', 'working-days-after: anchor must be a non-empty name, got "   "'],
      [undefined, 'working-days-after: anchor must be a non-empty name, got nothing'],
      [42, 'working-days-after: anchor must be a non-empty name, got 42'],
      [' awareOn', 'working-days-after: anchor " awareOn" has leading or trailing spaces'],
    ])('refuses the anchor %p', (anchor, problem) => {
      expect(validateDueRule({ kind: 'working-days-after', anchor, days: 5 })).toEqual([problem]);
    });

    it.each<[unknown, string]>([
      [-1, '-1'],
      [1.5, '1.5'],
      ['5', '"5"'],
      [Number.NaN, 'NaN'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
      [undefined, 'nothing'],
    ])('refuses %p working days', (days, shown) => {
      expect(validateDueRule({ kind: 'working-days-before', anchor: 'panelOn', days })).toEqual([
        `working-days-before: days must be a whole number of 0 or more, got ${shown}`,
      ]);
    });

    it.each([-6, 0.5])('refuses %p calendar months', (months) => {
      expect(
        validateDueRule({ kind: 'calendar-months-after', anchor: 'decisionOn', months }),
      ).toEqual([
        `calendar-months-after: months must be a whole number of 0 or more, got ${months}`,
      ]);
    });

    it('refuses properties that do not belong to the kind, such as a misspelt count', () => {
      expect(validateDueRule({ kind: 'fixed', anchor: 'panelDueOn', days: 3 })).toEqual([
        'fixed: unexpected property "days"',
      ]);
      expect(validateDueRule({ kind: 'working-days-after', anchor: 'awareOn', day: 5 })).toEqual([
        'working-days-after: days must be a whole number of 0 or more, got nothing',
        'working-days-after: unexpected property "day"',
      ]);
    });

    it('lists every problem at once', () => {
      expect(
        validateDueRule({ kind: 'calendar-months-after', anchor: '', months: -1 }),
      ).toHaveLength(2);
    });
  });

  describe('describeDueRule', () => {
    it.each<[DueRule, string]>([
      [{ kind: 'working-days-after', anchor: 'awareOn', days: 5 }, '5 working days after awareOn'],
      [{ kind: 'working-days-after', anchor: 'awareOn', days: 1 }, '1 working day after awareOn'],
      [
        { kind: 'working-days-after', anchor: 'awareOn', days: 0 },
        'the first working day on or after awareOn',
      ],
      [
        { kind: 'working-days-before', anchor: 'panelOn', days: 2 },
        '2 working days before panelOn',
      ],
      [
        { kind: 'working-days-before', anchor: 'panelOn', days: 0 },
        'the last working day on or before panelOn',
      ],
      [
        { kind: 'calendar-months-after', anchor: 'decisionOn', months: 6 },
        '6 calendar months after decisionOn',
      ],
      [
        { kind: 'calendar-months-after', anchor: 'decisionOn', months: 1 },
        '1 calendar month after decisionOn',
      ],
      [{ kind: 'fixed', anchor: 'panelDueOn' }, 'the date set as panelDueOn'],
    ])('describes %j as "%s"', (rule, expected) => {
      expect(describeDueRule(rule)).toBe(expected);
    });
  });
});
