import { HttpException } from '@nestjs/common';
import { entityTag, parseIdempotencyKey, parseIfMatch, requireIfMatch } from './preconditions';

function statusOf(run: () => unknown): number | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof HttpException) return error.getStatus();
    throw error;
  }
  return undefined;
}

describe('HTTP preconditions', () => {
  it('reads a strong, weak or bare version, and nothing when the header is absent or *', () => {
    expect(parseIfMatch('"3"')).toBe(3);
    expect(parseIfMatch('W/"12"')).toBe(12);
    expect(parseIfMatch(' "7" ')).toBe(7);
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch('*')).toBeUndefined();
    expect(entityTag(4)).toBe('"4"');
  });

  it('refuses anything that is not a version from 1 (400) and requires one on edits (428)', () => {
    for (const header of ['"0"', '7', 'latest', '"3', '"1", "2"']) {
      expect(statusOf(() => parseIfMatch(header))).toBe(400);
    }
    expect(statusOf(() => requireIfMatch(undefined))).toBe(428);
    expect(requireIfMatch('"5"')).toBe(5);
  });

  it('takes an idempotency key of visible characters and refuses spaces or overlong ones', () => {
    expect(parseIdempotencyKey('3f2a-key')).toBe('3f2a-key');
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
    expect(statusOf(() => parseIdempotencyKey('has space'))).toBe(400);
    expect(statusOf(() => parseIdempotencyKey('x'.repeat(201)))).toBe(400);
  });
});
