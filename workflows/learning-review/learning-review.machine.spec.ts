import type { AnyMachineSnapshot } from 'xstate';
import { BusinessCalendar } from '../../src/calendar';
import { practiceReviewDefinition } from '../practice-review/practice-review.definition';
import { practiceReviewMachine } from '../practice-review/practice-review.machine';
import type { PracticeReviewContext } from '../practice-review/practice-review.types';
import {
  expectDiagramInStep,
  expectNoCaseDetailsInStepTitles,
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
  type TestEvent,
} from '../review-shared/review-testing';
import type { ReviewSteppedDownEffect } from '../review-shared/review.types';
import type { WorkflowDefinition } from '../shared/definition';
import { acceptedEvents, actor, openStepKeys, send, start } from '../shared/machine-testing';
import type { ActorContext } from '../shared/roles';
import { learningReviewDefinition } from './learning-review.definition';
import { learningReviewInputProblems } from './learning-review.input';
import { learningReviewMachine } from './learning-review.machine';
import type { LearningReviewContext, LearningReviewInput } from './learning-review.types';
import { learningReviewTimescales } from './timescales';

const calendar = new BusinessCalendar();
const definition = learningReviewDefinition;

const REVIEWER_ID = uuidFor('reviewer-1');
const PRACTICE_REVIEW_ID = uuidFor('lcspr-1');
const SCR_ID = uuidFor('scr-1');
const LEARNING_REVIEW_ID = uuidFor('lr-1');

const partnershipChair = actor({ partnership: ['partnership-chair'], personId: 'p-chair' });
const groupChair = actor({ instance: ['panel-chair'], personId: 'group-chair' });
const member = actor({ instance: ['panel-member'], personId: 'member-a' });
const reviewer = actor({ instance: ['independent-reviewer'], personId: REVIEWER_ID });

const AGENCIES = [LA, HEALTH, SCHOOL];

/** Referred by an agency on Monday 12 January 2026. */
const REFERRAL: LearningReviewInput = {
  pseudonym: 'Child L',
  referredOn: '2026-01-12',
  referralSource: 'agency',
};

const SCOPE = {
  type: 'SCOPE_AGREED',
  agreedOn: '2026-01-26',
  method: 'silp',
  periodFrom: '2025-01-01',
  periodTo: '2025-12-31',
  agencyIds: AGENCIES,
};

const JOURNEY: JourneyStep[] = [
  {
    today: '2026-01-13',
    by: manager,
    event: { type: 'REVIEWER_APPOINTED', reviewerPersonId: REVIEWER_ID },
  },
  { today: '2026-01-26', by: groupChair, event: SCOPE, mark: 'scoped' },
  {
    today: '2026-01-27',
    by: officer,
    event: { type: 'AGENCY_REPORTS_REQUESTED', dueOn: '2026-03-02' },
    mark: 'reports-requested',
  },
  {
    today: '2026-02-25',
    by: leadOf(LA),
    event: { type: 'AGENCY_REPORT_SUBMITTED', agencyId: LA },
  },
  {
    today: '2026-02-27',
    by: leadOf(HEALTH),
    event: { type: 'AGENCY_REPORT_SUBMITTED', agencyId: HEALTH },
  },
  {
    today: '2026-03-02',
    by: leadOf(SCHOOL),
    event: { type: 'AGENCY_REPORT_SUBMITTED', agencyId: SCHOOL },
    mark: 'engagement',
  },
  { today: '2026-03-03', by: reviewer, event: { type: 'FAMILY_INVITED', invitedOn: '2026-03-03' } },
  {
    today: '2026-03-03',
    by: reviewer,
    event: { type: 'PRACTITIONER_EVENT_SCHEDULED', eventOn: '2026-03-18' },
    mark: 'event-scheduled',
  },
  { today: '2026-03-10', by: reviewer, event: { type: 'FAMILY_MET', metOn: '2026-03-10' } },
  {
    today: '2026-03-18',
    by: reviewer,
    event: { type: 'PRACTITIONER_EVENT_HELD', heldOn: '2026-03-18' },
    mark: 'drafting',
  },
  { today: '2026-04-13', by: reviewer, event: { type: 'DRAFT_SUBMITTED' }, mark: 'draft-received' },
  {
    today: '2026-04-13',
    by: groupChair,
    event: { type: 'COMMENT_ROUND_OPENED', dueOn: '2026-04-24' },
    mark: 'commenting',
  },
  { today: '2026-04-20', by: member, event: { type: 'COMMENTS_SUBMITTED' } },
  { today: '2026-04-24', by: groupChair, event: { type: 'COMMENT_ROUND_CLOSED' } },
  { today: '2026-05-01', by: reviewer, event: { type: 'DRAFT_SUBMITTED' } },
  {
    today: '2026-05-05',
    by: groupChair,
    event: { type: 'PANEL_SIGNED_OFF', signedOffOn: '2026-05-05' },
    mark: 'approval',
  },
  {
    today: '2026-05-19',
    by: partnershipChair,
    event: { type: 'REPORT_APPROVED', approvedOn: '2026-05-19' },
    mark: 'approved',
  },
  {
    today: '2026-06-01',
    by: manager,
    event: {
      type: 'BRIEFING_PUBLISHED',
      publishedOn: '2026-06-01',
      format: 'learning-and-improvement-briefing',
    },
    mark: 'briefing-published',
  },
  {
    today: '2026-12-01',
    by: partner,
    event: { type: 'ACTION_PLAN_CLOSED', closedOn: '2026-12-01' },
    mark: 'closed',
  },
];

const { sendOn, apply, context, journey } = reviewDriver<
  LearningReviewContext,
  LearningReviewInput
>(definition, { calendar, path: JOURNEY, input: REFERRAL });

describe('learning review', () => {
  describe('the path from referral to closure, with the family involved', () => {
    it('starts with scoping: a reviewer to appoint and a scope to agree', () => {
      const snapshot = start(learningReviewMachine, REFERRAL);
      expect(activePaths(snapshot)).toEqual([
        'review.scoping.reviewer.pending',
        'review.scoping.scope.pending',
      ]);
      expect(openStepKeys(snapshot)).toEqual(['appoint-reviewer', 'agree-scope']);
      expect(context(snapshot)).toMatchObject({ referralSource: 'agency', links: {} });
    });

    it('asks the agencies in scope for reports by the date set', () => {
      const scoped = journey('scoped');
      expect(context(scoped).scope).toEqual({
        method: 'silp',
        periodFrom: '2025-01-01',
        periodTo: '2025-12-31',
        agencyIds: AGENCIES,
      });
      expect(openStepKeys(scoped)).toEqual(['request-agency-reports']);
      const requested = journey('reports-requested');
      expect(context(requested).reportsAwaitedFrom).toEqual(AGENCIES);
      expect(openStepDueDates(requested, calendar)).toEqual({ 'agency-report': '2026-03-02' });
    });

    it('holds the practitioner learning event and involves the family once the reports are in', () => {
      const engagement = journey('engagement');
      expect(openStepKeys(engagement).sort()).toEqual([
        'family-involvement',
        'schedule-practitioner-event',
      ]);
      const scheduled = journey('event-scheduled');
      expect(openStepDueDates(scheduled, calendar)).toEqual({
        'practitioner-event': '2026-03-18',
        'family-response': null,
      });
      const drafting = journey('drafting');
      expect(activePaths(drafting)).toEqual(['review.drafting.writing']);
      expect(context(drafting).family).toEqual({
        status: 'met',
        invitedOn: '2026-03-03',
        respondedOn: '2026-03-10',
      });
    });

    it('takes the draft through the review group’s comments to a signed-off final report', () => {
      expect(openStepDueDates(journey('commenting'), calendar)).toEqual({
        'group-comments': '2026-04-24',
        'close-comment-round': '2026-04-24',
      });
      const approval = journey('approval');
      expect(context(approval).commentRounds).toEqual([
        { number: 1, dueOn: '2026-04-24', commentsFrom: ['member-a'], closed: true },
      ]);
      expect(openStepKeys(approval)).toEqual(['approve-report']);
    });

    it('publishes a Learning and Improvement Briefing after approval, then closes with the action plan', () => {
      expect(openStepKeys(journey('approved'))).toEqual(['publish-briefing']);
      const published = journey('briefing-published');
      expect(published.value).toBe('actionPlan');
      expect(context(published).briefingFormat).toBe('learning-and-improvement-briefing');
      const closed = journey('closed');
      expect(closed.status).toBe('done');
      expect(acceptedEvents(closed)).toEqual([]);
    });
  });

  describe('variations', () => {
    it('goes on without the family when the reviewer records why they are not involved', () => {
      let snapshot = journey('engagement');
      snapshot = apply('2026-03-03', snapshot, reviewer, {
        type: 'FAMILY_NOT_INVOLVED',
        reason: 'no-contact-possible',
      });
      snapshot = apply('2026-03-18', snapshot, reviewer, {
        type: 'PRACTITIONER_EVENT_HELD',
        heldOn: '2026-03-18',
      });
      expect(activePaths(snapshot)).toEqual(['review.drafting.writing']);
      expect(context(snapshot).family).toEqual({
        status: 'not-involved',
        notInvolvedReason: 'no-contact-possible',
      });
    });

    it('records a family invited but never reached as not involved, keeping the invitation', () => {
      const invited = apply('2026-03-03', journey('engagement'), reviewer, {
        type: 'FAMILY_INVITED',
        invitedOn: '2026-03-03',
      });
      const snapshot = apply('2026-03-31', invited, reviewer, {
        type: 'FAMILY_NOT_INVOLVED',
        reason: 'no-contact-possible',
      });
      expect(context(snapshot).family).toEqual({
        status: 'not-involved',
        invitedOn: '2026-03-03',
        notInvolvedReason: 'no-contact-possible',
      });
      expect(openStepKeys(snapshot)).toEqual(['schedule-practitioner-event']);
    });

    it('holds no practitioner learning event in a desktop review', () => {
      let snapshot = apply('2026-01-13', start(learningReviewMachine, REFERRAL), manager, {
        type: 'REVIEWER_APPOINTED',
        reviewerPersonId: REVIEWER_ID,
      });
      snapshot = apply('2026-01-26', snapshot, groupChair, {
        ...SCOPE,
        method: 'desktop',
        agencyIds: [LA],
      });
      snapshot = apply('2026-01-27', snapshot, officer, {
        type: 'AGENCY_REPORTS_REQUESTED',
        dueOn: '2026-02-27',
      });
      snapshot = apply('2026-02-20', snapshot, leadOf(LA), {
        type: 'AGENCY_REPORT_SUBMITTED',
        agencyId: LA,
      });
      expect(openStepKeys(snapshot)).toEqual(['family-involvement']);
      expect(acceptedEvents(snapshot)).not.toContain('PRACTITIONER_EVENT_SCHEDULED');
      snapshot = apply('2026-02-23', snapshot, groupChair, {
        type: 'FAMILY_NOT_INVOLVED',
        reason: 'not-appropriate',
      });
      expect(activePaths(snapshot)).toEqual(['review.drafting.writing']);
    });

    it('asks named agencies for reports, and more later, each agency once', () => {
      let snapshot = apply('2026-01-27', journey('scoped'), officer, {
        type: 'AGENCY_REPORTS_REQUESTED',
        dueOn: '2026-03-02',
        agencyIds: [LA],
      });
      snapshot = apply('2026-01-28', snapshot, officer, {
        type: 'AGENCY_REPORTS_REQUESTED',
        dueOn: '2026-03-09',
        agencyIds: [LA, POLICE],
      });
      expect(context(snapshot)).toMatchObject({
        agenciesAskedForReports: [LA, POLICE],
        reportsAwaitedFrom: [LA, POLICE],
      });
      expect(openStepDueDates(snapshot, calendar)).toEqual({ 'agency-report': '2026-03-09' });
    });
  });

  describe('refusals', () => {
    it('refuses a scope whose period ends before it starts, or agreed before the referral', () => {
      const snapshot = start(learningReviewMachine, REFERRAL);
      expect(
        refusalOf(sendOn('2026-01-26', snapshot, groupChair, { ...SCOPE, periodTo: '2024-12-31' })),
      ).toBe(
        'The end of the period under review (2024-12-31) cannot be before its start (2025-01-01).',
      );
      expect(
        refusalOf(sendOn('2026-01-26', snapshot, groupChair, { ...SCOPE, agreedOn: '2026-01-09' })),
      ).toBe(
        'The date the scope was agreed (2026-01-09) cannot be before the referral (2026-01-12).',
      );
      expect(
        refusalOf(sendOn('2026-01-26', snapshot, groupChair, { ...SCOPE, method: 'audit' })),
      ).toBe('Choose the review method: one of silp, systems, appreciative-inquiry, desktop.');
    });

    it('lets an agency lead submit only their own agency’s report', () => {
      const result = sendOn('2026-02-25', journey('reports-requested'), leadOf(LA), {
        type: 'AGENCY_REPORT_SUBMITTED',
        agencyId: SCHOOL,
      });
      expect(refusalOf(result)).toBe("You can submit only your own agency's agency report.");
    });

    it('refuses sign-off before the review group has commented', () => {
      const result = sendOn('2026-04-14', journey('draft-received'), groupChair, {
        type: 'PANEL_SIGNED_OFF',
        signedOffOn: '2026-04-14',
      });
      expect(refusalOf(result)).toBe(
        'The panel must comment on the draft in at least one round before it is signed off.',
      );
    });

    it('lets only the partnership chair or a lead partner approve, and either may send it back', () => {
      const snapshot = journey('approval');
      expect(
        refusalOf(
          sendOn('2026-05-19', snapshot, manager, {
            type: 'REPORT_APPROVED',
            approvedOn: '2026-05-19',
          }),
        ),
      ).toBe('Only the partnership chair or a lead safeguarding partner can approve the report.');
      const back = apply('2026-05-19', snapshot, partner, { type: 'CHANGES_REQUESTED' });
      expect(activePaths(back)).toEqual(['review.drafting.revising']);
    });

    it('refuses a briefing without its kind, or dated before approval', () => {
      const snapshot = journey('approved');
      expect(
        refusalOf(
          sendOn('2026-06-01', snapshot, manager, {
            type: 'BRIEFING_PUBLISHED',
            publishedOn: '2026-06-01',
          }),
        ),
      ).toBe(
        'Choose the kind of briefing: one of learning-and-improvement-briefing, seven-minute-briefing.',
      );
      expect(
        refusalOf(
          sendOn('2026-06-01', snapshot, manager, {
            type: 'BRIEFING_PUBLISHED',
            publishedOn: '2026-05-18',
            format: 'seven-minute-briefing',
          }),
        ),
      ).toBe(
        "The date the briefing was published (2026-05-18) cannot be before the report's approval (2026-05-19).",
      );
    });
  });

  describe('a learning review continuing a stepped-down review', () => {
    it('starts from a practice review’s step-down, each side keeping the link', () => {
      let original = start(practiceReviewMachine, {
        pseudonym: 'Child L',
        awareOn: '2025-08-22',
        childLookedAfter: false,
        incidentKind: 'serious-harm',
      });
      const steps: Array<[string, ActorContext, TestEvent]> = [
        ['2025-08-29', manager, { type: 'SERIOUS_INCIDENT_NOTIFIED', sentOn: '2025-08-29' }],
        ['2025-09-01', manager, { type: 'AGENCY_SUMMARIES_REQUESTED', agencyIds: [LA] }],
        ['2025-09-16', manager, { type: 'RAPID_REVIEW_MEETING_HELD', heldOn: '2025-09-16' }],
        [
          '2025-09-17',
          partner,
          { type: 'RAPID_REVIEW_DECIDED', decision: 'practice-review', decidedOn: '2025-09-17' },
        ],
        ['2025-09-18', manager, { type: 'RAPID_REVIEW_SENT_TO_PANEL', sentOn: '2025-09-18' }],
        [
          '2025-10-01',
          manager,
          { type: 'PANEL_RESPONSE_RECORDED', response: 'agrees', respondedOn: '2025-10-01' },
        ],
      ];
      for (const [today, by, event] of steps) {
        original = applied(
          send(practiceReviewDefinition as WorkflowDefinition, original, event, by, {
            today,
            calendar,
          }),
        );
      }
      const result = send(
        practiceReviewDefinition as WorkflowDefinition,
        original,
        { type: 'STEPPED_DOWN', panelAgreedOn: '2025-11-03', learningReviewId: LEARNING_REVIEW_ID },
        partner,
        { today: '2025-11-03', calendar },
      );
      const steppedDown = applied(result);
      const effect = (result.outcome === 'applied' ? result.actions[0]?.params : undefined) as
        ReviewSteppedDownEffect | undefined;

      // What the reviews module does with the effect: start the linked learning review.
      const input: LearningReviewInput = {
        pseudonym: (steppedDown.context as PracticeReviewContext).pseudonym,
        referredOn: effect?.panelAgreedOn ?? '',
        referralSource: 'step-down',
        steppedDownFrom: { workflowKey: 'practice-review', instanceId: PRACTICE_REVIEW_ID },
      };
      expect(learningReviewInputProblems(input, '2025-11-03')).toEqual([]);
      const continued = start(learningReviewMachine, input);

      expect((steppedDown.context as PracticeReviewContext).links.steppedDownTo).toEqual({
        workflowKey: 'learning-review',
        instanceId: effect?.learningReviewId,
      });
      expect(context(continued)).toMatchObject({
        pseudonym: 'Child L',
        referralSource: 'step-down',
        dates: { referredOn: '2025-11-03' },
        links: {
          steppedDownFrom: { workflowKey: 'practice-review', instanceId: PRACTICE_REVIEW_ID },
        },
      });
    });

    it('requires the link for a step-down referral, and refuses it for any other', () => {
      expect(
        learningReviewInputProblems({ ...REFERRAL, referralSource: 'step-down' }, '2026-01-12'),
      ).toEqual([
        { field: 'steppedDownFrom', message: 'Say which review was stepped down to this one.' },
      ]);
      expect(
        learningReviewInputProblems(
          {
            ...REFERRAL,
            steppedDownFrom: { workflowKey: 'serious-case-review', instanceId: SCR_ID },
          },
          '2026-01-12',
        ),
      ).toEqual([
        {
          field: 'steppedDownFrom',
          message: 'Only a review stepped down links to the review it continues.',
        },
      ]);
      expect(
        learningReviewInputProblems(
          {
            ...REFERRAL,
            referralSource: 'step-down',
            steppedDownFrom: { workflowKey: 'learning-review', instanceId: LEARNING_REVIEW_ID },
          },
          '2026-01-12',
        ),
      ).toEqual([
        {
          field: 'steppedDownFrom',
          message:
            'Choose the kind of review stepped down: one of practice-review, serious-case-review.',
        },
      ]);
    });
  });

  describe('timescales', () => {
    const labels = (snapshot: AnyMachineSnapshot, today: string) =>
      learningReviewTimescales(context(snapshot), today, calendar).map((t) => t.label);

    it('measures the review in months from scoping to approval', () => {
      expect(labels(start(learningReviewMachine, REFERRAL), '2026-01-20')).toEqual([]);
      expect(labels(journey('engagement'), '2026-03-26')).toEqual([
        'Review: 2 months 0 days of 6 months since scoping',
      ]);
      expect(labels(journey('closed'), '2026-12-01')).toEqual([
        'Review: done at 3 months 23 days of 6 months since scoping',
      ]);
    });
  });

  describe('who may do what', () => {
    const BUSINESS_UNIT = ['business-manager', 'business-officer'];
    const APPROVERS = ['partnership-chair', 'lead-safeguarding-partner'];
    const REVIEWER_OR_CHAIR = ['panel-chair', 'independent-reviewer'];

    it.each<[string, string[]]>([
      ['REVIEWER_APPOINTED', [...BUSINESS_UNIT, 'panel-chair']],
      ['SCOPE_AGREED', ['panel-chair']],
      ['AGENCY_REPORTS_REQUESTED', [...BUSINESS_UNIT, 'panel-chair']],
      ['AGENCY_REPORT_SUBMITTED', [...BUSINESS_UNIT, 'agency-safeguarding-lead']],
      ['PRACTITIONER_EVENT_SCHEDULED', REVIEWER_OR_CHAIR],
      ['PRACTITIONER_EVENT_HELD', REVIEWER_OR_CHAIR],
      ['FAMILY_INVITED', REVIEWER_OR_CHAIR],
      ['FAMILY_MET', REVIEWER_OR_CHAIR],
      ['FAMILY_DECLINED', REVIEWER_OR_CHAIR],
      ['FAMILY_NOT_INVOLVED', REVIEWER_OR_CHAIR],
      ['DRAFT_SUBMITTED', ['independent-reviewer']],
      ['COMMENT_ROUND_OPENED', ['panel-chair']],
      ['COMMENTS_SUBMITTED', ['panel-chair', 'panel-member']],
      ['COMMENT_ROUND_CLOSED', ['panel-chair']],
      ['PANEL_SIGNED_OFF', ['panel-chair']],
      ['CHANGES_REQUESTED', APPROVERS],
      ['REPORT_APPROVED', APPROVERS],
      ['BRIEFING_PUBLISHED', BUSINESS_UNIT],
      ['ACTION_PLAN_CLOSED', ['business-manager', ...APPROVERS]],
    ])('%s may be sent only by %j', (eventType, roles) => {
      expect(rolesAllowed(definition, eventType).sort()).toEqual([...roles].sort());
    });

    it('gives the reason when the role is wrong', () => {
      expect(
        refusalOf(sendOn('2026-01-26', start(learningReviewMachine, REFERRAL), reviewer, SCOPE)),
      ).toBe('Only the review group chair can agree the scope of the review.');
      expect(
        refusalOf(
          sendOn('2026-04-13', journey('drafting'), groupChair, { type: 'DRAFT_SUBMITTED' }),
        ),
      ).toBe('Only the reviewer can submit the draft report.');
    });
  });

  describe('the definition', () => {
    it('keeps diagram.md in step with the machine', () => {
      expectDiagramInStep(definition, __dirname);
    });

    it('is version 1 of learning-review, referenced LR', () => {
      expect(definition).toMatchObject({ key: 'learning-review', version: 1, referenceCode: 'LR' });
    });

    it('has a permission for every event the machine accepts, and no permission for anything else', () => {
      expectPermissionForEveryPersonEvent(definition, []);
    });

    it('declares unique step keys with valid due rules on dates the machine records', () => {
      expectSoundStepDeclarations(definition, REFERRAL, [journey('closed')]);
      expectNoCaseDetailsInStepTitles(definition, 'Child L');
    });
  });
});
