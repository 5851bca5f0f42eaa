import { transition, type AnyMachineSnapshot } from 'xstate';
import type { BusinessCalendar } from '../../calendar';
import { acceptedEvents } from '../../../workflows/shared/accepted-events';
import type { WorkflowDefinition } from '../../../workflows/shared/definition';
import type { IsoDate } from '../../../workflows/shared/due-rule';
import { permissionRefusal } from '../../../workflows/shared/permissions';
import type { ActorContext } from '../../../workflows/shared/roles';
import type { StateMeta } from '../../../workflows/shared/steps';
import type { OutboxEntry } from './changes';

const EFFECT_PREFIX = 'effect.';

export interface DecideInput {
  definition: WorkflowDefinition;
  snapshot: AnyMachineSnapshot;
  type: string;
  payload: Readonly<Record<string, unknown>>;
  actor: ActorContext;
  /** Step keys of the open tasks the actor holds on the instance. */
  heldStepKeys: readonly string[];
  calendar: BusinessCalendar;
  today: IsoDate;
}

export type Decision =
  | { outcome: 'forbidden'; reason: string }
  | { outcome: 'not-accepted'; acceptedEvents: string[] }
  | { outcome: 'rejected'; reason: string }
  | { outcome: 'applied'; next: AnyMachineSnapshot; effects: OutboxEntry[] };

/**
 * Whether the event may be applied and, if so, the next snapshot and the effects the machine asked
 * for. Pure: XState's `transition()` computes and executes nothing. The order of refusals is the
 * order a person can act on: may I (403), can it happen now (409), is it right (422).
 */
export function decide(input: DecideInput): Decision {
  const { definition, snapshot, type, actor } = input;
  const refusal = permissionRefusal(definition, type, actor, input.heldStepKeys);
  if (refusal) return { outcome: 'forbidden', reason: refusal };

  const accepted = snapshot.status === 'active' ? acceptedEvents(snapshot) : [];
  if (!accepted.includes(type)) return { outcome: 'not-accepted', acceptedEvents: accepted };

  // `on` is the engine's today (Europe/London): machines have no clock, and clients cannot backdate.
  const event = { ...input.payload, on: input.today, type, actor };
  const check = definition.checks?.[type];
  const problem = check?.({
    context: snapshot.context,
    event,
    actor,
    calendar: input.calendar,
    today: input.today,
  });
  if (problem) return { outcome: 'rejected', reason: problem };

  // Accepted by the state but every guard said no: nothing would happen, so nothing is recorded.
  if (!snapshot.can(event)) return { outcome: 'not-accepted', acceptedEvents: accepted };

  const [next, actions] = transition(definition.machine, snapshot, event);
  const effects = actions
    .filter((action) => typeof action.type === 'string' && action.type.startsWith(EFFECT_PREFIX))
    .map((action) => ({
      topic: action.type.slice(EFFECT_PREFIX.length),
      payload: effectPayload(action.params),
    }));
  return { outcome: 'applied', next: next as AnyMachineSnapshot, effects };
}

/** The effects of entering the initial state. */
export function initialEffects(
  actions: ReadonlyArray<{ type: string; params?: unknown }>,
): OutboxEntry[] {
  return actions
    .filter((action) => action.type.startsWith(EFFECT_PREFIX))
    .map((action) => ({
      topic: action.type.slice(EFFECT_PREFIX.length),
      payload: effectPayload(action.params),
    }));
}

/** Action params as plain JSON; a non-object is wrapped as `{ value }`. */
function effectPayload(params: unknown): Record<string, unknown> {
  if (params === undefined || params === null) return {};
  const json: unknown = JSON.parse(JSON.stringify(params));
  return typeof json === 'object' && json !== null && !Array.isArray(json)
    ? (json as Record<string, unknown>)
    : { value: json };
}

/** Live until the machine reaches a final state or a state whose meta says `final`. */
export function statusOf(snapshot: AnyMachineSnapshot): 'live' | 'closed' {
  if (snapshot.status === 'done') return 'closed';
  const metas = Object.values(snapshot.getMeta()) as Array<StateMeta | undefined>;
  return metas.some((meta) => meta?.final === true) ? 'closed' : 'live';
}
