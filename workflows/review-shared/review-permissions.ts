/** Permission rules the review workflows share; each names who may act and why others may not. */
import type { EventPermission } from '../shared/definition';
import type { InstanceRole, PartnershipRole } from '../shared/roles';

export const BUSINESS_UNIT = ['business-manager', 'business-officer'] as const;
export const LEAD_PARTNERS = ['lead-safeguarding-partner'] as const;

export function only(
  roles: { partnership?: readonly PartnershipRole[]; instance?: readonly InstanceRole[] },
  reason: string,
): EventPermission {
  return {
    ...(roles.partnership ? { partnershipRoles: roles.partnership } : {}),
    ...(roles.instance ? { instanceRoles: roles.instance } : {}),
    reason,
  };
}

export const businessUnit = (what: string): EventPermission =>
  only(
    { partnership: BUSINESS_UNIT },
    `Only the business manager or a business officer can ${what}.`,
  );

export const leadPartners = (what: string): EventPermission =>
  only({ partnership: LEAD_PARTNERS }, `Only a lead safeguarding partner can ${what}.`);

export const partnershipChair = (what: string): EventPermission =>
  only({ partnership: ['partnership-chair'] }, `Only the partnership chair can ${what}.`);

export const panelChair = (what: string, chairTitle = 'review panel chair'): EventPermission =>
  only({ instance: ['panel-chair'] }, `Only the ${chairTitle} can ${what}.`);

/** An agency's return: its safeguarding lead on the review (a check limits them to their agency), or the business unit on its behalf. */
export const agencyReturn = (what: string): EventPermission =>
  only(
    { partnership: BUSINESS_UNIT, instance: ['agency-safeguarding-lead'] },
    `Only an agency safeguarding lead on this review (for their own agency) or the business unit can submit ${what}.`,
  );

export const reviewerOrChair = (what: string, chairTitle = 'review panel chair'): EventPermission =>
  only(
    { instance: ['independent-reviewer', 'panel-chair'] },
    `Only the independent reviewer or the ${chairTitle} can ${what}.`,
  );

export const panelMembers = (what: string): EventPermission =>
  only(
    { instance: ['panel-member', 'panel-chair'] },
    `Only a member of the review panel can ${what}.`,
  );

export const independentReviewer = (what: string): EventPermission =>
  only({ instance: ['independent-reviewer'] }, `Only the independent reviewer can ${what}.`);
