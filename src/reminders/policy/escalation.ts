import type { InstanceRole, PartnershipRole } from '../../../workflows/shared/roles';

/** A set of people an escalation can go to, resolved by the worker from memberships. */
export type EscalationTarget =
  /** Members holding this role on the task's instance (audit or review). */
  | { kind: 'instance-role'; role: InstanceRole }
  /** People holding this role in the instance's partnership. */
  | { kind: 'partnership-role'; role: PartnershipRole }
  /** Members holding this role on the instance for the task's agency. */
  | { kind: 'agency-role'; role: InstanceRole };

/** Why someone gets an escalation; the email says so. */
export type EscalationReason = 'chair' | 'agency-safeguarding-lead';

export interface EscalationRule {
  reason: EscalationReason;
  /** Every task, or only a task that belongs to an agency (one agency's return, chronology...). */
  appliesTo: 'every-task' | 'agency-task';
  to: EscalationTarget;
  /** Asked when `to` resolves to nobody. */
  otherwise?: EscalationTarget;
}

/**
 * Who hears when a task stays overdue, as data: the instance's chair, or the partnership chair
 * when the instance has none (an audit has no panel chair; the partnership chair oversees all
 * audits and reviews); plus, for an agency's task, that agency's safeguarding lead.
 */
export const ESCALATION_RULES: readonly EscalationRule[] = Object.freeze([
  {
    reason: 'chair',
    appliesTo: 'every-task',
    to: { kind: 'instance-role', role: 'panel-chair' },
    otherwise: { kind: 'partnership-role', role: 'partnership-chair' },
  },
  {
    reason: 'agency-safeguarding-lead',
    appliesTo: 'agency-task',
    to: { kind: 'agency-role', role: 'agency-safeguarding-lead' },
  },
]);

export interface EscalatedTask {
  /** The agency the task belongs to, for an agency's task. */
  agencyId: string | null;
  /** The people the task is assigned to: never escalated to about their own task. */
  assigneeIds: readonly string[];
}

/** Looks up who holds a target, from memberships the caller loaded; `agencyId` for agency roles. */
export type EscalationDirectory = (
  target: EscalationTarget,
  agencyId: string | null,
) => readonly string[];

export interface EscalationRecipient {
  personId: string;
  reason: EscalationReason;
}

/**
 * The people an overdue task escalates to, each once (the first rule that names them gives the
 * reason), never the task's own assignees: a chair late with their own task escalates to the
 * partnership chair. Pure: the directory is a lookup over loaded data.
 */
export function escalationRecipients(
  task: EscalatedTask,
  directory: EscalationDirectory,
  rules: readonly EscalationRule[] = ESCALATION_RULES,
): EscalationRecipient[] {
  const excluded = new Set(task.assigneeIds);
  const recipients: EscalationRecipient[] = [];
  for (const rule of rules) {
    if (rule.appliesTo === 'agency-task' && task.agencyId === null) continue;
    const holders = (target: EscalationTarget): string[] =>
      directory(target, task.agencyId).filter((personId) => !excluded.has(personId));
    let people = holders(rule.to);
    if (people.length === 0 && rule.otherwise) people = holders(rule.otherwise);
    for (const personId of people) {
      if (excluded.has(personId)) continue;
      excluded.add(personId);
      recipients.push({ personId, reason: rule.reason });
    }
  }
  return recipients;
}
