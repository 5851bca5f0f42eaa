import type { AnyStateMachine, AnyStateNode } from 'xstate';
import type { StateMeta } from './steps';

/**
 * A Mermaid state diagram of a machine, generated so it cannot drift from the code. Each workflow
 * folder keeps its diagram in `diagram.md`; a test regenerates and compares it.
 */
export function mermaidDiagram(machine: AnyStateMachine): string {
  const lines = ['stateDiagram-v2'];
  renderChildren(machine.root, lines, '  ');
  return lines.join('\n');
}

function nodeName(node: AnyStateNode): string {
  return node.path.length === 0 ? 'root' : node.path.join('_').replace(/[^A-Za-z0-9_]/g, '_');
}

function renderChildren(parent: AnyStateNode, lines: string[], indent: string): void {
  const children = Object.values(parent.states) as AnyStateNode[];
  if (children.length === 0) return;
  const regions = parent.type === 'parallel';
  children.forEach((child, index) => {
    const meta = child.meta as StateMeta | undefined;
    const label = meta?.stage ? `${child.key}: ${meta.stage}` : undefined;
    if (label) lines.push(`${indent}${nodeName(child)} : ${label.replace(/:/g, ' -')}`);
    if (Object.keys(child.states).length > 0) {
      lines.push(`${indent}state ${nodeName(child)} {`);
      renderChildren(child, lines, `${indent}  `);
      lines.push(`${indent}}`);
    }
    if (regions && index < children.length - 1) lines.push(`${indent}--`);
  });
  if (!regions && parent.initial?.target?.[0]) {
    lines.push(`${indent}[*] --> ${nodeName(parent.initial.target[0] as AnyStateNode)}`);
  }
  for (const child of children) {
    for (const [eventType, transitions] of child.transitions) {
      for (const transition of transitions) {
        for (const target of transition.target ?? []) {
          const guard = transition.guard ? ' [guarded]' : '';
          lines.push(
            `${indent}${nodeName(child)} --> ${nodeName(target as AnyStateNode)} : ${eventType}${guard}`,
          );
        }
      }
    }
    if (child.type === 'final') lines.push(`${indent}${nodeName(child)} --> [*]`);
  }
}

/** The body of a workflow's `diagram.md`. */
export function diagramDocument(title: string, machine: AnyStateMachine): string {
  return `# ${title}\n\nGenerated from the machine by \`npm run diagrams\`; a test fails when it is stale.\n\n\`\`\`mermaid\n${mermaidDiagram(machine)}\n\`\`\`\n`;
}
