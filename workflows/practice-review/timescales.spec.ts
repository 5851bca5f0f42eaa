import type { AnyMachineSnapshot } from 'xstate';
import { BusinessCalendar } from '../../src/calendar';
import { actor, send, start } from '../shared/machine-testing';
import { practiceReviewDefinition } from './practice-review.definition';
import { practiceReviewMachine } from './practice-review.machine';
import type { PracticeReviewContext } from './practice-review.types';
import { applied, uuidFor } from '../review-shared/review-testing';
import { practiceReviewTimescales } from './timescales';

const calendar = new BusinessCalendar();
const manager = actor({ partnership: ['business-manager'] });
const partner = actor({ partnership: ['lead-safeguarding-partner'] });

function apply(
  today: string,
  snapshot: AnyMachineSnapshot,
  event: { type: string; [key: string]: unknown },
) {
  const by = event.type === 'RAPID_REVIEW_DECIDED' ? partner : manager;
  return applied(send(practiceReviewDefinition, snapshot, event, by, { today, calendar }));
}

/** Aware Friday 22 Aug 2025, notified Friday 29 Aug, decided 17 Sep, sent to the Panel 18 Sep. */
function decided(decision: 'practice-review' | 'no-review'): AnyMachineSnapshot {
  let snapshot = start(practiceReviewMachine, {
    pseudonym: 'Child H',
    awareOn: '2025-08-22',
    childLookedAfter: false,
    incidentKind: 'serious-harm',
  });
  snapshot = apply('2025-08-29', snapshot, {
    type: 'SERIOUS_INCIDENT_NOTIFIED',
    sentOn: '2025-08-29',
  });
  snapshot = apply('2025-09-01', snapshot, {
    type: 'AGENCY_SUMMARIES_REQUESTED',
    agencyIds: [uuidFor('la')],
  });
  snapshot = apply('2025-09-16', snapshot, {
    type: 'RAPID_REVIEW_MEETING_HELD',
    heldOn: '2025-09-16',
  });
  return apply('2025-09-17', snapshot, {
    type: 'RAPID_REVIEW_DECIDED',
    decision,
    decidedOn: '2025-09-17',
    ...(decision === 'no-review' ? { otherLearning: 'none' } : {}),
  });
}

const labels = (snapshot: AnyMachineSnapshot, today: string) =>
  practiceReviewTimescales(snapshot.context as PracticeReviewContext, today, calendar).map(
    (timescale) => timescale.label,
  );

describe('practice review timescales', () => {
  it('counts the notification in working days from awareness, past the bank holiday', () => {
    const snapshot = start(practiceReviewMachine, {
      pseudonym: 'Child H',
      awareOn: '2025-08-22',
      childLookedAfter: false,
      incidentKind: 'death',
    });
    const [notification] = practiceReviewTimescales(
      snapshot.context as PracticeReviewContext,
      '2025-08-28',
      calendar,
    );
    expect(notification).toMatchObject({
      key: 'serious-incident-notification',
      label: 'Serious incident notification: day 3 of 5',
      completedOn: null,
      progress: { rag: 'amber', remaining: 2 },
    });
  });

  it('shows the rapid review on day 12 of 15, and the notification done', () => {
    expect(labels(decided('practice-review'), '2025-09-16')).toEqual([
      'Serious incident notification: done on day 4 of 5',
      'Rapid review: day 12 of 15',
      'Review: 0 months 0 days of 6 months since decision',
    ]);
  });

  it('measures the review in months since the decision, with the earlier timescales frozen when done', () => {
    let snapshot = apply('2025-09-18', decided('practice-review'), {
      type: 'RAPID_REVIEW_SENT_TO_PANEL',
      sentOn: '2025-09-18',
    });
    snapshot = apply('2025-10-01', snapshot, {
      type: 'PANEL_RESPONSE_RECORDED',
      response: 'agrees',
      respondedOn: '2025-10-01',
    });
    expect(labels(snapshot, '2026-01-27')).toEqual([
      'Serious incident notification: done on day 4 of 5',
      'Rapid review: done on day 14 of 15',
      "National Panel's response: done on day 9 of 10",
      'Review: 4 months 10 days of 6 months since decision',
    ]);
    const review = practiceReviewTimescales(
      snapshot.context as PracticeReviewContext,
      '2026-03-20',
      calendar,
    ).find((timescale) => timescale.key === 'review');
    expect(review).toMatchObject({
      label: 'Review: 6 months 3 days of 6 months since decision (3 days overdue)',
      progress: { rag: 'red' },
    });
  });

  it('has no review timescale when the partners decided against a review', () => {
    expect(labels(decided('no-review'), '2025-09-30')).toEqual([
      'Serious incident notification: done on day 4 of 5',
      'Rapid review: day 22 of 15 (7 working days overdue)',
    ]);
  });
});
