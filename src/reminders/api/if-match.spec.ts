import { RemindersException } from '../reminders.exception';
import { versionFromIfMatch } from './if-match';

describe('versionFromIfMatch', () => {
  it('reads a quoted, weak or bare version, and nothing from no header', () => {
    expect(versionFromIfMatch('"3"')).toBe(3);
    expect(versionFromIfMatch('W/"12"')).toBe(12);
    expect(versionFromIfMatch('7')).toBe(7);
    expect(versionFromIfMatch(undefined)).toBeUndefined();
    expect(versionFromIfMatch('')).toBeUndefined();
  });

  it('refuses anything else as a bad request', () => {
    expect(() => versionFromIfMatch('"abc"')).toThrow(RemindersException);
    expect(() => versionFromIfMatch('*')).toThrow(RemindersException);
  });
});
