import { ActionsErrorCode, ActionsException } from './actions.exception';
import { ifMatchVersion, requiredIfMatchVersion, versionTag } from './http-headers';

function codeOf(run: () => unknown): ActionsErrorCode | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ActionsException) return error.code;
    throw error;
  }
  return undefined;
}

describe('If-Match versions', () => {
  it('reads a strong, weak or bare version, and nothing when the header is absent', () => {
    expect(ifMatchVersion('"3"')).toBe(3);
    expect(ifMatchVersion('W/"12"')).toBe(12);
    expect(ifMatchVersion(' 7 ')).toBe(7);
    expect(ifMatchVersion(undefined)).toBeUndefined();
    expect(versionTag(4)).toBe('"4"');
  });

  it('refuses anything that is not a version from 1 (400) and requires one on edits (428)', () => {
    for (const header of ['*', '"0"', 'latest', '"3', '"1", "2"']) {
      expect(codeOf(() => ifMatchVersion(header))).toBe(ActionsErrorCode.InvalidPrecondition);
    }
    expect(codeOf(() => requiredIfMatchVersion(undefined))).toBe(
      ActionsErrorCode.PreconditionRequired,
    );
  });
});
