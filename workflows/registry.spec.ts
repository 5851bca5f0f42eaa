import { existsSync, readFileSync } from 'node:fs';
import { diagramPath } from './diagrams';
import { WORKFLOW_DEFINITIONS } from './index';
import { diagramDocument } from './shared/diagram';

describe('registered workflows', () => {
  it('register each key and version once', () => {
    const ids = WORKFLOW_DEFINITIONS.map((definition) => `${definition.key}@${definition.version}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(WORKFLOW_DEFINITIONS.map((definition) => [definition.key, definition] as const))(
    'keeps %s/diagram.md in step with its machine (npm run diagrams)',
    (key, definition) => {
      expect(existsSync(diagramPath(key))).toBe(true);
      expect(readFileSync(diagramPath(key), 'utf8')).toBe(
        diagramDocument(definition.title, definition.machine),
      );
    },
  );
});
