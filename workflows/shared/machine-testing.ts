import { AnyMachineSnapshot, AnyStateMachine, initialTransition, transition } from 'xstate';
import { acceptedEvents } from './accepted-events';
import type { WorkflowDefinition } from './definition';
import { permissionRefusal } from './permissions';
import type { ActorContext, InstanceRole, PartnershipRole } from './roles';
import { activeSteps } from './steps';

/**
 * Drives a pure machine the way the engine does (XState's pure `transition()`, the actor attached
 * to every event, the definition's permissions and checks), for machine unit tests.
 */
export function actor(
  roles: {
    partnership?: PartnershipRole[];
    instance?: InstanceRole[];
    agencyId?: string;
    personId?: string;
  } = {},
): ActorContext {
  return {
    kind: 'person',
    personId: roles.personId ?? 'person-1',
    partnershipRoles: roles.partnership ?? [],
    instanceRoles: roles.instance ?? [],
    agencyId: roles.agencyId ?? null,
  };
}

export function start(machine: AnyStateMachine, input: unknown): AnyMachineSnapshot {
  const [snapshot] = initialTransition(machine, input as never);
  return snapshot as AnyMachineSnapshot;
}

export { acceptedEvents };

export function openStepKeys(snapshot: { getMeta(): Record<string, unknown> }): string[] {
  return activeSteps(snapshot).map((step) => step.key);
}

export type SendResult<S> =
  | { outcome: 'applied'; snapshot: S; actions: Array<{ type: string; params?: unknown }> }
  | { outcome: 'forbidden'; reason: string }
  | { outcome: 'rejected'; reason: string }
  | { outcome: 'not-accepted'; accepted: string[] };

/** Applies one event as the engine would, without the database. */
export function send(
  definition: WorkflowDefinition,
  snapshot: AnyMachineSnapshot,
  event: { type: string; [key: string]: unknown },
  by: ActorContext,
  options: { heldStepKeys?: string[]; today?: string; calendar?: unknown } = {},
): SendResult<AnyMachineSnapshot> {
  const refusal = permissionRefusal(definition, event.type, by, options.heldStepKeys);
  if (refusal) return { outcome: 'forbidden', reason: refusal };
  if (!acceptedEvents(snapshot).includes(event.type))
    return { outcome: 'not-accepted', accepted: acceptedEvents(snapshot) };
  const check = definition.checks?.[event.type];
  const problem = check?.({
    context: snapshot.context,
    event,
    actor: by,
    calendar: options.calendar as never,
    today: options.today ?? '2026-01-05',
  });
  if (problem) return { outcome: 'rejected', reason: problem };
  const [next, actions] = transition(definition.machine, snapshot as never, {
    ...event,
    actor: by,
  }) as [AnyMachineSnapshot, Array<{ type: string; params?: unknown }>];
  if (next === snapshot || (next.value === snapshot.value && next.context === snapshot.context)) {
    return { outcome: 'not-accepted', accepted: acceptedEvents(snapshot) };
  }
  return { outcome: 'applied', snapshot: next, actions };
}
