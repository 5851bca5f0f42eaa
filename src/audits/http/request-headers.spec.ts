import { AuditException } from '../audit.exception';
import {
  idempotencyKey,
  ifMatchVersion,
  requiredIfMatchVersion,
  versionTag,
} from './request-headers';

describe('If-Match', () => {
  it.each([
    ['"3"', 3],
    ['W/"12"', 12],
    ['7', 7],
    [' "4" ', 4],
  ])('reads %s as version %i', (header, version) => {
    expect(ifMatchVersion(header)).toBe(version);
  });

  it('is undefined when absent, and required where a write must name its version', () => {
    expect(ifMatchVersion(undefined)).toBeUndefined();
    expect(() => requiredIfMatchVersion(undefined)).toThrow(AuditException);
    try {
      requiredIfMatchVersion(undefined);
    } catch (error) {
      expect((error as AuditException).getStatus()).toBe(428);
    }
  });

  it.each(['"0"', '"abc"', '*', '"1", "2"'])('refuses %s with 400', (header) => {
    expect(() => ifMatchVersion(header)).toThrow(AuditException);
    try {
      ifMatchVersion(header);
    } catch (error) {
      expect((error as AuditException).getStatus()).toBe(400);
    }
  });

  it('writes a version as a strong entity tag', () => {
    expect(versionTag(5)).toBe('"5"');
  });
});

describe('Idempotency-Key', () => {
  it('accepts a token and refuses spaces or an over-long key', () => {
    expect(idempotencyKey('concern-2026-01-14-a')).toBe('concern-2026-01-14-a');
    expect(idempotencyKey(undefined)).toBeUndefined();
    expect(() => idempotencyKey('has space')).toThrow(AuditException);
    expect(() => idempotencyKey('x'.repeat(201))).toThrow(AuditException);
  });
});
