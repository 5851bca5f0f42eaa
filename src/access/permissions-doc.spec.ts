import { readFileSync } from 'node:fs';
import { PERMISSIONS_DOC_PATH, renderPermissionsDoc, withoutTablePadding } from './permissions-doc';

describe('docs/permissions.md', () => {
  it('says what the permission table says (regenerate: npx ts-node --transpile-only src/access/permissions-doc.ts)', () => {
    expect(withoutTablePadding(readFileSync(PERMISSIONS_DOC_PATH, 'utf8'))).toBe(
      withoutTablePadding(renderPermissionsDoc()),
    );
  });

  it('compares tables by content, not by their padding', () => {
    expect(withoutTablePadding('| a  |  b |\n| :-: | ---- |')).toBe('|a|b|\n|:---:|---|');
    expect(withoutTablePadding('| ✓ |')).not.toBe(withoutTablePadding('| ✗ |'));
  });
});
