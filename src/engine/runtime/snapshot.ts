import { AnyMachineSnapshot, AnyStateMachine, AnyStateNode, createActor } from 'xstate';

/** The JSON the engine stores: XState's persisted snapshot. */
export interface PersistedSnapshot {
  status: string;
  value: unknown;
  context: unknown;
  [key: string]: unknown;
}

/** A persisted snapshot that no longer fits its machine (e.g. a state that no longer exists). */
export class SnapshotMismatchError extends Error {}

/** Every state node of a machine, root first, in document order. */
export function allStateNodes(machine: AnyStateMachine): AnyStateNode[] {
  const nodes: AnyStateNode[] = [];
  const visit = (node: AnyStateNode): void => {
    nodes.push(node);
    for (const child of Object.values(node.states) as AnyStateNode[]) visit(child);
  };
  visit(machine.root);
  return nodes;
}

/** The snapshot as stored: JSON only, no state node objects. */
export function persistSnapshot(
  machine: AnyStateMachine,
  snapshot: AnyMachineSnapshot,
): PersistedSnapshot {
  return machine.getPersistedSnapshot(snapshot) as unknown as PersistedSnapshot;
}

/** Why `persisted` does not fit `machine`, or null when it does. */
export function snapshotFitProblem(machine: AnyStateMachine, persisted: unknown): string | null {
  if (typeof persisted !== 'object' || persisted === null) return 'the snapshot is not an object';
  const { status, value, context } = persisted as Partial<PersistedSnapshot>;
  if (status !== 'active' && status !== 'done') {
    return `the snapshot status ${JSON.stringify(status)} cannot be restored`;
  }
  if (typeof context !== 'object' || context === null) return 'the snapshot has no context';
  const children = (persisted as { children?: unknown }).children;
  if (children && typeof children === 'object' && Object.keys(children).length > 0) {
    return 'the snapshot has child actors, which the engine does not restore';
  }
  return stateValueProblem(machine.root, value);
}

/** The state value must name exactly one active configuration of `node`'s children. */
function stateValueProblem(node: AnyStateNode, value: unknown): string | null {
  const children = node.states as Record<string, AnyStateNode>;
  const where = node.path.length === 0 ? 'the machine' : `state '${node.path.join('.')}'`;
  if (typeof value === 'string') {
    const child = children[value];
    if (!child) return `${where} has no state '${value}'`;
    if (Object.keys(child.states).length > 0 && child.type !== 'history') {
      return `state '${child.path.join('.')}' now has substates, so the stored value no longer names one`;
    }
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `${where} has a state value that is neither a name nor an object`;
  }
  const keys = Object.keys(value);
  for (const key of keys) {
    if (!children[key]) return `${where} has no state '${key}'`;
  }
  if (node.type === 'parallel') {
    const missing = Object.keys(children).filter((key) => !keys.includes(key));
    if (missing.length > 0) return `${where} is missing region(s) ${missing.join(', ')}`;
  } else if (keys.length !== 1) {
    return `${where} has ${keys.length} active states where it allows one`;
  }
  for (const key of keys) {
    const child = children[key];
    const childValue = (value as Record<string, unknown>)[key];
    if (Object.keys(child.states).length === 0) {
      if (childValue !== undefined && !isEmptyObject(childValue)) {
        return `state '${child.path.join('.')}' no longer has substates`;
      }
      continue;
    }
    const problem = stateValueProblem(child, childValue);
    if (problem) return problem;
  }
  return null;
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

/**
 * Restores a stored snapshot without running anything (no entry actions, no transitions), after
 * checking it still fits the machine. Throws SnapshotMismatchError when it does not.
 */
export function restoreSnapshot(machine: AnyStateMachine, persisted: unknown): AnyMachineSnapshot {
  const problem = snapshotFitProblem(machine, persisted);
  if (problem) throw new SnapshotMismatchError(problem);
  return createActor(machine, { snapshot: persisted as never }).getSnapshot() as AnyMachineSnapshot;
}
