import type { AnyStateMachine } from 'xstate';
import type { BusinessCalendar } from '../../src/calendar';
import type { ActorContext, InstanceRole, PartnershipRole } from './roles';

/** Who may send an event. Anyone matching any listed rule may; the system actor always may. */
export interface EventPermission {
  partnershipRoles?: readonly PartnershipRole[];
  instanceRoles?: readonly InstanceRole[];
  /** Whoever currently holds an open task of one of these step keys on the instance. */
  taskHolderOf?: readonly string[];
  /** Shown in the 403 refusal, e.g. "Only the panel chair or the business manager can record the decision." */
  reason: string;
}

/** A business rule an event must satisfy, with the reason it is refused; null means allowed. */
export type EventCheck = (args: {
  context: unknown;
  event: { type: string; [key: string]: unknown };
  actor: ActorContext;
  calendar: BusinessCalendar;
  today: string;
}) => string | null;

/**
 * Every event the engine applies carries, besides its payload, `actor` (an ActorContext) and `on`
 * (today's date in Europe/London from the engine's clock, overriding anything the client sent).
 */
export interface EngineEventFields {
  actor: ActorContext;
  on: string;
}

/**
 * A versioned workflow: an XState v5 machine (pure, built with `setup()`) plus the data the engine
 * needs around it. Each instance stays on the key and version it started on.
 */
export interface WorkflowDefinition<TMachine extends AnyStateMachine = AnyStateMachine> {
  key: string;
  version: number;
  /** e.g. "Multi-agency case file audit". */
  title: string;
  /** Short code used in reference numbers, e.g. "CFA", "LCSPR". */
  referenceCode: string;
  machine: TMachine;
  /** Every event type the machine accepts from people, with who may send it. */
  permissions: Readonly<Record<string, EventPermission>>;
  /** Business-rule checks by event type, refused with 422 and the reason. */
  checks?: Readonly<Record<string, EventCheck>>;
  /**
   * Moves a persisted snapshot of version `version - 1` to this version. Absent: instances on the
   * older version stay there.
   */
  migrateFromPrevious?: (snapshot: unknown) => unknown;
}
