import { activeStage } from '../../workflows/shared/steps';
import type { DefinitionRegistry } from '../engine/definitions/definition-registry';

/**
 * The stage label of a state value (e.g. "Rapid review"), read from the states' `meta`; null when
 * the definition or the state is unknown.
 */
export function stageOf(
  registry: DefinitionRegistry,
  key: string,
  version: number,
  state: unknown,
): string | null {
  const definition = registry.find(key, version);
  if (!definition) return null;
  try {
    const snapshot = definition.machine.resolveState({ value: state as never, context: {} });
    return activeStage(snapshot) ?? null;
  } catch {
    return null;
  }
}

/** The top-level state name, e.g. `rapidReview` of `{ rapidReview: 'meeting' }`. */
export function topState(state: unknown): string | null {
  if (typeof state === 'string') return state;
  if (typeof state === 'object' && state !== null) return Object.keys(state)[0] ?? null;
  return null;
}
