import type { InstanceRole, PartnershipRole } from '../../workflows/shared/roles';
import { INSTANCE_ROLES, PARTNERSHIP_ROLES } from '../../workflows/shared/roles';
import type { Standing } from './decide';

/** The columns of the permission table: one standing per role, plus a member with no role. */
export interface StandingColumn {
  key: PartnershipRole | InstanceRole | 'no-role';
  label: string;
  standing: Standing;
}

const LABELS: Record<PartnershipRole | InstanceRole | 'no-role', string> = {
  'business-manager': 'Business manager',
  'business-officer': 'Business officer',
  'partnership-chair': 'Partnership chair',
  'lead-safeguarding-partner': 'Lead safeguarding partner',
  'board-member': 'Board member',
  'panel-chair': 'Panel chair',
  'panel-member': 'Panel member',
  'independent-reviewer': 'Independent reviewer',
  'audit-group-member': 'Audit group member',
  'agency-safeguarding-lead': 'Agency safeguarding lead',
  'action-owner': 'Action owner',
  'no-role': 'Member, no role',
};

/**
 * A partnership role column is someone holding only that role in the partnership; an instance role
 * column is a partnership member without partnership roles who holds that role on the audit or
 * review in question.
 */
export const STANDING_COLUMNS: readonly StandingColumn[] = [
  ...PARTNERSHIP_ROLES.map((role) => ({
    key: role,
    label: LABELS[role],
    standing: { partnershipRoles: [role], instanceRoles: [] },
  })),
  ...INSTANCE_ROLES.map((role) => ({
    key: role,
    label: LABELS[role],
    standing: { partnershipRoles: [], instanceRoles: [role] },
  })),
  {
    key: 'no-role',
    label: LABELS['no-role'],
    standing: { partnershipRoles: [], instanceRoles: [] },
  },
];
