import type { AnyStateNode } from 'xstate';
import type { WorkflowDefinition } from '../../workflows/shared/definition';
import type { StateMeta } from '../../workflows/shared/steps';

/** A state node that declares a stage: active when `key` is present at `parentPath` of the value. */
export interface StageNode {
  parentPath: readonly string[];
  key: string;
  stage: string;
}

/**
 * The definition's stage-declaring state nodes, latest in document order first: the first one
 * active in a state value is the one `activeStage` reports (the deepest, or the last of parallel
 * regions).
 */
export function stageNodes(definition: Pick<WorkflowDefinition, 'machine'>): StageNode[] {
  const nodes: AnyStateNode[] = [];
  const walk = (node: AnyStateNode): void => {
    nodes.push(node);
    Object.values(node.states).forEach(walk);
  };
  walk(definition.machine.root);
  return nodes
    .filter((node) => node.path.length > 0 && (node.meta as StateMeta | undefined)?.stage)
    .sort((a, b) => b.order - a.order)
    .map((node) => ({
      parentPath: node.path.slice(0, -1),
      key: node.path[node.path.length - 1],
      stage: (node.meta as StateMeta).stage as string,
    }));
}

/** The stage of a persisted state value, by the same rule as `instanceStageSql`. */
export function stageOfStateValue(nodes: readonly StageNode[], value: unknown): string | null {
  for (const node of nodes) {
    let at: unknown = value;
    for (const key of node.parentPath) {
      at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined;
    }
    const active =
      at === node.key ||
      (typeof at === 'object' && at !== null && !Array.isArray(at) && node.key in at);
    if (active) return node.stage;
  }
  return null;
}

/** A SQL string literal of a constant from code (state keys, stage labels), never user input. */
function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * A SQL expression for the stage label of the instance row `alias` (null when its state declares
 * none), computed from `state_value` with each registered definition's stage nodes. Lets lists
 * filter and show stages without restoring snapshots.
 */
export function instanceStageSql(
  definitions: readonly WorkflowDefinition[],
  alias: string,
): string {
  const branches = definitions.map((definition) => {
    const cases = stageNodes(definition).map((node) => {
      const at =
        node.parentPath.length === 0
          ? `${alias}.state_value`
          : `(${alias}.state_value #> ${literal(`{${node.parentPath.join(',')}}`)})`;
      return `WHEN jsonb_exists(${at}, ${literal(node.key)}) THEN ${literal(node.stage)}`;
    });
    const stage = cases.length > 0 ? `CASE ${cases.join(' ')} END` : 'NULL';
    return `WHEN ${alias}.definition_key = ${literal(definition.key)} AND ${alias}.definition_version = ${definition.version} THEN ${stage}`;
  });
  return branches.length > 0 ? `(CASE ${branches.join(' ')} END)::text` : 'NULL::text';
}
