import { DEFAULT_AUDIT_TOOL } from '../../audits/tools/default-audit-tool';
import { answerRows, contentOf, draftFromForm, missingMessages } from './audit-return-form';
import { date, radios, readFields, textarea } from './event-fields';
import { eventInWords, simpleEventFields, stepFormFor } from './step-forms';

describe('the form a step shows', () => {
  it('maps an agency audit return step to the return form, in time or late', () => {
    expect(stepFormFor('case-file-audit', 'complete-agency-audit-returns')).toEqual({
      kind: 'audit-return',
    });
    expect(stepFormFor('case-file-audit', 'submit-late-audit-returns').kind).toBe('audit-return');
  });

  it('maps information returns to their kind, and comment steps to panel comments', () => {
    expect(stepFormFor('serious-case-review', 'imr')).toEqual({
      kind: 'information-return',
      returnKind: 'imr',
    });
    expect(stepFormFor('learning-review', 'group-comments').kind).toBe('panel-comments');
  });

  it('offers the rapid review decision’s three outcomes, each sending RAPID_REVIEW_DECIDED', () => {
    const form = stepFormFor('practice-review', 'rapid-review-decision');
    if (form.kind !== 'decision') throw new Error('not a decision');
    expect(form.decision.outcomes.map((outcome) => outcome.fixed)).toEqual([
      { decision: 'practice-review' },
      { decision: 'no-review' },
      { decision: 'national-review' },
    ]);
  });

  it('sends an action’s follow-up task to its progress page', () => {
    const id = '0b0c7a5e-8d0e-4d5a-9a55-3f2f0c1d2e3f';
    expect(stepFormFor('practice-review', `adhoc:action-${id}`)).toEqual({
      kind: 'action-progress',
      actionId: id,
    });
  });

  it('falls back to the generic page for any other step', () => {
    expect(stepFormFor('practice-review', 'serious-incident-notification')).toEqual({
      kind: 'generic',
    });
    expect(simpleEventFields('practice-review', 'SERIOUS_INCIDENT_NOTIFIED')).toHaveLength(1);
    expect(simpleEventFields('practice-review', 'STEPPED_DOWN')).toBeUndefined();
    expect(eventInWords('RAPID_REVIEW_MEETING_HELD')).toBe('Rapid review meeting held');
  });
});

describe('reading an event’s fields from a form', () => {
  const fields = [
    date('decidedOn', 'the date of the decision'),
    radios('reason', 'why it is deferred', [{ value: 'inquest', label: 'An inquest' }]),
    textarea('note', 'more about the reason', true),
  ];

  it('builds the payload from the date boxes, the chosen radio and the text', () => {
    const body = {
      'x-decidedOn-day': '3',
      'x-decidedOn-month': '2',
      'x-decidedOn-year': '2026',
      'x-reason': 'inquest',
      'x-note': '  Inquest opened. ',
    };
    expect(readFields(fields, body, 'x')).toEqual({
      payload: { decidedOn: '2026-02-03', reason: 'inquest', note: 'Inquest opened.' },
      errors: {},
    });
  });

  it('names each missing or impossible value, and lets an optional one be left out', () => {
    const body = { 'decidedOn-day': '31', 'decidedOn-month': '2', 'decidedOn-year': '2026' };
    expect(readFields(fields, body).errors).toEqual({
      decidedOn: 'Date of the decision must be a real date, like 27 3 2026',
      reason: 'Select why it is deferred',
    });
    expect(readFields(fields, {}).errors.decidedOn).toBe('Enter the date of the decision');
  });
});

describe('the audit return form', () => {
  it('names what a return still needs, in the tool’s own words', () => {
    const content = contentOf(
      draftFromForm({
        domainGrades: { 'voice-of-the-child': 'good', 'assessment-of-risk': '' },
        answers: { 'child-seen': '   ' },
        strengths: 'Timely visits.',
      }),
    );
    expect(content.domainGrades).toEqual({ 'voice-of-the-child': 'good' });
    const messages = missingMessages(DEFAULT_AUDIT_TOOL, content);
    expect(messages['domainGrades.assessment-of-risk']).toBe(
      'Select a grade for Assessment of risk and need',
    );
    expect(messages['answers.child-seen']).toBe(
      'Enter the answer to “Was the child seen, and seen alone where appropriate?”',
    );
    expect(messages.strengths).toBeUndefined();
  });

  it('lists the answers to check in the order the form asks for them', () => {
    const rows = answerRows(DEFAULT_AUDIT_TOOL, contentOf({ overallGrade: 'good' }));
    expect(rows.slice(0, 2).map((row) => row.fieldId)).toEqual([
      'domainGrades-voice-of-the-child',
      'answers-child-seen',
    ]);
    expect(rows.find((row) => row.fieldId === 'overallGrade')?.value).toBe('Good');
  });
});
