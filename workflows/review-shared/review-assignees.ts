/** Who the review machines' steps are assigned to (see `Assignee` in workflows/shared/steps). */

export const BUSINESS_MANAGER = { kind: 'partnership-role', role: 'business-manager' } as const;
export const PARTNERSHIP_CHAIR = { kind: 'partnership-role', role: 'partnership-chair' } as const;
export const LEAD_SAFEGUARDING_PARTNERS = {
  kind: 'partnership-role',
  role: 'lead-safeguarding-partner',
} as const;
/** The review panel's chair; in a learning review, the review group's chair. */
export const PANEL_CHAIR = { kind: 'instance-role', role: 'panel-chair' } as const;
/** The review panel's members; in a learning review, the review group's members. */
export const PANEL_MEMBERS = { kind: 'instance-role', role: 'panel-member' } as const;
/** The reviewer the practice review and the learning review appoint. */
export const REVIEWER = { kind: 'person', contextKey: 'reviewerPersonId' } as const;
