import { AnyMachineSnapshot, getNextTransitions } from 'xstate';

/** Event types the snapshot's active states would accept, guards not evaluated; sorted. */
export function acceptedEvents(snapshot: AnyMachineSnapshot): string[] {
  const types = getNextTransitions(snapshot).map((transition): string =>
    String(transition.eventType),
  );
  return [...new Set(types.filter((type) => type !== '' && !type.startsWith('xstate.')))].sort();
}
