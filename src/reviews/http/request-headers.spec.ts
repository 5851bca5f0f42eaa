import { ReviewsException } from '../reviews.exception';
import {
  idempotencyKey,
  ifMatchVersion,
  requiredIfMatchVersion,
  versionTag,
} from './request-headers';

describe('review request headers', () => {
  it.each([
    ['"3"', 3],
    ['W/"12"', 12],
    ['7', 7],
  ])('reads If-Match %s as version %i', (header, version) => {
    expect(ifMatchVersion(header)).toBe(version);
  });

  it('refuses an If-Match that names no version, and requires one where a write must', () => {
    expect(() => ifMatchVersion('"abc"')).toThrow(ReviewsException);
    expect(() => ifMatchVersion('"0"')).toThrow(ReviewsException);
    expect(ifMatchVersion(undefined)).toBeUndefined();
    expect(() => requiredIfMatchVersion(undefined)).toThrow(ReviewsException);
    expect(versionTag(4)).toBe('"4"');
  });

  it('takes an idempotency key of visible characters only', () => {
    expect(idempotencyKey('submit-1')).toBe('submit-1');
    expect(idempotencyKey(undefined)).toBeUndefined();
    expect(() => idempotencyKey('has space')).toThrow(ReviewsException);
  });
});
