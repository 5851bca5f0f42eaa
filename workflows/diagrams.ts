import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKFLOW_DEFINITIONS } from './index';
import { diagramDocument } from './shared/diagram';

/** `npm run diagrams`: writes each workflow's `diagram.md` next to its machine. */
export function diagramPath(key: string): string {
  return join(__dirname, key, 'diagram.md');
}

if (require.main === module) {
  for (const definition of WORKFLOW_DEFINITIONS) {
    writeFileSync(
      diagramPath(definition.key),
      diagramDocument(definition.title, definition.machine),
    );
    process.stdout.write(`wrote ${diagramPath(definition.key)}\n`);
  }
}
