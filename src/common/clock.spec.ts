import { SettableClock, SystemClock } from './clock';

describe('Clock', () => {
  it('SystemClock tells the real time', () => {
    const before = Date.now();
    const now = new SystemClock().now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('SettableClock stands still until it is set or advanced', () => {
    const clock = new SettableClock('2026-03-02T09:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-03-02T09:00:00.000Z');
    clock.advance(90_000);
    expect(clock.now().toISOString()).toBe('2026-03-02T09:01:30.000Z');
    clock.set(new Date('2026-12-25T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2026-12-25T00:00:00.000Z');
  });

  it('hands out copies, so a caller mutating its Date does not move the clock', () => {
    const clock = new SettableClock('2026-03-02T09:00:00Z');
    clock.now().setUTCFullYear(1999);
    expect(clock.now().toISOString()).toBe('2026-03-02T09:00:00.000Z');
  });

  it('refuses an invalid instant', () => {
    expect(() => new SettableClock('not a date')).toThrow(RangeError);
    expect(() => new SettableClock('2026-01-01T00:00:00Z').advance(Number.NaN)).toThrow(RangeError);
  });
});
