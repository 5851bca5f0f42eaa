import { BusinessCalendar } from '../../src/calendar';
import {
  expectDiagramInStep,
  expectPermissionForEveryPersonEvent,
  expectSoundStepDeclarations,
} from '../review-shared/review-definition.spec-support';
import {
  HEALTH,
  LA,
  POLICE,
  SCHOOL,
  activePaths,
  applied,
  declaredSteps,
  leadOf,
  manager,
  officer,
  openStepDueDates,
  partner,
  refusalOf,
  reviewDriver,
  rolesAllowed,
  uuidFor,
  type JourneyStep,
} from '../review-shared/review-testing';
import { acceptedEvents, actor, openStepKeys, start } from '../shared/machine-testing';
import { SYSTEM_ACTOR } from '../shared/roles';
import {
  PRACTICE_REVIEW_SYSTEM_EVENTS,
  practiceReviewDefinition,
} from './practice-review.definition';
import { practiceReviewInputProblems } from './practice-review.input';
import { practiceReviewMachine } from './practice-review.machine';
import type { PracticeReviewContext, PracticeReviewInput } from './practice-review.types';

const calendar = new BusinessCalendar();
const definition = practiceReviewDefinition;

const REVIEWER_ID = uuidFor('reviewer-1');
const LEARNING_REVIEW_ID = uuidFor('learning-review-7');

const boardMember = actor({ partnership: ['board-member'], personId: 'board' });
const chair = actor({ instance: ['panel-chair'], personId: 'chair' });
const memberA = actor({ instance: ['panel-member'], personId: 'member-a' });
const memberB = actor({ instance: ['panel-member'], personId: 'member-b' });
const reviewer = actor({ instance: ['independent-reviewer'], personId: REVIEWER_ID });

const AGENCIES = [LA, HEALTH, POLICE];

/** An incident the local authority became aware of on Friday 22 August 2025. */
const INCIDENT: PracticeReviewInput = {
  pseudonym: 'Child H',
  awareOn: '2025-08-22',
  childLookedAfter: false,
  incidentKind: 'serious-harm',
};

/** The LCSPR path with real dates; `upTo` names the last mark to reach. */
const JOURNEY: JourneyStep[] = [
  {
    today: '2025-08-29',
    by: manager,
    event: { type: 'SERIOUS_INCIDENT_NOTIFIED', sentOn: '2025-08-29' },
    mark: 'notified',
  },
  {
    today: '2025-09-01',
    by: officer,
    event: { type: 'AGENCY_SUMMARIES_REQUESTED', agencyIds: AGENCIES },
  },
  {
    today: '2025-09-01',
    by: officer,
    event: { type: 'RAPID_REVIEW_MEETING_SCHEDULED', meetingOn: '2025-09-16' },
    mark: 'summaries-requested',
  },
  {
    today: '2025-09-08',
    by: leadOf(LA),
    event: { type: 'AGENCY_SUMMARY_SUBMITTED', agencyId: LA },
  },
  {
    today: '2025-09-09',
    by: leadOf(HEALTH),
    event: { type: 'AGENCY_SUMMARY_SUBMITTED', agencyId: HEALTH },
  },
  {
    today: '2025-09-10',
    by: officer,
    event: { type: 'AGENCY_SUMMARY_SUBMITTED', agencyId: POLICE },
    mark: 'summaries-in',
  },
  {
    today: '2025-09-16',
    by: manager,
    event: { type: 'RAPID_REVIEW_MEETING_HELD', heldOn: '2025-09-16' },
    mark: 'meeting-held',
  },
  {
    today: '2025-09-17',
    by: partner,
    event: { type: 'RAPID_REVIEW_DECIDED', decision: 'practice-review', decidedOn: '2025-09-17' },
  },
  {
    today: '2025-09-18',
    by: manager,
    event: { type: 'RAPID_REVIEW_SENT_TO_PANEL', sentOn: '2025-09-18' },
    mark: 'rapid-review-sent',
  },
  {
    today: '2025-10-01',
    by: manager,
    event: { type: 'PANEL_RESPONSE_RECORDED', response: 'agrees', respondedOn: '2025-10-01' },
    mark: 'commissioning',
  },
  {
    today: '2025-10-02',
    by: manager,
    event: { type: 'REVIEWER_APPOINTED', reviewerPersonId: REVIEWER_ID },
  },
  {
    today: '2025-10-06',
    by: chair,
    event: { type: 'TERMS_OF_REFERENCE_AGREED', agreedOn: '2025-10-06', method: 'systems' },
  },
  {
    today: '2025-10-06',
    by: manager,
    event: { type: 'REVIEW_PANEL_CONFIRMED' },
    mark: 'information-gathering',
  },
  {
    today: '2025-10-07',
    by: chair,
    event: { type: 'INFORMATION_REQUESTED', agencyIds: AGENCIES, dueOn: '2025-10-31' },
  },
  { today: '2025-10-08', by: reviewer, event: { type: 'FAMILY_INVITED', invitedOn: '2025-10-08' } },
  {
    today: '2025-10-08',
    by: reviewer,
    event: { type: 'PRACTITIONER_EVENT_SCHEDULED', eventOn: '2025-11-04' },
  },
  { today: '2025-10-29', by: reviewer, event: { type: 'FAMILY_MET', metOn: '2025-10-29' } },
  {
    today: '2025-10-30',
    by: leadOf(LA),
    event: { type: 'AGENCY_INFORMATION_SUBMITTED', agencyId: LA },
  },
  {
    today: '2025-10-30',
    by: leadOf(HEALTH),
    event: { type: 'AGENCY_INFORMATION_SUBMITTED', agencyId: HEALTH },
  },
  {
    today: '2025-10-31',
    by: leadOf(POLICE),
    event: { type: 'AGENCY_INFORMATION_SUBMITTED', agencyId: POLICE },
  },
  {
    today: '2025-11-04',
    by: reviewer,
    event: { type: 'PRACTITIONER_EVENT_HELD', heldOn: '2025-11-04' },
    mark: 'drafting',
  },
  { today: '2025-11-10', by: reviewer, event: { type: 'DRAFT_SUBMITTED' }, mark: 'draft-received' },
  { today: '2025-11-10', by: chair, event: { type: 'COMMENT_ROUND_OPENED', dueOn: '2025-11-21' } },
  { today: '2025-11-14', by: memberA, event: { type: 'COMMENTS_SUBMITTED' } },
  { today: '2025-11-20', by: memberB, event: { type: 'COMMENTS_SUBMITTED' } },
  { today: '2025-11-21', by: chair, event: { type: 'COMMENT_ROUND_CLOSED' } },
  { today: '2025-11-24', by: reviewer, event: { type: 'DRAFT_SUBMITTED' } },
  { today: '2025-11-24', by: chair, event: { type: 'COMMENT_ROUND_OPENED', dueOn: '2025-11-28' } },
  { today: '2025-11-27', by: memberA, event: { type: 'COMMENTS_SUBMITTED' } },
  { today: '2025-11-28', by: chair, event: { type: 'COMMENT_ROUND_CLOSED' } },
  { today: '2025-11-28', by: reviewer, event: { type: 'DRAFT_SUBMITTED' } },
  {
    today: '2025-12-01',
    by: chair,
    event: { type: 'PANEL_SIGNED_OFF', signedOffOn: '2025-12-01' },
    mark: 'approval',
  },
  {
    today: '2025-12-10',
    by: partner,
    event: { type: 'REPORT_APPROVED', approvedOn: '2025-12-10' },
    mark: 'approved',
  },
  {
    today: '2025-12-11',
    by: manager,
    event: { type: 'PUBLICATION_DATE_SET', plannedOn: '2026-01-12' },
    mark: 'publication-planned',
  },
  {
    today: '2025-12-18',
    by: manager,
    event: { type: 'FINAL_REPORT_SENT', sentOn: '2025-12-18' },
    mark: 'report-sent',
  },
  {
    today: '2026-01-12',
    by: manager,
    event: { type: 'PUBLISHED', publishedOn: '2026-01-12' },
    mark: 'published',
  },
  {
    today: '2026-07-31',
    by: partner,
    event: { type: 'ACTION_PLAN_CLOSED', closedOn: '2026-07-31' },
    mark: 'closed',
  },
];

const { sendOn, apply, context, journey } = reviewDriver<
  PracticeReviewContext,
  PracticeReviewInput
>(definition, { calendar, path: JOURNEY, input: INCIDENT });

describe('practice review (rapid review and LCSPR)', () => {
  describe('the path from incident to closure', () => {
    it('asks for the serious incident notification 5 working days after awareness, past the August bank holiday', () => {
      const snapshot = start(practiceReviewMachine, INCIDENT);
      expect(snapshot.value).toBe('notification');
      // Friday 22 August 2025; Monday 25 August is the summer bank holiday.
      expect(openStepDueDates(snapshot, calendar)).toEqual({
        'serious-incident-notification': '2025-09-01',
      });
      expect(context(snapshot)).toMatchObject({ pseudonym: 'Child H', childLookedAfter: false });
    });

    it('runs the rapid review to 15 working days from the notification, with summaries due on day 10', () => {
      const notified = journey('notified');
      expect(activePaths(notified)).toEqual(['rapidReview.requestingSummaries']);
      expect(openStepDueDates(notified, calendar)).toEqual({
        'rapid-review': '2025-09-19',
        'request-agency-summaries': null,
      });

      const requested = journey('summaries-requested');
      expect(activePaths(requested)).toEqual(['rapidReview.gatheringSummaries']);
      expect(openStepDueDates(requested, calendar)).toEqual({
        'rapid-review': '2025-09-19',
        'agency-summary': '2025-09-12',
      });
      expect(context(requested).summariesAwaitedFrom).toEqual(AGENCIES);

      const allIn = journey('summaries-in');
      expect(activePaths(allIn)).toEqual(['rapidReview.meeting']);
      expect(openStepDueDates(allIn, calendar)).toEqual({
        'rapid-review': '2025-09-19',
        'rapid-review-meeting': '2025-09-16',
      });
      expect(context(allIn).summariesAwaitedFrom).toEqual([]);

      const held = journey('meeting-held');
      expect(openStepKeys(held)).toEqual(['rapid-review', 'rapid-review-decision']);
      expect(acceptedEvents(held)).toEqual([
        'INCIDENT_DETAILS_CORRECTED',
        'RAPID_REVIEW_DECIDED',
        'RAPID_REVIEW_MEETING_SCHEDULED',
        'RAPID_REVIEW_OVERDUE',
      ]);
    });

    it('waits about 10 working days for the national Panel once the rapid review is sent', () => {
      const sent = journey('rapid-review-sent');
      expect(sent.value).toBe('awaitingPanelResponse');
      expect(context(sent)).toMatchObject({ decision: 'practice-review' });
      expect(openStepDueDates(sent, calendar)).toEqual({ 'record-panel-response': '2025-10-02' });
    });

    it('commissions the review: reviewer, terms of reference and panel, in any order', () => {
      let snapshot = journey('commissioning');
      expect(openStepKeys(snapshot)).toEqual([
        'appoint-reviewer',
        'agree-terms-of-reference',
        'confirm-review-panel',
      ]);
      snapshot = apply('2025-10-02', snapshot, manager, {
        type: 'REVIEW_PANEL_CONFIRMED',
      });
      snapshot = apply('2025-10-02', snapshot, partner, {
        type: 'REVIEWER_APPOINTED',
        reviewerPersonId: REVIEWER_ID,
      });
      expect(openStepKeys(snapshot)).toEqual(['agree-terms-of-reference']);
      snapshot = apply('2025-10-06', snapshot, chair, {
        type: 'TERMS_OF_REFERENCE_AGREED',
        agreedOn: '2025-10-06',
        method: 'silp',
      });
      expect(activePaths(snapshot)).toEqual([
        'review.informationGathering.agencyInformation.notRequested',
        'review.informationGathering.family.undecided',
        'review.informationGathering.practitionerEvent.unscheduled',
      ]);
      expect(context(snapshot)).toMatchObject({ reviewerPersonId: REVIEWER_ID, method: 'silp' });
    });

    it('gathers agency information by the panel’s date, with the practitioner event and family involvement alongside', () => {
      let snapshot = journey('information-gathering');
      snapshot = apply('2025-10-07', snapshot, chair, {
        type: 'INFORMATION_REQUESTED',
        agencyIds: AGENCIES,
        dueOn: '2025-10-31',
      });
      snapshot = apply('2025-10-08', snapshot, reviewer, {
        type: 'PRACTITIONER_EVENT_SCHEDULED',
        eventOn: '2025-11-04',
      });
      expect(openStepDueDates(snapshot, calendar)).toEqual({
        'agency-information': '2025-10-31',
        'practitioner-event': '2025-11-04',
        'family-involvement': null,
      });
      expect(context(snapshot).informationAwaitedFrom).toEqual(AGENCIES);
    });

    it('takes the draft through rounds of panel comments, each due on the date the chair set', () => {
      let snapshot = journey('draft-received');
      expect(openStepKeys(snapshot)).toEqual(['review-draft']);
      snapshot = apply('2025-11-10', snapshot, chair, {
        type: 'COMMENT_ROUND_OPENED',
        dueOn: '2025-11-21',
      });
      expect(openStepDueDates(snapshot, calendar)).toEqual({
        'panel-comments': '2025-11-21',
        'close-comment-round': '2025-11-21',
      });
      snapshot = apply('2025-11-14', snapshot, memberA, { type: 'COMMENTS_SUBMITTED' });
      snapshot = apply('2025-11-21', snapshot, chair, { type: 'COMMENT_ROUND_CLOSED' });
      expect(openStepKeys(snapshot)).toEqual(['revise-draft']);

      const signedOff = journey('approval');
      expect(context(signedOff).commentRounds).toEqual([
        { number: 1, dueOn: '2025-11-21', commentsFrom: ['member-a', 'member-b'], closed: true },
        { number: 2, dueOn: '2025-11-28', commentsFrom: ['member-a'], closed: true },
      ]);
      expect(context(signedOff).draftsSubmitted).toBe(3);
      expect(openStepKeys(signedOff)).toEqual(['approve-report']);
    });

    it('asks for the final report to reach the national Panel and the DfE 7 working days before the planned publication', () => {
      const planned = journey('publication-planned');
      expect(planned.value).toBe('sendingReport');
      // Monday 12 January 2026, counting back past New Year's Day: Wednesday 31 December 2025.
      expect(openStepDueDates(planned, calendar)).toEqual({ 'send-final-report': '2025-12-31' });
    });

    it('publishes, then monitors the action plan to closure', () => {
      const sent = journey('report-sent');
      expect(openStepDueDates(sent, calendar)).toEqual({ 'publish-report': '2026-01-12' });

      const published = journey('published');
      expect(published.value).toBe('actionPlan');
      expect(context(published).publication).toEqual({ status: 'published', deferrals: [] });
      expect(openStepKeys(published)).toEqual(['monitor-action-plan']);

      const closed = journey('closed');
      expect(closed.value).toBe('closed');
      expect(closed.status).toBe('done');
      expect(openStepKeys(closed)).toEqual([]);
      expect(acceptedEvents(closed)).toEqual([]);
    });
  });

  describe('the incident and the notification', () => {
    it('recomputes the notification due date when the aware date is corrected', () => {
      const corrected = apply('2025-08-26', start(practiceReviewMachine, INCIDENT), officer, {
        type: 'INCIDENT_DETAILS_CORRECTED',
        awareOn: '2025-08-21',
      });
      expect(openStepDueDates(corrected, calendar)).toEqual({
        'serious-incident-notification': '2025-08-29',
      });
    });

    it('refuses an aware date after the notification was sent', () => {
      const result = sendOn('2025-09-02', journey('notified'), manager, {
        type: 'INCIDENT_DETAILS_CORRECTED',
        awareOn: '2025-09-01',
      });
      expect(refusalOf(result)).toBe(
        'The date the notification was sent (2025-08-29) cannot be before the date the local ' +
          'authority became aware (2025-09-01).',
      );
    });

    it('refuses a notification dated before the local authority became aware, or in the future', () => {
      const snapshot = start(practiceReviewMachine, INCIDENT);
      expect(
        refusalOf(
          sendOn('2025-08-29', snapshot, manager, {
            type: 'SERIOUS_INCIDENT_NOTIFIED',
            sentOn: '2025-08-21',
          }),
        ),
      ).toBe(
        'The date the notification was sent (2025-08-21) cannot be before the date the local ' +
          'authority became aware (2025-08-22).',
      );
      expect(
        refusalOf(
          sendOn('2025-08-29', snapshot, manager, {
            type: 'SERIOUS_INCIDENT_NOTIFIED',
            sentOn: '2025-09-01',
          }),
        ),
      ).toBe(
        'The date the notification was sent (2025-09-01) cannot be in the future: today is 2025-08-29.',
      );
      expect(
        refusalOf(sendOn('2025-08-29', snapshot, manager, { type: 'SERIOUS_INCIDENT_NOTIFIED' })),
      ).toBe('Give the date the notification was sent as a date written YYYY-MM-DD.');
    });

    it('requires the notification of a looked-after child’s death to go to Ofsted and the Secretary of State too', () => {
      const snapshot = start(practiceReviewMachine, {
        ...INCIDENT,
        childLookedAfter: true,
        incidentKind: 'death',
      });
      const event = { type: 'SERIOUS_INCIDENT_NOTIFIED', sentOn: '2025-08-27' };
      expect(refusalOf(sendOn('2025-08-27', snapshot, manager, event))).toBe(
        'A looked-after child died: the notification must also go to Ofsted and the Secretary ' +
          'of State. Confirm it was sent to them too.',
      );
      const notified = apply('2025-08-27', snapshot, manager, {
        ...event,
        alsoSentToOfstedAndSecretaryOfState: true,
      });
      expect(context(notified).notifiedOfstedAndSecretaryOfState).toBe(true);
    });

    it('validates the details a review starts from, naming each field', () => {
      expect(practiceReviewInputProblems(INCIDENT, '2025-08-22')).toEqual([]);
      expect(
        practiceReviewInputProblems(
          { pseudonym: '', awareOn: '2025-08-23', incidentKind: 'fall', dateOfBirth: '2019-01-01' },
          '2025-08-22',
        ),
      ).toEqual([
        { field: 'pseudonym', message: "Give the child's pseudonym." },
        {
          field: 'awareOn',
          message:
            'The date the local authority became aware (2025-08-23) cannot be in the future: today is 2025-08-22.',
        },
        {
          field: 'childLookedAfter',
          message: 'Say whether the child was looked after (true or false).',
        },
        {
          field: 'incidentKind',
          message: 'Choose what happened to the child: one of death, serious-harm.',
        },
        { field: 'dateOfBirth', message: 'dateOfBirth is not a detail this review records.' },
      ]);
    });
  });

  describe('the rapid review', () => {
    it('takes an earlier due date for agency summaries, but not one on or after the rapid review’s', () => {
      const notified = journey('notified');
      const late = sendOn('2025-09-01', notified, officer, {
        type: 'AGENCY_SUMMARIES_REQUESTED',
        agencyIds: AGENCIES,
        dueOn: '2025-09-19',
      });
      expect(refusalOf(late)).toBe(
        'Agency summaries must be due before the rapid review is due on 2025-09-19.',
      );
      const early = apply('2025-09-01', notified, officer, {
        type: 'AGENCY_SUMMARIES_REQUESTED',
        agencyIds: AGENCIES,
        dueOn: '2025-09-10',
      });
      expect(openStepDueDates(early, calendar)['agency-summary']).toBe('2025-09-10');
    });

    it('refuses a request that names no agency or the same agency twice', () => {
      const notified = journey('notified');
      const request = (agencyIds: unknown) =>
        refusalOf(
          sendOn('2025-09-01', notified, officer, {
            type: 'AGENCY_SUMMARIES_REQUESTED',
            agencyIds,
          }),
        );
      expect(request([])).toBe('Name at least one agency to ask for a rapid review summary.');
      expect(request(['Police'])).toBe(
        'Name each agency asked for a rapid review summary by its id.',
      );
      expect(request([LA, LA])).toBe('An agency is named twice in the request.');
    });

    it('asks more agencies later without asking the same one twice', () => {
      const more = apply('2025-09-03', journey('summaries-requested'), officer, {
        type: 'AGENCY_SUMMARIES_REQUESTED',
        agencyIds: [POLICE, SCHOOL],
      });
      expect(context(more).agenciesAskedForSummaries).toEqual([...AGENCIES, SCHOOL]);
      expect(context(more).summariesAwaitedFrom).toEqual([...AGENCIES, SCHOOL]);
    });

    it('lets an agency lead submit only their own agency’s summary, once', () => {
      const snapshot = journey('summaries-requested');
      expect(
        refusalOf(
          sendOn('2025-09-08', snapshot, leadOf(POLICE), {
            type: 'AGENCY_SUMMARY_SUBMITTED',
            agencyId: HEALTH,
          }),
        ),
      ).toBe("You can submit only your own agency's rapid review summary.");
      expect(
        refusalOf(
          sendOn('2025-09-08', snapshot, leadOf(SCHOOL), {
            type: 'AGENCY_SUMMARY_SUBMITTED',
            agencyId: SCHOOL,
          }),
        ),
      ).toBe('That agency was not asked for a rapid review summary.');
      const once = apply('2025-09-08', snapshot, leadOf(POLICE), {
        type: 'AGENCY_SUMMARY_SUBMITTED',
        agencyId: POLICE,
      });
      expect(context(once).summariesAwaitedFrom).toEqual([LA, HEALTH]);
      expect(
        refusalOf(
          sendOn('2025-09-09', once, leadOf(POLICE), {
            type: 'AGENCY_SUMMARY_SUBMITTED',
            agencyId: POLICE,
          }),
        ),
      ).toBe("That agency's rapid review summary has already been received.");
    });

    it('holds the meeting without a missing summary and records whose was missing', () => {
      let snapshot = journey('summaries-requested');
      snapshot = apply('2025-09-08', snapshot, leadOf(LA), {
        type: 'AGENCY_SUMMARY_SUBMITTED',
        agencyId: LA,
      });
      snapshot = apply('2025-09-08', snapshot, leadOf(HEALTH), {
        type: 'AGENCY_SUMMARY_SUBMITTED',
        agencyId: HEALTH,
      });
      snapshot = apply('2025-09-16', snapshot, manager, {
        type: 'RAPID_REVIEW_MEETING_HELD',
        heldOn: '2025-09-16',
      });
      expect(activePaths(snapshot)).toEqual(['rapidReview.deciding']);
      expect(context(snapshot).summariesMissingAtMeeting).toEqual([POLICE]);
      expect(context(snapshot).summariesAwaitedFrom).toEqual([]);
    });

    it('records a missed rapid review timescale when the engine reports the deadline passed', () => {
      const snapshot = journey('summaries-requested');
      expect(
        refusalOf(sendOn('2025-09-22', snapshot, manager, { type: 'RAPID_REVIEW_OVERDUE' })),
      ).toBe('Nobody may send RAPID_REVIEW_OVERDUE to this workflow by hand.');
      const late = apply('2025-09-22', snapshot, SYSTEM_ACTOR, { type: 'RAPID_REVIEW_OVERDUE' });
      expect(context(late).missedTimescales).toEqual(['rapid-review']);
      expect(activePaths(late)).toEqual(['rapidReview.gatheringSummaries']);
    });

    it('refuses a decision dated before the rapid review meeting', () => {
      const result = sendOn('2025-09-17', journey('meeting-held'), partner, {
        type: 'RAPID_REVIEW_DECIDED',
        decision: 'practice-review',
        decidedOn: '2025-09-15',
      });
      expect(refusalOf(result)).toBe(
        'The date of the decision (2025-09-15) cannot be before the rapid review meeting (2025-09-16).',
      );
    });
  });

  describe('the decision and the national Panel', () => {
    function decided(decision: Record<string, unknown>) {
      let snapshot = apply('2025-09-17', journey('meeting-held'), partner, {
        type: 'RAPID_REVIEW_DECIDED',
        decidedOn: '2025-09-17',
        ...decision,
      });
      snapshot = apply('2025-09-18', snapshot, manager, {
        type: 'RAPID_REVIEW_SENT_TO_PANEL',
        sentOn: '2025-09-18',
      });
      return snapshot;
    }
    const panel = (response: string) => ({
      type: 'PANEL_RESPONSE_RECORDED',
      response,
      respondedOn: '2025-10-01',
    });

    it('ends with no review when the Panel agrees, recording the other learning', () => {
      const snapshot = apply(
        '2025-10-01',
        decided({ decision: 'no-review', otherLearning: 'learning-review' }),
        manager,
        panel('agrees'),
      );
      expect(snapshot.value).toBe('noReview');
      expect(snapshot.status).toBe('done');
      expect(context(snapshot)).toMatchObject({
        decision: 'no-review',
        otherLearning: 'learning-review',
        panelResponse: 'agrees',
      });
    });

    it('refuses "no review" without saying what other learning follows', () => {
      const result = sendOn('2025-09-17', journey('meeting-held'), partner, {
        type: 'RAPID_REVIEW_DECIDED',
        decision: 'no-review',
        decidedOn: '2025-09-17',
      });
      expect(refusalOf(result)).toBe(
        'Choose what other learning follows: one of learning-review, single-agency-learning, ' +
          'multi-agency-audit, none.',
      );
    });

    it('ends locally with a referral for a national review when the Panel agrees to hold one', () => {
      const snapshot = apply(
        '2025-10-01',
        decided({ decision: 'national-review' }),
        manager,
        panel('agrees'),
      );
      expect(snapshot.value).toBe('nationalReview');
      expect(snapshot.status).toBe('done');
    });

    it('asks the partners to reconsider when the Panel disagrees, then follows their decision', () => {
      let snapshot = apply(
        '2025-10-01',
        decided({ decision: 'no-review', otherLearning: 'none' }),
        manager,
        panel('disagrees'),
      );
      expect(snapshot.value).toBe('reconsidering');
      expect(openStepKeys(snapshot)).toEqual(['reconsider-decision']);
      expect(
        refusalOf(
          sendOn('2025-10-03', snapshot, partner, {
            type: 'RAPID_REVIEW_DECIDED',
            decision: 'practice-review',
            decidedOn: '2025-09-30',
          }),
        ),
      ).toBe(
        "The date of the reconsidered decision (2025-09-30) cannot be before the national Panel's response (2025-10-01).",
      );
      snapshot = apply('2025-10-03', snapshot, partner, {
        type: 'RAPID_REVIEW_DECIDED',
        decision: 'practice-review',
        decidedOn: '2025-10-03',
      });
      expect(activePaths(snapshot)).toEqual([
        'review.commissioning.panel.pending',
        'review.commissioning.reviewer.pending',
        'review.commissioning.termsOfReference.pending',
      ]);
      expect(context(snapshot).dates.decisionOn).toBe('2025-10-03');
    });
  });

  describe('the review', () => {
    it('refuses a reviewer named other than by their person id', () => {
      const result = sendOn('2025-10-02', journey('commissioning'), manager, {
        type: 'REVIEWER_APPOINTED',
        reviewerPersonId: 'Dr Jones',
      });
      expect(refusalOf(result)).toBe('Say which person is the reviewer, by id.');
    });

    it('lets the panel chair decide not to involve the family, with a reason', () => {
      const snapshot = journey('information-gathering');
      const event = { type: 'FAMILY_NOT_INVOLVED', reason: 'not-appropriate' };
      expect(refusalOf(sendOn('2025-10-08', snapshot, reviewer, event))).toBe(
        'Only the review panel chair can decide that the family will not be involved.',
      );
      expect(
        refusalOf(sendOn('2025-10-08', snapshot, chair, { type: 'FAMILY_NOT_INVOLVED' })),
      ).toBe(
        'Choose why the family is not involved: one of not-appropriate, no-contact-possible, ' +
          'criminal-proceedings, other.',
      );
      const decided = apply('2025-10-08', snapshot, chair, event);
      expect(context(decided).family).toEqual({
        status: 'not-involved',
        notInvolvedReason: 'not-appropriate',
      });
      expect(openStepKeys(decided)).not.toContain('family-involvement');
    });

    it('records a family that declined after being invited', () => {
      let snapshot = apply('2025-10-08', journey('information-gathering'), reviewer, {
        type: 'FAMILY_INVITED',
        invitedOn: '2025-10-08',
      });
      expect(openStepKeys(snapshot)).toContain('family-response');
      expect(
        refusalOf(
          sendOn('2025-10-20', snapshot, reviewer, {
            type: 'FAMILY_DECLINED',
            declinedOn: '2025-10-07',
          }),
        ),
      ).toBe(
        'The date the family declined (2025-10-07) cannot be before the invitation (2025-10-08).',
      );
      snapshot = apply('2025-10-20', snapshot, reviewer, {
        type: 'FAMILY_DECLINED',
        declinedOn: '2025-10-20',
      });
      expect(context(snapshot).family).toEqual({
        status: 'declined',
        invitedOn: '2025-10-08',
        respondedOn: '2025-10-20',
      });
    });

    it('refuses agency information due today or earlier', () => {
      const result = sendOn('2025-10-07', journey('information-gathering'), chair, {
        type: 'INFORMATION_REQUESTED',
        agencyIds: AGENCIES,
        dueOn: '2025-10-07',
      });
      expect(refusalOf(result)).toBe(
        'The date the information is due (2025-10-07) must be after today (2025-10-07).',
      );
    });

    it('refuses a comment round due today', () => {
      const result = sendOn('2025-11-10', journey('draft-received'), chair, {
        type: 'COMMENT_ROUND_OPENED',
        dueOn: '2025-11-10',
      });
      expect(refusalOf(result)).toBe(
        'The date comments are due (2025-11-10) must be after today (2025-11-10).',
      );
    });

    it('refuses sign-off before the panel has commented on the draft', () => {
      const result = sendOn('2025-11-11', journey('draft-received'), chair, {
        type: 'PANEL_SIGNED_OFF',
        signedOffOn: '2025-11-11',
      });
      expect(refusalOf(result)).toBe(
        'The panel must comment on the draft in at least one round before it is signed off.',
      );
    });

    it('sends the report back to the reviewer when the partners ask for changes', () => {
      const snapshot = apply('2025-12-05', journey('approval'), partner, {
        type: 'CHANGES_REQUESTED',
      });
      expect(activePaths(snapshot)).toEqual(['review.drafting.revising']);
      expect(openStepKeys(snapshot)).toEqual(['revise-draft']);
    });
  });

  describe('publication', () => {
    it('refuses publication fewer than 7 working days after the report was sent, counting past Christmas', () => {
      // Sent Thursday 18 December 2025; 25 and 26 December are bank holidays.
      const sent = journey('report-sent');
      const result = sendOn('2026-01-05', sent, manager, {
        type: 'PUBLISHED',
        publishedOn: '2025-12-30',
      });
      expect(refusalOf(result)).toBe(
        'The publication date (2025-12-30) is only 6 working days after the final report was sent ' +
          'to the national Panel and the Department for Education on 2025-12-18; publication must ' +
          'be at least 7 working days after it. The earliest allowed date is 2025-12-31.',
      );
      const published = apply('2026-01-05', sent, manager, {
        type: 'PUBLISHED',
        publishedOn: '2025-12-31',
      });
      expect(context(published).dates.publishedOn).toBe('2025-12-31');
    });

    it('refuses a planned publication date fewer than 7 working days after the report was sent', () => {
      const sent = journey('report-sent');
      const result = sendOn('2025-12-19', sent, partner, {
        type: 'PUBLICATION_DATE_SET',
        plannedOn: '2025-12-24',
      });
      expect(refusalOf(result)).toBe(
        'The planned publication date (2025-12-24) is only 4 working days after the final report ' +
          'was sent to the national Panel and the Department for Education on 2025-12-18; ' +
          'publication must be at least 7 working days after it. The earliest allowed date is 2025-12-31.',
      );
      const moved = apply('2025-12-19', sent, partner, {
        type: 'PUBLICATION_DATE_SET',
        plannedOn: '2025-12-31',
      });
      expect(openStepDueDates(moved, calendar)).toEqual({ 'publish-report': '2025-12-31' });
    });

    it('counts the 7 working days from today for a date planned before the report is sent', () => {
      const result = sendOn('2025-12-11', journey('approved'), manager, {
        type: 'PUBLICATION_DATE_SET',
        plannedOn: '2025-12-19',
      });
      expect(refusalOf(result)).toBe(
        'The planned publication date (2025-12-19) is too early: the final report has not yet been ' +
          'sent to the national Panel and the Department for Education, and publication must be at ' +
          'least 7 working days after it is. If it is sent today (2025-12-11), the earliest date is 2025-12-22.',
      );
    });

    it('refuses to record the report as sent when that leaves the planned date too early', () => {
      const planned = apply('2025-12-11', journey('approved'), manager, {
        type: 'PUBLICATION_DATE_SET',
        plannedOn: '2025-12-22',
      });
      const result = sendOn('2025-12-18', planned, manager, {
        type: 'FINAL_REPORT_SENT',
        sentOn: '2025-12-18',
      });
      expect(refusalOf(result)).toBe(
        'The planned publication date (2025-12-22) is only 2 working days after the final report ' +
          'was sent to the national Panel and the Department for Education on 2025-12-18; ' +
          'publication must be at least 7 working days after it. The earliest allowed date is ' +
          '2025-12-31. Set a later publication date before recording the sending.',
      );
    });

    it('defers publication with a reason and a date to look again, which opens a task', () => {
      const sent = journey('report-sent');
      const defer = (fields: Record<string, unknown>) =>
        sendOn('2026-01-05', sent, partner, { type: 'PUBLICATION_DEFERRED', ...fields });
      expect(refusalOf(defer({ deferredOn: '2026-01-05', reviewAgainOn: '2026-04-01' }))).toBe(
        'Choose the reason publication is deferred: one of criminal-proceedings, inquest, other.',
      );
      expect(refusalOf(defer({ reason: 'inquest', deferredOn: '2026-01-05' }))).toBe(
        'Give the date to look again at publication as a date written YYYY-MM-DD.',
      );
      expect(
        refusalOf(
          defer({ reason: 'other', deferredOn: '2026-01-05', reviewAgainOn: '2026-04-01' }),
        ),
      ).toBe('Give a note of why publication is deferred.');
      expect(
        refusalOf(
          defer({ reason: 'inquest', deferredOn: '2026-01-05', reviewAgainOn: '2026-01-05' }),
        ),
      ).toBe(
        'The date to look again at publication (2026-01-05) must be after today (2026-01-05).',
      );

      let deferred = applied(
        defer({ reason: 'inquest', deferredOn: '2026-01-05', reviewAgainOn: '2026-04-01' }),
      );
      expect(deferred.value).toBe('deferred');
      expect(openStepDueDates(deferred, calendar)).toEqual({ 'review-deferral': '2026-04-01' });

      deferred = apply('2026-04-01', deferred, partner, {
        type: 'PUBLICATION_DEFERRED',
        reason: 'criminal-proceedings',
        deferredOn: '2026-04-01',
        reviewAgainOn: '2026-07-01',
      });
      expect(openStepDueDates(deferred, calendar)).toEqual({ 'review-deferral': '2026-07-01' });

      const published = apply('2026-07-06', deferred, manager, {
        type: 'PUBLISHED',
        publishedOn: '2026-07-06',
      });
      expect(published.value).toBe('actionPlan');
      expect(context(published).publication).toEqual({
        status: 'published',
        deferrals: [
          { reason: 'inquest', deferredOn: '2026-01-05', reviewAgainOn: '2026-04-01' },
          { reason: 'criminal-proceedings', deferredOn: '2026-04-01', reviewAgainOn: '2026-07-01' },
        ],
      });
    });

    it('ends a deferral when the partners set a publication date', () => {
      const deferred = apply('2026-01-05', journey('report-sent'), partner, {
        type: 'PUBLICATION_DEFERRED',
        reason: 'inquest',
        deferredOn: '2026-01-05',
        reviewAgainOn: '2026-04-01',
      });
      const planned = apply('2026-03-02', deferred, partner, {
        type: 'PUBLICATION_DATE_SET',
        plannedOn: '2026-03-16',
      });
      expect(planned.value).toBe('publication');
      expect(context(planned).publication.status).toBe('not-published');
      expect(openStepDueDates(planned, calendar)).toEqual({ 'publish-report': '2026-03-16' });
    });

    it('publishes only a summary of improvements in exceptional circumstances, said why', () => {
      const sent = journey('report-sent');
      expect(
        refusalOf(
          sendOn('2026-01-05', sent, partner, {
            type: 'SUMMARY_OF_IMPROVEMENTS_PUBLISHED',
            publishedOn: '2026-01-05',
          }),
        ),
      ).toBe(
        'Give the exceptional circumstances in which only a summary of improvements is published.',
      );
      const event = {
        type: 'SUMMARY_OF_IMPROVEMENTS_PUBLISHED',
        exceptionalCircumstances: 'Publishing would put a sibling at risk.',
      };
      expect(
        refusalOf(sendOn('2026-01-05', sent, partner, { ...event, publishedOn: '2025-12-23' })),
      ).toMatch(/^The publication date \(2025-12-23\) is only 3 working days after/);
      const summary = apply('2026-01-05', sent, partner, { ...event, publishedOn: '2026-01-05' });
      expect(summary.value).toBe('actionPlan');
      expect(context(summary).publication).toEqual({
        status: 'summary-of-improvements',
        deferrals: [],
        exceptionalCircumstances: 'Publishing would put a sibling at risk.',
      });
    });

    it('refuses to close the action plan before publication', () => {
      const result = sendOn('2026-01-20', journey('published'), partner, {
        type: 'ACTION_PLAN_CLOSED',
        closedOn: '2026-01-09',
      });
      expect(refusalOf(result)).toBe(
        'The date the action plan was closed (2026-01-09) cannot be before publication (2026-01-12).',
      );
    });
  });

  describe('stepping down to a learning review', () => {
    const stepDown = {
      type: 'STEPPED_DOWN',
      panelAgreedOn: '2025-10-20',
      learningReviewId: LEARNING_REVIEW_ID,
    };

    it('closes as stepped down with the national Panel’s agreement and asks for the linked learning review', () => {
      const result = sendOn('2025-10-21', journey('information-gathering'), partner, stepDown);
      const snapshot = applied(result);
      expect(snapshot.value).toBe('steppedDown');
      expect(snapshot.status).toBe('done');
      expect(context(snapshot).links).toEqual({
        steppedDownTo: { workflowKey: 'learning-review', instanceId: LEARNING_REVIEW_ID },
      });
      expect(context(snapshot).dates.steppedDownOn).toBe('2025-10-20');
      expect(result.outcome === 'applied' && result.actions).toEqual([
        expect.objectContaining({
          type: 'effect.review-stepped-down',
          params: {
            fromWorkflow: 'practice-review',
            panelAgreedOn: '2025-10-20',
            learningReviewId: LEARNING_REVIEW_ID,
          },
        }),
      ]);
      expect(openStepKeys(snapshot)).toEqual([]);
    });

    it('steps down without a learning review id, leaving the link to the reviews module', () => {
      const { learningReviewId: _omitted, ...withoutId } = stepDown;
      const result = sendOn('2025-10-21', journey('drafting'), partner, withoutId);
      expect(result.outcome === 'applied' && result.actions[0]?.params).toEqual({
        fromWorkflow: 'practice-review',
        panelAgreedOn: '2025-10-20',
        learningReviewId: null,
      });
    });

    it('refuses a step-down by anyone but a lead safeguarding partner', () => {
      const result = sendOn('2025-10-21', journey('commissioning'), manager, stepDown);
      expect(refusalOf(result)).toBe(
        "Only a lead safeguarding partner can step the review down, with the national Panel's agreement.",
      );
    });

    it('refuses a step-down without the national Panel’s agreement date', () => {
      const result = sendOn('2025-10-21', journey('commissioning'), partner, {
        type: 'STEPPED_DOWN',
      });
      expect(refusalOf(result)).toBe(
        "Give the date of the national Panel's agreement as a date written YYYY-MM-DD.",
      );
    });

    it('does not step down a report already approved', () => {
      const result = sendOn('2025-12-11', journey('approved'), partner, stepDown);
      expect(result.outcome).toBe('not-accepted');
    });
  });

  describe('who may do what', () => {
    const BUSINESS_UNIT = ['business-manager', 'business-officer'];
    const PARTNERS = ['lead-safeguarding-partner'];
    const AGENCY_RETURN = [...BUSINESS_UNIT, 'agency-safeguarding-lead'];
    const REVIEWER_OR_CHAIR = ['panel-chair', 'independent-reviewer'];

    it.each<[string, string[]]>([
      ['INCIDENT_DETAILS_CORRECTED', BUSINESS_UNIT],
      ['SERIOUS_INCIDENT_NOTIFIED', BUSINESS_UNIT],
      ['AGENCY_SUMMARIES_REQUESTED', BUSINESS_UNIT],
      ['AGENCY_SUMMARY_SUBMITTED', AGENCY_RETURN],
      ['RAPID_REVIEW_MEETING_SCHEDULED', BUSINESS_UNIT],
      ['RAPID_REVIEW_MEETING_HELD', BUSINESS_UNIT],
      ['RAPID_REVIEW_DECIDED', PARTNERS],
      ['RAPID_REVIEW_SENT_TO_PANEL', BUSINESS_UNIT],
      ['PANEL_RESPONSE_RECORDED', BUSINESS_UNIT],
      ['REVIEWER_APPOINTED', [...BUSINESS_UNIT, ...PARTNERS]],
      ['TERMS_OF_REFERENCE_AGREED', [...PARTNERS, 'panel-chair']],
      ['REVIEW_PANEL_CONFIRMED', [...BUSINESS_UNIT, 'panel-chair']],
      ['INFORMATION_REQUESTED', [...BUSINESS_UNIT, 'panel-chair']],
      ['AGENCY_INFORMATION_SUBMITTED', AGENCY_RETURN],
      ['PRACTITIONER_EVENT_SCHEDULED', REVIEWER_OR_CHAIR],
      ['PRACTITIONER_EVENT_HELD', REVIEWER_OR_CHAIR],
      ['FAMILY_INVITED', REVIEWER_OR_CHAIR],
      ['FAMILY_MET', REVIEWER_OR_CHAIR],
      ['FAMILY_DECLINED', REVIEWER_OR_CHAIR],
      ['FAMILY_NOT_INVOLVED', ['panel-chair']],
      ['DRAFT_SUBMITTED', ['independent-reviewer']],
      ['COMMENT_ROUND_OPENED', ['panel-chair']],
      ['COMMENTS_SUBMITTED', ['panel-chair', 'panel-member']],
      ['COMMENT_ROUND_CLOSED', ['panel-chair']],
      ['PANEL_SIGNED_OFF', ['panel-chair']],
      ['CHANGES_REQUESTED', PARTNERS],
      ['REPORT_APPROVED', PARTNERS],
      ['PUBLICATION_DATE_SET', [...BUSINESS_UNIT, ...PARTNERS]],
      ['FINAL_REPORT_SENT', BUSINESS_UNIT],
      ['PUBLISHED', [...BUSINESS_UNIT, ...PARTNERS]],
      ['PUBLICATION_DEFERRED', PARTNERS],
      ['SUMMARY_OF_IMPROVEMENTS_PUBLISHED', PARTNERS],
      ['ACTION_PLAN_CLOSED', ['business-manager', 'partnership-chair', ...PARTNERS]],
      ['STEPPED_DOWN', PARTNERS],
    ])('%s may be sent only by %j', (eventType, roles) => {
      expect(rolesAllowed(definition, eventType).sort()).toEqual([...roles].sort());
    });

    it('gives the reason when the role is wrong', () => {
      const refusals = [
        sendOn('2025-09-17', journey('meeting-held'), manager, {
          type: 'RAPID_REVIEW_DECIDED',
          decision: 'practice-review',
          decidedOn: '2025-09-17',
        }),
        sendOn('2025-11-10', journey('draft-received'), memberA, {
          type: 'COMMENT_ROUND_OPENED',
          dueOn: '2025-11-21',
        }),
        sendOn('2025-12-10', journey('approval'), reviewer, {
          type: 'REPORT_APPROVED',
          approvedOn: '2025-12-10',
        }),
        sendOn('2026-01-12', journey('report-sent'), boardMember, {
          type: 'PUBLISHED',
          publishedOn: '2026-01-12',
        }),
        sendOn('2025-11-04', journey('drafting'), chair, { type: 'DRAFT_SUBMITTED' }),
      ];
      expect(refusals.map(refusalOf)).toEqual([
        'Only a lead safeguarding partner can record the decision after the rapid review.',
        'Only the review panel chair can open a round of comments.',
        'Only a lead safeguarding partner can approve the final report.',
        'Only the business manager, a business officer or a lead safeguarding partner can record publication.',
        'Only the independent reviewer can submit the draft report.',
      ]);
    });
  });

  describe('the definition', () => {
    it('keeps diagram.md in step with the machine', () => {
      expectDiagramInStep(definition, __dirname);
    });

    it('is version 1 of practice-review, referenced LCSPR', () => {
      expect(definition).toMatchObject({
        key: 'practice-review',
        version: 1,
        referenceCode: 'LCSPR',
        title: 'Rapid review and local child safeguarding practice review',
      });
    });

    it('has a permission for every event a person can send, and no permission for anything else', () => {
      expectPermissionForEveryPersonEvent(definition, PRACTICE_REVIEW_SYSTEM_EVENTS);
    });

    it('declares unique step keys with valid due rules on dates the machine records', () => {
      const deferred = apply('2026-01-05', journey('report-sent'), partner, {
        type: 'PUBLICATION_DEFERRED',
        reason: 'inquest',
        deferredOn: '2026-01-05',
        reviewAgainOn: '2026-04-01',
      });
      expectSoundStepDeclarations(definition, INCIDENT, [journey('closed'), deferred]);
    });

    it('keeps the child’s pseudonym and case details out of every step title', () => {
      for (const step of declaredSteps(practiceReviewMachine)) {
        expect(step.title).not.toMatch(/Child H|\$\{|\{\{/);
        expect(step.title.length).toBeLessThanOrEqual(80);
      }
    });
  });
});
