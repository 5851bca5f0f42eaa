import type { InstanceRole, PartnershipRole } from '../../workflows/shared/roles';
import { WHOLE_PARTNERSHIP_ROLES } from '../../workflows/shared/roles';

/**
 * Who a rule names. Partnership and instance roles as in `workflows/shared/roles.ts`, plus:
 * - `instance-member`: anyone holding any role on the audit or review;
 * - `partnership-member`: anyone who belongs to the partnership, with or without a role in it;
 * - `signed-in`: anyone signed in (only for actions on one's own account).
 */
export type Audience =
  PartnershipRole | InstanceRole | 'instance-member' | 'partnership-member' | 'signed-in';

/**
 * What a rule is about, which decides what a route must name and what "not found" means:
 * - `self`: the signed-in person's own account; no partnership in the path;
 * - `partnership`: one partnership, named by `:partnershipId`; a person outside it gets 404;
 * - `instance`: one audit or review, named by `:instanceId`; a person who may not see it gets 404.
 */
export type RuleScope = 'self' | 'partnership' | 'instance';

export interface PermissionRule {
  scope: RuleScope;
  /** What the action lets a person do, for the documentation. */
  summary: string;
  allow: readonly Audience[];
  /** The 403 detail shown to someone who can see the target but may not do this. */
  refusal: string;
  /** True when an API token may not be used: the person must be signed in with a browser session. */
  sessionOnly?: boolean;
}

/**
 * The permission table: every action any endpoint performs, and who may perform it. The access guard
 * enforces it for every route; `docs/permissions.md` is generated from it; the tests check every
 * cell. A route names exactly one action with `@Permission(action)` or is `@Public()`.
 */
export const PERMISSION_TABLE = {
  'own-account': {
    scope: 'self',
    summary:
      'See who you are signed in as, your partnerships and roles; sign out; list and revoke your own API tokens',
    allow: ['signed-in'],
    refusal: 'Sign in to continue.',
  },
  'own-tokens.create': {
    scope: 'self',
    summary: 'Create an API token for yourself, carrying your own permissions only',
    allow: ['signed-in'],
    refusal: 'Sign in to continue.',
    sessionOnly: true,
  },
  'own-reminder-preferences': {
    scope: 'self',
    summary:
      'Choose how you hear about your tasks: separate reminder emails, or one daily digest of everything due or overdue',
    allow: ['signed-in'],
    refusal: 'Sign in to continue.',
  },
  'people.read': {
    scope: 'partnership',
    summary: 'List the partnership’s people, their agencies and roles, and its agencies',
    allow: [
      'business-manager',
      'business-officer',
      'partnership-chair',
      'lead-safeguarding-partner',
    ],
    refusal:
      'Only a business manager, business officer, partnership chair or lead safeguarding partner can see the partnership’s people.',
  },
  'people.manage': {
    scope: 'partnership',
    summary: 'Add people to the partnership and set their agency; add agencies',
    allow: ['business-manager', 'business-officer'],
    refusal: 'Only a business manager or business officer can manage people.',
  },
  'people.grant-roles': {
    scope: 'partnership',
    summary: 'Grant and withdraw partnership roles',
    allow: ['business-manager'],
    refusal: 'Only a business manager can grant partnership roles.',
  },
  'access-log.read': {
    scope: 'partnership',
    summary: 'Read the log of who viewed or exported identifying case details',
    allow: ['business-manager'],
    refusal: 'Only a business manager can read the access log.',
  },
  'reminder-settings.manage': {
    scope: 'partnership',
    summary:
      'See and change the partnership’s reminder numbers: working days before the due date, the due-date and overdue reminders, when to escalate, the send hour',
    allow: ['business-manager', 'business-officer'],
    refusal: 'Only a business manager or business officer can change the reminder settings.',
  },
  'failed-emails.manage': {
    scope: 'partnership',
    summary:
      'See the reminder, escalation and digest emails that could not be delivered (task, reference, when, SMTP status; never an address) and send a reminder again',
    allow: ['business-manager', 'business-officer'],
    refusal: 'Only a business manager or business officer can see and retry failed emails.',
  },
  'reports.read': {
    scope: 'partnership',
    summary: 'Read dashboards and reports (counts and timescales, no case details)',
    allow: [
      'business-manager',
      'business-officer',
      'partnership-chair',
      'lead-safeguarding-partner',
      'board-member',
    ],
    refusal:
      'Only the business unit, the partnership chair, lead safeguarding partners and board members can read reports.',
  },
  'instances.list': {
    scope: 'partnership',
    summary:
      'List the audits and reviews you may see (query scopes show only those you are a member of, unless your role grants the whole partnership)',
    allow: ['partnership-member'],
    refusal: 'Only members of the partnership can list its audits and reviews.',
  },
  'instances.create': {
    scope: 'partnership',
    summary: 'Open an audit or a review',
    allow: ['business-manager', 'business-officer'],
    refusal: 'Only a business manager or business officer can open an audit or review.',
  },
  'audit-tools.manage': {
    scope: 'partnership',
    summary:
      'Create audit tools (questions and grading domains), publish new versions of them and list them',
    allow: ['business-manager', 'business-officer'],
    refusal: 'Only a business manager or business officer can manage audit tools.',
  },
  'instance.read': {
    scope: 'instance',
    summary: 'See an audit or review: its stage, tasks, dates and pseudonymised cases',
    allow: [...WHOLE_PARTNERSHIP_ROLES, 'instance-member'],
    refusal: 'Only members of this audit or review can see it.',
  },
  'instance.manage-members': {
    scope: 'instance',
    summary: 'Set who is a member of an audit or review and in which role; set its dates',
    allow: ['business-manager', 'business-officer'],
    refusal:
      'Only a business manager or business officer can change the members of an audit or review.',
  },
  'instance.send-event': {
    scope: 'instance',
    summary:
      'Take a workflow step (the workflow definition then decides which steps each role may take)',
    allow: [...WHOLE_PARTNERSHIP_ROLES, 'instance-member'],
    refusal: 'Only members of this audit or review can take its steps.',
  },
  'case-identifiers.view': {
    scope: 'instance',
    summary:
      'See a case’s identifying details (name, date of birth, address, agency record numbers); every view is logged',
    allow: [
      'business-manager',
      'business-officer',
      'panel-chair',
      'independent-reviewer',
      'audit-group-member',
      'agency-safeguarding-lead',
    ],
    refusal:
      'Only the business unit, the panel chair, the independent reviewer, audit group members and agency safeguarding leads can see identifying case details.',
  },
  'case-identifiers.export': {
    scope: 'instance',
    summary: 'Export identifying case details; every export is logged',
    allow: ['business-manager', 'panel-chair'],
    refusal: 'Only a business manager or the panel chair can export identifying case details.',
  },
  'actions.list': {
    scope: 'partnership',
    summary:
      'List open actions across the partnership’s audits and reviews, filtered by agency, source, status and RAG (all of them with a role that reads reports; otherwise those of audits and reviews you are a member of)',
    allow: ['partnership-member'],
    refusal: 'Only members of the partnership can list its actions.',
  },
  'recommendations.manage': {
    scope: 'instance',
    summary:
      'Add an audit’s or review’s recommendations and their actions; change an action’s wording, owner agency, lead or due date',
    allow: ['business-manager', 'business-officer', 'partnership-chair', 'panel-chair'],
    refusal:
      'Only the business unit, the partnership chair or the panel chair can add or change recommendations and actions.',
  },
  'actions.report-progress': {
    scope: 'instance',
    summary:
      'Report progress and evidence of impact on an action, and ask for it to be closed (then checked per action: only its lead, or a member of the audit or review for its owner agency)',
    allow: [...WHOLE_PARTNERSHIP_ROLES, 'instance-member'],
    refusal:
      'Only the action’s owner — its lead, or a member of this audit or review for the owner agency — can report progress on it or ask for it to be closed.',
  },
  'actions.decide-closure': {
    scope: 'instance',
    summary:
      'For the subgroup that monitors the action plan: agree an action’s closure (recording the agreement) or decline it with a reason; never the action’s own owner',
    allow: ['business-manager', 'partnership-chair', 'panel-chair'],
    refusal:
      'Only the subgroup that monitors the action plan (the business manager, the partnership chair or this audit or review’s panel chair) can agree or decline closing an action, not its owner alone.',
  },
} as const satisfies Record<string, PermissionRule>;

export type Action = keyof typeof PERMISSION_TABLE;

export const ACTIONS = Object.keys(PERMISSION_TABLE) as Action[];

export function isAction(value: unknown): value is Action {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PERMISSION_TABLE, value);
}
