/**
 * Helpers for the review machines' unit tests (no Jest globals here: plain errors, so the build
 * that leaves Jest types out still compiles this file).
 */
import type { AnyMachineSnapshot, AnyStateMachine, AnyStateNode, StateValue } from 'xstate';
import type { WorkflowDefinition } from '../shared/definition';
import { actor, send, start, type SendResult } from '../shared/machine-testing';
import { permissionRefusal } from '../shared/permissions';
import { INSTANCE_ROLES, PARTNERSHIP_ROLES, type ActorContext } from '../shared/roles';
import { computeDueDate, type BusinessCalendar } from '../../src/calendar';
import {
  activeSteps,
  type StateMeta,
  type StepDeclaration,
  type WorkflowContextBase,
} from '../shared/steps';

/** The new snapshot of an event that must apply; anything else fails with what happened. */
export function applied(result: SendResult<AnyMachineSnapshot>): AnyMachineSnapshot {
  if (result.outcome !== 'applied') {
    throw new Error(`Expected the event to apply, got ${JSON.stringify(result)}`);
  }
  return result.snapshot;
}

/** The reason given for a refusal (403 forbidden or 422 rejected). */
export function refusalOf(result: SendResult<AnyMachineSnapshot>): string {
  if (result.outcome === 'forbidden' || result.outcome === 'rejected') return result.reason;
  throw new Error(`Expected a refusal, got ${result.outcome}`);
}

/** Active leaf states as dotted paths, e.g. `review.commissioning.reviewer.pending`. */
export function activePaths(snapshot: { value: StateValue }): string[] {
  const walk = (value: StateValue, prefix: string): string[] =>
    typeof value === 'string'
      ? [`${prefix}${value}`]
      : Object.entries(value).flatMap(([key, child]) =>
          child === undefined ? [`${prefix}${key}`] : walk(child, `${prefix}${key}.`),
        );
  return walk(snapshot.value, '').sort();
}

/** Every event type the machine's states handle, without XState's internal events; sorted. */
export function machineEventTypes(machine: AnyStateMachine): string[] {
  return [...new Set(machine.root.events.map(String))]
    .filter((type) => !type.startsWith('xstate.'))
    .sort();
}

/** Every step a state of the machine declares, with the id of the state declaring it. */
export function declaredSteps(
  machine: AnyStateMachine,
): Array<StepDeclaration & { stateId: string }> {
  const walk = (node: AnyStateNode): Array<StepDeclaration & { stateId: string }> => [
    ...((node.meta as StateMeta | undefined)?.steps ?? []).map((step) => ({
      ...step,
      stateId: node.id,
    })),
    ...Object.values(node.states).flatMap(walk),
  ];
  return walk(machine.root);
}

/** Every role (partnership and instance) that may send an event type, by permission alone. */
export function rolesAllowed(definition: WorkflowDefinition, eventType: string): string[] {
  return [
    ...PARTNERSHIP_ROLES.filter(
      (role) => permissionRefusal(definition, eventType, actor({ partnership: [role] })) === null,
    ),
    ...INSTANCE_ROLES.filter(
      (role) => permissionRefusal(definition, eventType, actor({ instance: [role] })) === null,
    ),
  ];
}

/**
 * Due dates of the snapshot's open steps, as the engine computes them: a date the business unit
 * set for the step wins over its rule; null when the rule's anchor has no date yet.
 */
export function openStepDueDates(
  snapshot: AnyMachineSnapshot,
  calendar: BusinessCalendar,
): Record<string, string | null> {
  const context = snapshot.context as WorkflowContextBase;
  return Object.fromEntries(
    activeSteps(snapshot).map((step) => [
      step.key,
      context.dueOverrides[step.key] ??
        (step.due ? computeDueDate(step.due, context.dates, calendar) : null),
    ]),
  );
}

/** A stable lower-case UUID for a test name ("la", "reviewer"), the shape the engine stores ids in. */
export function uuidFor(name: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const char of name) {
    hash = BigInt.asUintN(64, (hash ^ BigInt(char.codePointAt(0) ?? 0)) * 0x100000001b3n);
  }
  const hex = hash.toString(16).padStart(16, '0');
  return `00000000-0000-4000-8${hex.slice(0, 3)}-${hex.slice(4, 16)}`;
}

/** Agencies the review specs ask for returns. */
export const LA = uuidFor('la');
export const HEALTH = uuidFor('health');
export const POLICE = uuidFor('police');
export const SCHOOL = uuidFor('school');

/** People every review spec needs; each spec adds the panel and reviewers it names. */
export const manager = actor({ partnership: ['business-manager'], personId: 'manager' });
export const officer = actor({ partnership: ['business-officer'], personId: 'officer' });
export const partner = actor({ partnership: ['lead-safeguarding-partner'], personId: 'partner' });

/** An agency's safeguarding lead on the review. */
export function leadOf(agencyId: string): ActorContext {
  return actor({ instance: ['agency-safeguarding-lead'], agencyId, personId: `lead-${agencyId}` });
}

export type TestEvent = { type: string; [key: string]: unknown };

/** One event of a review's path with real dates; `mark` names the point it reaches. */
export interface JourneyStep {
  mark?: string;
  today: string;
  by: ActorContext;
  event: TestEvent;
}

/**
 * Sends events to one review definition as the engine would, on a given day with the real calendar:
 * `sendOn` returns the outcome, `apply` the new snapshot of an event that must apply, and
 * `journey(upTo)` the snapshot at a mark of the review's path from `input`.
 */
export function reviewDriver<TContext, TInput>(
  definition: WorkflowDefinition,
  options: { calendar: BusinessCalendar; path: readonly JourneyStep[]; input: TInput },
) {
  const { calendar, path } = options;
  const sendOn = (
    today: string,
    snapshot: AnyMachineSnapshot,
    by: ActorContext,
    event: TestEvent,
  ) => send(definition, snapshot, event, by, { today, calendar });
  const apply = (
    today: string,
    snapshot: AnyMachineSnapshot,
    by: ActorContext,
    event: TestEvent,
  ): AnyMachineSnapshot => applied(sendOn(today, snapshot, by, event));
  const context = (snapshot: AnyMachineSnapshot): TContext => snapshot.context as TContext;
  const journey = (upTo: string, input: TInput = options.input): AnyMachineSnapshot => {
    let snapshot = start(definition.machine, input);
    for (const step of path) {
      snapshot = apply(step.today, snapshot, step.by, step.event);
      if (step.mark === upTo) return snapshot;
    }
    throw new Error(`No mark ${upTo} in the journey`);
  };
  return { sendOn, apply, context, journey };
}
