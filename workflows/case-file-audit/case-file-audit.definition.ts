import type { EventPermission, WorkflowDefinition } from '../shared/definition';
import type { InstanceRole, PartnershipRole } from '../shared/roles';
import { caseFileAuditChecks } from './case-file-audit.checks';
import { caseFileAuditMachine, type CaseFileAuditMachine } from './case-file-audit.machine';
import type { CaseFileAuditEventType } from './case-file-audit.types';

const BUSINESS_UNIT: PartnershipRole[] = ['business-manager', 'business-officer'];
/** The audit group (CFAG) chair is the instance's `panel-chair`; the partnership chair oversees all audits. */
const CHAIR_INSTANCE: InstanceRole[] = ['panel-chair'];
const AGENCY: InstanceRole[] = ['agency-safeguarding-lead', 'audit-group-member'];

/**
 * Who may send each event. Agency events are further limited to the person's own agency by the
 * checks (EventPermission has no way to say "their own agency"), so that refusal is a 422.
 */
const permissions: Readonly<Record<CaseFileAuditEventType, EventPermission>> = {
  PLAN_AGREED: {
    partnershipRoles: BUSINESS_UNIT,
    instanceRoles: CHAIR_INSTANCE,
    reason: 'Only the business unit or the audit group chair can agree the audit plan.',
  },
  MEETING_DATE_CHANGED: {
    partnershipRoles: BUSINESS_UNIT,
    reason: 'Only the business unit can move the audit meeting.',
  },
  CASES_SELECTED: {
    partnershipRoles: BUSINESS_UNIT,
    reason: 'Only the business unit can select the audit cases.',
  },
  INVOLVEMENT_CONFIRMED: {
    partnershipRoles: BUSINESS_UNIT,
    instanceRoles: AGENCY,
    reason:
      "Only an agency's safeguarding lead or auditor, or the business unit on the agency's behalf, can confirm involvement.",
  },
  RETURN_SAVED: {
    instanceRoles: AGENCY,
    reason: "Only the agency's safeguarding lead or auditors can work on its audit returns.",
  },
  RETURN_SUBMITTED: {
    instanceRoles: AGENCY,
    reason: "Only the agency's safeguarding lead or auditors can submit its audit returns.",
  },
  RETURN_REOPENED: {
    partnershipRoles: BUSINESS_UNIT,
    reason: 'Only the business unit can reopen a submitted audit return.',
  },
  AUDITS_CLOSED: {
    partnershipRoles: BUSINESS_UNIT,
    reason: 'Only the business unit can close the single-agency audits.',
  },
  MEETING_HELD: {
    partnershipRoles: ['partnership-chair'],
    instanceRoles: CHAIR_INSTANCE,
    reason: 'Only the chair can record the audit meeting and its moderated grades.',
  },
  REPORT_SUBMITTED: {
    partnershipRoles: BUSINESS_UNIT,
    instanceRoles: CHAIR_INSTANCE,
    reason: 'Only the business unit or the audit group chair can submit the overview report.',
  },
  REPORT_APPROVED: {
    partnershipRoles: ['partnership-chair', 'lead-safeguarding-partner'],
    reason: 'Only the partnership chair or a lead safeguarding partner can approve the report.',
  },
  REPORT_SENT_BACK: {
    partnershipRoles: ['partnership-chair', 'lead-safeguarding-partner'],
    reason: 'Only the partnership chair or a lead safeguarding partner can send the report back.',
  },
  ACTION_PLAN_AGREED: {
    partnershipRoles: BUSINESS_UNIT,
    instanceRoles: CHAIR_INSTANCE,
    reason: 'Only the business unit or the audit group chair can record the agreed action plan.',
  },
  LEARNING_SHARED: {
    partnershipRoles: BUSINESS_UNIT,
    reason: 'Only the business unit can record that the learning was shared.',
  },
  AUDIT_CLOSED: {
    partnershipRoles: ['partnership-chair'],
    instanceRoles: CHAIR_INSTANCE,
    reason: 'Only the chair can close the audit.',
  },
  AUDIT_CANCELLED: {
    partnershipRoles: ['business-manager', 'partnership-chair'],
    reason: 'Only the business manager or the partnership chair can cancel an audit.',
  },
  DUE_DATE_CHANGED: {
    partnershipRoles: BUSINESS_UNIT,
    reason: 'Only the business unit can change a due date.',
  },
  CONCERN_RAISED: {
    partnershipRoles: [...BUSINESS_UNIT, 'partnership-chair'],
    instanceRoles: [...AGENCY, ...CHAIR_INSTANCE, 'panel-member'],
    reason: "Only the audit's members can raise an immediate concern.",
  },
  CONCERN_ACTIONED: {
    partnershipRoles: [...BUSINESS_UNIT, 'partnership-chair'],
    instanceRoles: [...CHAIR_INSTANCE, 'agency-safeguarding-lead'],
    reason:
      'Only the business unit, the chair or an agency safeguarding lead can record what was done about a concern.',
  },
};

export const caseFileAuditDefinition: WorkflowDefinition<CaseFileAuditMachine> = {
  key: 'case-file-audit',
  version: 1,
  title: 'Multi-agency case file audit',
  referenceCode: 'CFA',
  machine: caseFileAuditMachine,
  permissions,
  checks: caseFileAuditChecks,
};
