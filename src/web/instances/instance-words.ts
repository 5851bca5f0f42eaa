/**
 * Plain words for what the engine stores as codes: event types, roles, named dates, workflow
 * keys. Codes come from the workflow definitions (never user input); anything unknown is spelt
 * out from its code rather than hidden.
 */

/** Abbreviations kept in capitals when an event type is spelt out. */
const ABBREVIATIONS = new Set(['imr', 'imrs', 'scr', 'lcspr', 'cfag', 'lib', 'rag']);

const ENGINE_EVENTS: Readonly<Record<string, string>> = {
  'engine.started': 'Started',
  'engine.member-added': 'Member added',
  'engine.member-removed': 'Member removed',
  'engine.migrated': 'Moved to a newer version of the workflow',
  'engine.task-opened': 'Task opened',
  'engine.task-closed': 'Task closed',
  'engine.task-updated': 'Task changed',
};

function sentence(words: string[]): string {
  const text = words
    .filter((word) => word.length > 0)
    .map((word) => (ABBREVIATIONS.has(word) ? word.toUpperCase() : word))
    .join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "SERIOUS_INCIDENT_NOTIFIED" reads "Serious incident notified"; "IMR_SUBMITTED" "IMR submitted". */
export function eventInWords(type: string): string {
  return ENGINE_EVENTS[type] ?? sentence(type.toLowerCase().split(/[_.\s-]+/));
}

const ROLES: Readonly<Record<string, string>> = {
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
};

/** "panel-chair" reads "Panel chair". */
export function roleInWords(role: string): string {
  return ROLES[role] ?? sentence(role.split('-'));
}

const DATES: Readonly<Record<string, string>> = {
  awareOn: 'Became aware of the incident',
  notificationSentOn: 'Serious incident notification sent',
  notifiedOn: 'Serious incident notified',
  rapidReviewMeetingOn: 'Rapid review meeting',
  rapidReviewSentToPanelOn: 'Rapid review sent to the national Panel',
  panelResponseOn: 'National Panel responded',
  decisionOn: 'Decision made',
  referredOn: 'Referred',
  initiatedOn: 'Review started',
  scopeAgreedOn: 'Scope agreed',
  termsOfReferenceAgreedOn: 'Terms of reference agreed',
  reportSentToPanelOn: 'Final report sent to the national Panel',
  plannedPublicationOn: 'Planned publication',
  publishedOn: 'Published',
  deferredOn: 'Publication deferred',
  steppedDownOn: 'Stepped down',
  openedOn: 'Opened',
  meetingOn: 'Multi-agency meeting',
};

/** A named date of a workflow: "rapidReviewMeetingOn" reads "Rapid review meeting". */
export function dateLabel(key: string): string {
  return (
    DATES[key] ??
    sentence(
      key
        .replace(/On$/, '')
        .split(/(?=[A-Z])/)
        .map((word) => word.toLowerCase()),
    )
  );
}

const KINDS: Readonly<Record<string, string>> = {
  'case-file-audit': 'Case file audit',
  'practice-review': 'Practice review',
  'serious-case-review': 'Serious case review',
  'learning-review': 'Learning review',
};

/** The short name of a workflow for tables: "practice-review" reads "Practice review". */
export function kindName(definitionKey: string): string {
  return KINDS[definitionKey] ?? sentence(definitionKey.split('-'));
}

/** Whether a workflow is an audit (the rest are reviews). */
export function isAudit(definitionKey: string): boolean {
  return definitionKey === 'case-file-audit';
}
