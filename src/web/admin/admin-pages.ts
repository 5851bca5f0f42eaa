import { decide } from '../../access/decide';
import type { Action } from '../../access/permission-table';
import { rolesIn, type Principal } from '../../access/principal';

/** One page of the administration, as the index lists it. */
export interface AdminPage {
  title: string;
  description: string;
  /** Under `/partnerships/:partnershipId/admin/`. */
  path: string;
  /** What the person must be allowed to do for the page to be any use to them. */
  action: Action;
}

export const ADMIN_PAGES: readonly AdminPage[] = [
  {
    title: 'People',
    description: 'Who belongs to the partnership, their agency and their roles.',
    path: 'people',
    action: 'people.read',
  },
  {
    title: 'Agencies',
    description: 'The agencies that take part in the partnership’s work.',
    path: 'agencies',
    action: 'people.read',
  },
  {
    title: 'Members of audits and reviews',
    description: 'Who sits on each audit or review, and in which role.',
    path: 'memberships',
    action: 'instance.manage-members',
  },
  {
    title: 'Audit tools',
    description: 'The questions and grading domains of case file audits, and their versions.',
    path: 'audit-tools',
    action: 'audit-tools.manage',
  },
  {
    title: 'Reminder settings',
    description: 'When reminder emails go out, and when overdue tasks are escalated.',
    path: 'reminder-settings',
    action: 'reminder-settings.manage',
  },
  {
    title: 'Failed emails',
    description: 'Reminder, escalation and digest emails that could not be delivered.',
    path: 'failed-emails',
    action: 'failed-emails.manage',
  },
  {
    title: 'Access log',
    description: 'Who viewed or exported identifying case details, and when.',
    path: 'access-log',
    action: 'access-log.read',
  },
];

/**
 * Whether the person's roles in the partnership allow the action there: the access guard's own
 * decision, used to show only the links and buttons that would work. Instance actions are decided
 * on partnership roles alone, which is how the business unit holds them.
 */
export function mayIn(principal: Principal, partnershipId: string, action: Action): boolean {
  return (
    decide(action, { partnershipRoles: rolesIn(principal, partnershipId), instanceRoles: [] })
      .outcome === 'allow'
  );
}

export function adminPath(partnershipId: string, path = ''): string {
  return `/partnerships/${partnershipId}/admin${path ? `/${path}` : ''}`;
}
