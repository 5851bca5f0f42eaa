import { AD_HOC_STEP_PREFIX } from '../../engine/runtime/tasks';
import { date, radios, textarea, type EventField } from './event-fields';

/** One way a decision can go: the event it sends, with any fixed fields and its own questions. */
export interface DecisionOutcome {
  /** Unique within the decision; the radio's value and the prefix of its own fields. */
  key: string;
  label: string;
  hint?: string;
  event: string;
  fixed?: Readonly<Record<string, unknown>>;
  /** Asked only with this outcome (revealed under its radio). */
  fields?: readonly EventField[];
}

/** A decision recorded on its step's page: one question, its outcomes, and what every outcome asks. */
export interface DecisionForm {
  question: string;
  outcomes: readonly DecisionOutcome[];
  /** Asked whatever the outcome. */
  fields?: readonly EventField[];
}

/** Which form a step's page shows. */
export type StepForm =
  | { kind: 'audit-return' }
  | { kind: 'information-return'; returnKind: string }
  | { kind: 'panel-comments' }
  | { kind: 'decision'; decision: DecisionForm }
  | { kind: 'action-progress'; actionId: string }
  | { kind: 'generic' };

const OTHER_LEARNING = radios(
  'otherLearning',
  'what other learning follows',
  [
    { value: 'learning-review', label: 'A learning review' },
    { value: 'single-agency-learning', label: 'Single-agency learning' },
    { value: 'multi-agency-audit', label: 'A multi-agency audit' },
    { value: 'none', label: 'No further learning' },
  ],
  true,
);

const RAPID_REVIEW_DECISION: DecisionForm = {
  question: 'What did the lead safeguarding partners decide?',
  fields: [date('decidedOn', 'the date of the decision')],
  outcomes: [
    {
      key: 'practice-review',
      label: 'Hold a local child safeguarding practice review',
      event: 'RAPID_REVIEW_DECIDED',
      fixed: { decision: 'practice-review' },
    },
    {
      key: 'no-review',
      label: 'No local review',
      event: 'RAPID_REVIEW_DECIDED',
      fixed: { decision: 'no-review' },
      fields: [OTHER_LEARNING],
    },
    {
      key: 'national-review',
      label: 'Refer for a national review',
      event: 'RAPID_REVIEW_DECIDED',
      fixed: { decision: 'national-review' },
    },
  ],
};

const SCR_DECISION: DecisionForm = {
  question: 'What did the chair decide?',
  fields: [date('decidedOn', 'the date of the decision')],
  outcomes: [
    {
      key: 'scr',
      label: 'Hold a serious case review',
      event: 'SCR_DECIDED',
      fixed: { decision: 'scr' },
    },
    {
      key: 'no-scr',
      label: 'No serious case review',
      event: 'SCR_DECIDED',
      fixed: { decision: 'no-scr' },
      fields: [{ ...OTHER_LEARNING, optional: false }],
    },
  ],
};

const PANEL_RESPONSE: DecisionForm = {
  question: 'How did the national Panel respond to the rapid review?',
  fields: [date('respondedOn', 'the date of the response')],
  outcomes: [
    {
      key: 'agrees',
      label: 'It agrees with the decision',
      event: 'PANEL_RESPONSE_RECORDED',
      fixed: { response: 'agrees' },
    },
    {
      key: 'disagrees',
      label: 'It questions the decision',
      event: 'PANEL_RESPONSE_RECORDED',
      fixed: { response: 'disagrees' },
    },
  ],
};

/** Approval of a review's final report, dated. */
function reportApproval(event: 'REPORT_APPROVED' | 'BOARD_APPROVED'): DecisionForm {
  return {
    question: 'Has the final report been approved?',
    fields: [date('approvedOn', 'the date it was approved')],
    outcomes: [{ key: 'approved', label: 'Yes, it is approved', event }],
  };
}

const AUDIT_REPORT_APPROVAL: DecisionForm = {
  question: 'Do you approve the overview report and its recommendations?',
  outcomes: [
    { key: 'approved', label: 'Yes, approve them', event: 'REPORT_APPROVED' },
    {
      key: 'sent-back',
      label: 'No, send the report back',
      event: 'REPORT_SENT_BACK',
      fields: [textarea('reason', 'why the report is sent back')],
    },
  ],
};

const PUBLICATION: DecisionForm = {
  question: 'What is happening with publication?',
  outcomes: [
    {
      key: 'published',
      label: 'The report has been published',
      event: 'PUBLISHED',
      fields: [date('publishedOn', 'the publication date')],
    },
    {
      key: 'planned',
      label: 'The planned publication date is set or changed',
      event: 'PUBLICATION_DATE_SET',
      fields: [date('plannedOn', 'the planned publication date')],
    },
    {
      key: 'deferred',
      label: 'Publication is deferred',
      event: 'PUBLICATION_DEFERRED',
      fields: [
        radios('reason', 'why publication is deferred', [
          { value: 'criminal-proceedings', label: 'Criminal proceedings' },
          { value: 'inquest', label: 'An inquest' },
          { value: 'other', label: 'Another reason' },
        ]),
        textarea('note', 'more about the reason', true),
        date('deferredOn', 'the date it was deferred'),
        date('reviewAgainOn', 'the date to look at it again'),
      ],
    },
    {
      key: 'summary',
      label: 'Only a summary of improvements is published',
      hint: 'Only in exceptional circumstances',
      event: 'SUMMARY_OF_IMPROVEMENTS_PUBLISHED',
      fields: [
        date('publishedOn', 'the publication date'),
        textarea('exceptionalCircumstances', 'the exceptional circumstances'),
      ],
    },
  ],
};

const AUDIT_RETURN: StepForm = { kind: 'audit-return' };
const PANEL_COMMENTS: StepForm = { kind: 'panel-comments' };
const decision = (form: DecisionForm): StepForm => ({ kind: 'decision', decision: form });
const informationReturn = (returnKind: string): StepForm => ({
  kind: 'information-return',
  returnKind,
});

/**
 * The one mapping from a task's workflow and step to the form its page shows. A step not listed
 * gets the generic page: the events the stage accepts from the viewer.
 */
const STEP_FORMS: Readonly<Record<string, Readonly<Record<string, StepForm>>>> = {
  'case-file-audit': {
    'complete-agency-audit-returns': AUDIT_RETURN,
    'submit-late-audit-returns': AUDIT_RETURN,
    'approve-overview-report': decision(AUDIT_REPORT_APPROVAL),
  },
  'practice-review': {
    'agency-summary': informationReturn('rapid-review-summary'),
    'agency-information': informationReturn('chronology-and-agency-report'),
    'panel-comments': PANEL_COMMENTS,
    'rapid-review-decision': decision(RAPID_REVIEW_DECISION),
    'reconsider-decision': decision(RAPID_REVIEW_DECISION),
    'record-panel-response': decision(PANEL_RESPONSE),
    'approve-report': decision(reportApproval('REPORT_APPROVED')),
    'publish-report': decision(PUBLICATION),
    'review-deferral': decision(PUBLICATION),
  },
  'serious-case-review': {
    chronology: informationReturn('chronology'),
    imr: informationReturn('imr'),
    'panel-comments': PANEL_COMMENTS,
    'scr-decision': decision(SCR_DECISION),
    'board-approval': decision(reportApproval('BOARD_APPROVED')),
    'publish-report': decision({
      ...PUBLICATION,
      outcomes: PUBLICATION.outcomes.filter((outcome) => outcome.key !== 'summary'),
    }),
    'review-deferral': decision({
      ...PUBLICATION,
      outcomes: PUBLICATION.outcomes.filter((outcome) => outcome.key !== 'summary'),
    }),
  },
  'learning-review': {
    'agency-report': informationReturn('agency-report'),
    'group-comments': PANEL_COMMENTS,
    'approve-report': decision(reportApproval('REPORT_APPROVED')),
  },
};

/** An action's follow-up task (see src/actions/action-follow-up.ts) is `adhoc:action-<id>`. */
const ACTION_FOLLOW_UP = new RegExp(
  `^${AD_HOC_STEP_PREFIX}action-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$`,
);

export function stepFormFor(definitionKey: string, stepKey: string): StepForm {
  const followUp = ACTION_FOLLOW_UP.exec(stepKey);
  if (followUp) return { kind: 'action-progress', actionId: followUp[1] };
  return STEP_FORMS[definitionKey]?.[stepKey] ?? { kind: 'generic' };
}

/**
 * Simple events the generic page can offer as a button with their fields, by event type (or
 * `<workflow>/<event>` where workflows differ). Anything else is done on its own page or the API.
 */
const SIMPLE_EVENTS: Readonly<Record<string, readonly EventField[]>> = {
  SERIOUS_INCIDENT_NOTIFIED: [date('sentOn', 'the date the notification was sent')],
  RAPID_REVIEW_MEETING_SCHEDULED: [date('meetingOn', 'the date of the meeting')],
  RAPID_REVIEW_MEETING_HELD: [date('heldOn', 'the date the meeting was held')],
  RAPID_REVIEW_SENT_TO_PANEL: [date('sentOn', 'the date it was sent')],
  REVIEW_PANEL_CONFIRMED: [],
  DRAFT_SUBMITTED: [],
  COMMENT_ROUND_OPENED: [date('dueOn', 'the date comments are due')],
  COMMENT_ROUND_CLOSED: [],
  PANEL_SIGNED_OFF: [date('signedOffOn', 'the date the panel signed it off')],
  CHANGES_REQUESTED: [],
  FINAL_REPORT_SENT: [date('sentOn', 'the date it was sent')],
  PRACTITIONER_EVENT_SCHEDULED: [date('eventOn', 'the date of the event')],
  PRACTITIONER_EVENT_HELD: [date('heldOn', 'the date it was held')],
  FAMILY_INVITED: [date('invitedOn', 'the date the family was invited')],
  FAMILY_MET: [date('metOn', 'the date the family met the reviewer')],
  FAMILY_DECLINED: [date('declinedOn', 'the date the family declined')],
  ACTION_PLAN_CLOSED: [date('closedOn', 'the date the action plan closed')],
  'case-file-audit/AUDITS_CLOSED': [],
  'case-file-audit/ACTION_PLAN_AGREED': [],
  'case-file-audit/LEARNING_SHARED': [
    radios('format', 'how the learning was shared', [
      { value: 'bulletin', label: 'A bulletin' },
      { value: 'seven-minute-briefing', label: 'A 7-minute briefing' },
      { value: 'learning-event', label: 'A learning event' },
      { value: 'other', label: 'Another way' },
    ]),
  ],
  'case-file-audit/AUDIT_CLOSED': [
    radios('outcome', 'why the audit is closing', [
      { value: 'actions-complete', label: 'Its actions are complete' },
      { value: 'moved-to-improvement-plan', label: 'Its actions moved to the improvement plan' },
    ]),
  ],
};

export function simpleEventFields(
  definitionKey: string,
  eventType: string,
): readonly EventField[] | undefined {
  return SIMPLE_EVENTS[`${definitionKey}/${eventType}`] ?? SIMPLE_EVENTS[eventType];
}

/** "RAPID_REVIEW_MEETING_HELD" → "Rapid review meeting held". */
export function eventInWords(eventType: string): string {
  const words = eventType.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
