import type { DueRule } from './due-rule';
import type { InstanceRole, PartnershipRole } from './roles';

/** Who a step's task is assigned to. */
export type Assignee =
  /** Every member holding this role on the instance (e.g. the panel chair). */
  | { kind: 'instance-role'; role: InstanceRole }
  /** Every person holding this role in the instance's partnership (e.g. the business manager). */
  | { kind: 'partnership-role'; role: PartnershipRole }
  /**
   * One task per agency listed in the instance context at `contextKey` (an array of agency ids),
   * held by that agency's safeguarding lead(s) on the instance. E.g. each involved agency's return.
   */
  | { kind: 'each-agency'; contextKey: string }
  /** A named person whose id is in the instance context at `contextKey` (e.g. the reviewer). */
  | { kind: 'person'; contextKey: string };

/**
 * A step a state opens: entering the state opens a task per assignee with a due date computed by
 * the business calendar; leaving the state closes it. Titles are shown in emails: never case content.
 */
export interface StepDeclaration {
  /** Unique within the machine, e.g. `agency-audit-return`. */
  key: string;
  title: string;
  assignee: Assignee;
  /** When it is due. Anchors are read from the instance context's `dates`. */
  due?: DueRule;
  /** Set false to exempt the step's tasks from reminder emails. */
  remind?: boolean;
  /**
   * When the task's due moment passes, the engine sends this event to the instance (once), e.g.
   * `DEADLINE_PASSED`. Omit when the machine does not react to time passing.
   */
  onDue?: string;
}

/** What a state node declares in its XState `meta`. */
export interface StateMeta {
  /** The stage this state belongs to, for the stages task list (e.g. "Rapid review"). */
  stage?: string;
  steps?: readonly StepDeclaration[];
  /** True for states that end the instance's live work (closed, stepped down...). */
  final?: boolean;
}

/**
 * The context shape every machine shares so the engine can compute due dates and assignees.
 * `dates` holds named anchor dates (`awareOn`, `notificationSentOn`, `meetingOn`...);
 * `dueOverrides` holds dates the business unit set for a step key, which win over the rule.
 */
export interface WorkflowContextBase {
  dates: Record<string, string | undefined>;
  dueOverrides: Record<string, string | undefined>;
}

/** The steps every active state node of a snapshot declares, in document order. */
export function activeSteps(snapshot: { getMeta(): Record<string, unknown> }): StepDeclaration[] {
  return Object.values(snapshot.getMeta()).flatMap(
    (meta) => (meta as StateMeta | undefined)?.steps ?? [],
  );
}

/** The stage label of the deepest active state that declares one. */
export function activeStage(snapshot: { getMeta(): Record<string, unknown> }): string | undefined {
  const stages = Object.values(snapshot.getMeta())
    .map((meta) => (meta as StateMeta | undefined)?.stage)
    .filter((stage): stage is string => Boolean(stage));
  return stages[stages.length - 1];
}
