import { assign, type EventObject, type MachineContext } from 'xstate';

/** An update of one part of a review's context, from the event narrowed to that part's events. */
export type PartUpdate<TPart, TPartEvent> = (args: {
  context: TPart;
  event: TPartEvent;
}) => Partial<TPart>;

/**
 * XState's `assign`, typed for one machine (`TContext`, `TEvent`), from an update written once for
 * a part of the context (`TPart`) and events (`TPartEvent`) several review machines share. Each
 * machine's context extends the part and its event union includes the part's events, and an update
 * only copies and sets fields of the part, so its result is a partial of the machine's context:
 * the casts say what TypeScript cannot see through the generics.
 */
export function assignPart<
  TContext extends TPart,
  TEvent extends EventObject,
  TPart extends MachineContext,
  TPartEvent,
>(update: PartUpdate<TPart, TPartEvent>) {
  return assign<TContext, TEvent, undefined, TEvent, never>(
    ({ context, event }) =>
      update({ context, event: event as unknown as TPartEvent }) as Partial<TContext>,
  );
}
