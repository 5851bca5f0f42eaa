import type { AgencyKind } from '../../partnerships/agency.entity';
import type { InstanceRole, PartnershipRole } from '../../../workflows/shared/roles';

export const PARTNERSHIP_ROLE_LABELS: Record<PartnershipRole, string> = {
  'business-manager': 'Business manager',
  'business-officer': 'Business officer',
  'partnership-chair': 'Partnership chair',
  'lead-safeguarding-partner': 'Lead safeguarding partner',
  'board-member': 'Board member',
};

export const INSTANCE_ROLE_LABELS: Record<InstanceRole, string> = {
  'panel-chair': 'Panel chair',
  'panel-member': 'Panel member',
  'independent-reviewer': 'Independent reviewer',
  'audit-group-member': 'Audit group member',
  'agency-safeguarding-lead': 'Agency safeguarding lead',
  'action-owner': 'Action owner',
};

export const AGENCY_KIND_LABELS: Record<AgencyKind, string> = {
  'local-authority': 'Local authority',
  police: 'Police',
  health: 'Health',
  education: 'Education',
  probation: 'Probation',
  'youth-justice': 'Youth justice',
  cafcass: 'Cafcass',
  'secure-estate': 'Secure estate',
  'fire-and-rescue': 'Fire and rescue',
  'voluntary-sector': 'Voluntary sector',
  other: 'Other',
};

/** `{ value, text }` items for govukRadios, govukCheckboxes or govukSelect, in the labels' order. */
export function optionsOf<K extends string>(
  labels: Record<K, string>,
): Array<{ value: K; text: string }> {
  return (Object.entries(labels) as Array<[K, string]>).map(([value, text]) => ({ value, text }));
}

/** The label of an instance role named in a query string, if it names one. */
export function instanceRoleLabel(value: unknown): string | undefined {
  return typeof value === 'string' && Object.hasOwn(INSTANCE_ROLE_LABELS, value)
    ? INSTANCE_ROLE_LABELS[value as InstanceRole]
    : undefined;
}
