import type { InstanceRole, PartnershipRole } from '../../../workflows/shared/roles';
import type { EscalationDirectory } from '../policy';

/** Who a task is assigned to, as the engine stores it on the task row. */
export interface TaskAssignee {
  kind: 'person' | 'instance-role' | 'partnership-role' | 'each-agency';
  role: string | null;
  personId: string | null;
  agencyId: string | null;
}

/** An active person's role on the task's instance. */
export interface InstanceMemberRow {
  personId: string;
  role: InstanceRole;
  agencyId: string | null;
}

/** An active person's roles in the task's partnership. */
export interface PartnershipMemberRow {
  personId: string;
  roles: readonly PartnershipRole[];
}

/** The people of the task's instance and partnership that reminders and escalations go to. */
export interface TaskPeople {
  /** Active people only: a deactivated person is never emailed. */
  instanceMembers: readonly InstanceMemberRow[];
  partnershipMembers: readonly PartnershipMemberRow[];
  /** Whether the person a `person` task names is active. */
  namedPersonActive: boolean;
}

const unique = (ids: readonly string[]): string[] => [...new Set(ids)];

/**
 * The people a task's own reminders go to, resolved when each is sent (so a reassigned task's
 * next reminder goes to the new holder, never the old one). An agency's task goes to that agency's
 * people on the instance other than its safeguarding lead (the auditor or author the lead handed
 * it to), or to the lead when nobody else represents the agency: the lead then hears of it as the
 * assignee, and the escalation goes to the chair.
 */
export function assigneesOf(task: TaskAssignee, people: TaskPeople): string[] {
  switch (task.kind) {
    case 'person':
      return task.personId !== null && people.namedPersonActive ? [task.personId] : [];
    case 'instance-role':
      return unique(
        people.instanceMembers.filter((m) => m.role === task.role).map((m) => m.personId),
      );
    case 'partnership-role':
      return unique(
        people.partnershipMembers
          .filter((m) => m.roles.some((role) => role === task.role))
          .map((m) => m.personId),
      );
    case 'each-agency': {
      const agency = people.instanceMembers.filter(
        (m) => task.agencyId !== null && m.agencyId === task.agencyId,
      );
      const others = agency.filter((m) => m.role !== 'agency-safeguarding-lead');
      return unique((others.length > 0 ? others : agency).map((m) => m.personId));
    }
  }
}

/** The lookup `escalationRecipients` asks, over the task's loaded people. */
export function escalationDirectory(people: TaskPeople): EscalationDirectory {
  return (target, agencyId) => {
    switch (target.kind) {
      case 'instance-role':
        return unique(
          people.instanceMembers.filter((m) => m.role === target.role).map((m) => m.personId),
        );
      case 'partnership-role':
        return unique(
          people.partnershipMembers
            .filter((m) => m.roles.includes(target.role))
            .map((m) => m.personId),
        );
      case 'agency-role':
        return unique(
          people.instanceMembers
            .filter((m) => m.role === target.role && agencyId !== null && m.agencyId === agencyId)
            .map((m) => m.personId),
        );
    }
  };
}
