import type { AnyMachineSnapshot } from 'xstate';
import { BusinessCalendar } from '../../src/calendar';
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
  declaredSteps,
  leadOf,
  manager,
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
  SERIOUS_CASE_REVIEW_SYSTEM_EVENTS,
  seriousCaseReviewDefinition,
} from './serious-case-review.definition';
import { seriousCaseReviewInputProblems } from './serious-case-review.input';
import { seriousCaseReviewMachine } from './serious-case-review.machine';
import type { SeriousCaseReviewContext, SeriousCaseReviewInput } from './serious-case-review.types';
import { seriousCaseReviewTimescales } from './timescales';

const calendar = new BusinessCalendar();
const definition = seriousCaseReviewDefinition;

const SCR_CHAIR_ID = uuidFor('scr-chair');
const AUTHOR_ID = uuidFor('author-1');
const LEARNING_REVIEW_ID = uuidFor('learning-review-3');

const boardChair = actor({ partnership: ['partnership-chair'], personId: 'board-chair' });
const panelChair = actor({ instance: ['panel-chair'], personId: SCR_CHAIR_ID });
const member = actor({ instance: ['panel-member'], personId: 'member-a' });
const author = actor({ instance: ['independent-reviewer'], personId: AUTHOR_ID });

const AGENCIES = [LA, HEALTH, POLICE];

/** The board was notified on Wednesday 31 January 2018. */
const NOTIFICATION: SeriousCaseReviewInput = {
  pseudonym: 'Child W',
  notifiedOn: '2018-01-31',
  childLookedAfter: true,
  incidentKind: 'death',
};

const JOURNEY: JourneyStep[] = [
  {
    today: '2018-02-26',
    by: boardChair,
    event: { type: 'SCR_DECIDED', decision: 'scr', decidedOn: '2018-02-26' },
    mark: 'initiated',
  },
  {
    today: '2018-03-01',
    by: manager,
    event: { type: 'SCR_PANEL_CHAIR_APPOINTED', personId: SCR_CHAIR_ID },
  },
  {
    today: '2018-03-01',
    by: boardChair,
    event: { type: 'AUTHOR_APPOINTED', personId: AUTHOR_ID },
  },
  {
    today: '2018-03-12',
    by: panelChair,
    event: { type: 'TERMS_OF_REFERENCE_AGREED', agreedOn: '2018-03-12' },
    mark: 'panel-set-up',
  },
  {
    today: '2018-03-13',
    by: manager,
    event: {
      type: 'IMRS_REQUESTED',
      agencyIds: AGENCIES,
      chronologiesDueOn: '2018-04-06',
      imrsDueOn: '2018-05-04',
    },
    mark: 'imrs-requested',
  },
  {
    today: '2018-04-03',
    by: leadOf(LA),
    event: { type: 'CHRONOLOGY_SUBMITTED', agencyId: LA },
  },
  {
    today: '2018-04-04',
    by: leadOf(HEALTH),
    event: { type: 'CHRONOLOGY_SUBMITTED', agencyId: HEALTH },
  },
  {
    today: '2018-04-06',
    by: leadOf(POLICE),
    event: { type: 'CHRONOLOGY_SUBMITTED', agencyId: POLICE },
    mark: 'chronologies-in',
  },
  { today: '2018-04-30', by: leadOf(LA), event: { type: 'IMR_SUBMITTED', agencyId: LA } },
  {
    today: '2018-05-02',
    by: leadOf(HEALTH),
    event: { type: 'IMR_SUBMITTED', agencyId: HEALTH },
  },
  {
    today: '2018-05-04',
    by: manager,
    event: { type: 'IMR_SUBMITTED', agencyId: POLICE },
    mark: 'imrs-in',
  },
  { today: '2018-06-01', by: author, event: { type: 'DRAFT_SUBMITTED' }, mark: 'draft-received' },
  {
    today: '2018-06-01',
    by: panelChair,
    event: { type: 'COMMENT_ROUND_OPENED', dueOn: '2018-06-15' },
  },
  { today: '2018-06-12', by: member, event: { type: 'COMMENTS_SUBMITTED' } },
  { today: '2018-06-15', by: panelChair, event: { type: 'COMMENT_ROUND_CLOSED' } },
  { today: '2018-06-22', by: author, event: { type: 'DRAFT_SUBMITTED' } },
  {
    today: '2018-06-25',
    by: panelChair,
    event: { type: 'PANEL_SIGNED_OFF', signedOffOn: '2018-06-25' },
    mark: 'board-approval',
  },
  {
    today: '2018-07-10',
    by: boardChair,
    event: { type: 'BOARD_APPROVED', approvedOn: '2018-07-10' },
    mark: 'approved',
  },
  {
    today: '2018-07-11',
    by: manager,
    event: { type: 'PUBLICATION_DATE_SET', plannedOn: '2018-07-31' },
  },
  {
    today: '2018-07-31',
    by: manager,
    event: { type: 'PUBLISHED', publishedOn: '2018-07-31' },
    mark: 'published',
  },
  {
    today: '2019-01-31',
    by: boardChair,
    event: { type: 'ACTION_PLAN_CLOSED', closedOn: '2019-01-31' },
    mark: 'closed',
  },
];

const { sendOn, apply, context, journey } = reviewDriver<
  SeriousCaseReviewContext,
  SeriousCaseReviewInput
>(definition, { calendar, path: JOURNEY, input: NOTIFICATION });

describe('serious case review (2015 regime)', () => {
  describe('the path from notification to closure', () => {
    it('asks the partnership chair to decide within a calendar month of the notification', () => {
      const snapshot = start(seriousCaseReviewMachine, NOTIFICATION);
      expect(snapshot.value).toBe('deciding');
      // 31 January plus one calendar month is 28 February.
      expect(openStepDueDates(snapshot, calendar)).toEqual({ 'scr-decision': '2018-02-28' });
      expect(declaredSteps(seriousCaseReviewMachine)[0]).toMatchObject({
        key: 'scr-decision',
        assignee: { kind: 'partnership-role', role: 'partnership-chair' },
      });
    });

    it('sets up the SCR panel with an independent chair, an author and terms of reference', () => {
      let snapshot = journey('initiated');
      expect(context(snapshot).dates.initiatedOn).toBe('2018-02-26');
      expect(openStepKeys(snapshot)).toEqual([
        'appoint-scr-panel-chair',
        'appoint-author',
        'agree-terms-of-reference',
      ]);
      snapshot = apply('2018-03-01', snapshot, panelChair, {
        type: 'AUTHOR_APPOINTED',
        personId: AUTHOR_ID,
      });
      expect(openStepKeys(snapshot)).toEqual([
        'appoint-scr-panel-chair',
        'agree-terms-of-reference',
      ]);

      const setUp = journey('panel-set-up');
      expect(activePaths(setUp)).toEqual(['review.agencyReviews.requesting']);
      expect(context(setUp)).toMatchObject({
        panelChairPersonId: SCR_CHAIR_ID,
        authorPersonId: AUTHOR_ID,
      });
    });

    it('asks each agency for a chronology and an IMR, each due on the date set', () => {
      const requested = journey('imrs-requested');
      expect(openStepDueDates(requested, calendar)).toEqual({
        chronology: '2018-04-06',
        imr: '2018-05-04',
      });
      expect(context(requested)).toMatchObject({
        chronologiesAwaitedFrom: AGENCIES,
        imrsAwaitedFrom: AGENCIES,
      });

      const chronologiesIn = journey('chronologies-in');
      expect(activePaths(chronologiesIn)).toEqual(['review.agencyReviews.awaiting']);
      expect(context(chronologiesIn)).toMatchObject({
        chronologiesAwaitedFrom: [],
        imrsAwaitedFrom: AGENCIES,
      });

      expect(activePaths(journey('imrs-in'))).toEqual(['review.drafting.writing']);
    });

    it('takes the draft through panel comments and sign-off to the board', () => {
      const signedOff = journey('board-approval');
      expect(context(signedOff).commentRounds).toEqual([
        { number: 1, dueOn: '2018-06-15', commentsFrom: ['member-a'], closed: true },
      ]);
      expect(openStepKeys(signedOff)).toEqual(['board-approval']);
      expect(journey('approved').value).toBe('publication');
    });

    it('publishes on the planned date and closes when the action plan is done', () => {
      const approved = journey('approved');
      const planned = apply('2018-07-11', approved, manager, {
        type: 'PUBLICATION_DATE_SET',
        plannedOn: '2018-07-31',
      });
      expect(openStepDueDates(planned, calendar)).toEqual({ 'publish-report': '2018-07-31' });
      expect(journey('published').value).toBe('actionPlan');
      const closed = journey('closed');
      expect(closed.status).toBe('done');
      expect(acceptedEvents(closed)).toEqual([]);
    });
  });

  describe('the decision', () => {
    it('lets only the partnership chair decide, saying so', () => {
      const snapshot = start(seriousCaseReviewMachine, NOTIFICATION);
      const event = { type: 'SCR_DECIDED', decision: 'scr', decidedOn: '2018-02-26' };
      for (const by of [manager, partner, panelChair]) {
        expect(refusalOf(sendOn('2018-02-26', snapshot, by, event))).toBe(
          'Only the partnership chair can decide whether to hold a serious case review.',
        );
      }
    });

    it('ends with no SCR when the chair so decides, recording the other learning', () => {
      const snapshot = start(seriousCaseReviewMachine, NOTIFICATION);
      const event = { type: 'SCR_DECIDED', decision: 'no-scr', decidedOn: '2018-02-20' };
      expect(refusalOf(sendOn('2018-02-20', snapshot, boardChair, event))).toBe(
        'Choose what other learning follows: one of learning-review, single-agency-learning, ' +
          'multi-agency-audit, none.',
      );
      const decided = apply('2018-02-20', snapshot, boardChair, {
        ...event,
        otherLearning: 'learning-review',
      });
      expect(decided.value).toBe('noReview');
      expect(decided.status).toBe('done');
      expect(context(decided)).toMatchObject({
        decision: 'no-scr',
        otherLearning: 'learning-review',
      });
      expect(context(decided).dates.initiatedOn).toBeUndefined();
    });

    it('refuses a decision dated before the notification', () => {
      const result = sendOn(
        '2018-02-26',
        start(seriousCaseReviewMachine, NOTIFICATION),
        boardChair,
        {
          type: 'SCR_DECIDED',
          decision: 'scr',
          decidedOn: '2018-01-30',
        },
      );
      expect(refusalOf(result)).toBe(
        'The date of the decision (2018-01-30) cannot be before the date of the notification (2018-01-31).',
      );
    });

    it('records a decision not made within the month when the engine reports it', () => {
      const snapshot = start(seriousCaseReviewMachine, NOTIFICATION);
      expect(
        refusalOf(sendOn('2018-03-01', snapshot, manager, { type: 'SCR_DECISION_OVERDUE' })),
      ).toBe('Nobody may send SCR_DECISION_OVERDUE to this workflow by hand.');
      const late = apply('2018-03-01', snapshot, SYSTEM_ACTOR, { type: 'SCR_DECISION_OVERDUE' });
      expect(context(late).missedTimescales).toEqual(['scr-decision']);
      expect(late.value).toBe('deciding');
    });

    it('recomputes the decision due date when the notification date is corrected', () => {
      const corrected = apply(
        '2018-02-05',
        start(seriousCaseReviewMachine, NOTIFICATION),
        manager,
        {
          type: 'INCIDENT_DETAILS_CORRECTED',
          notifiedOn: '2018-01-15',
        },
      );
      expect(openStepDueDates(corrected, calendar)).toEqual({ 'scr-decision': '2018-02-15' });
    });

    it('validates the details an SCR starts from', () => {
      expect(seriousCaseReviewInputProblems(NOTIFICATION, '2018-02-01')).toEqual([]);
      expect(
        seriousCaseReviewInputProblems({ ...NOTIFICATION, notifiedOn: '31/01/2018' }, '2018-02-01'),
      ).toEqual([
        {
          field: 'notifiedOn',
          message: 'Give the date of the notification as a date written YYYY-MM-DD.',
        },
      ]);
    });
  });

  describe('agency returns', () => {
    it('lets an agency lead submit only their own agency’s chronology and IMR', () => {
      const requested = journey('imrs-requested');
      expect(
        refusalOf(
          sendOn('2018-04-03', requested, leadOf(LA), {
            type: 'CHRONOLOGY_SUBMITTED',
            agencyId: POLICE,
          }),
        ),
      ).toBe("You can submit only your own agency's chronology.");
      expect(
        refusalOf(
          sendOn('2018-04-03', requested, leadOf(SCHOOL), {
            type: 'IMR_SUBMITTED',
            agencyId: SCHOOL,
          }),
        ),
      ).toBe('That agency was not asked for an IMR.');
      const done = apply('2018-04-03', requested, leadOf(LA), {
        type: 'IMR_SUBMITTED',
        agencyId: LA,
      });
      expect(
        refusalOf(sendOn('2018-04-04', done, leadOf(LA), { type: 'IMR_SUBMITTED', agencyId: LA })),
      ).toBe("That agency's IMR has already been received.");
    });

    it('refuses returns due today or earlier', () => {
      const result = sendOn('2018-03-13', journey('panel-set-up'), manager, {
        type: 'IMRS_REQUESTED',
        agencyIds: AGENCIES,
        chronologiesDueOn: '2018-04-06',
        imrsDueOn: '2018-03-13',
      });
      expect(refusalOf(result)).toBe(
        'The date IMRs are due (2018-03-13) must be after today (2018-03-13).',
      );
    });
  });

  describe('the report', () => {
    it('refuses sign-off before the SCR panel has commented', () => {
      const result = sendOn('2018-06-02', journey('draft-received'), panelChair, {
        type: 'PANEL_SIGNED_OFF',
        signedOffOn: '2018-06-02',
      });
      expect(refusalOf(result)).toBe(
        'The panel must comment on the draft in at least one round before it is signed off.',
      );
    });

    it('lets only the partnership chair record the board’s approval or send the report back', () => {
      const snapshot = journey('board-approval');
      expect(
        refusalOf(
          sendOn('2018-07-10', snapshot, partner, {
            type: 'BOARD_APPROVED',
            approvedOn: '2018-07-10',
          }),
        ),
      ).toBe("Only the partnership chair can record the board's approval.");
      const back = apply('2018-07-10', snapshot, boardChair, { type: 'CHANGES_REQUESTED' });
      expect(activePaths(back)).toEqual(['review.drafting.revising']);
    });
  });

  describe('publication', () => {
    it('defers publication until after the inquest, then publishes', () => {
      let snapshot = apply('2018-07-20', journey('approved'), boardChair, {
        type: 'PUBLICATION_DEFERRED',
        reason: 'inquest',
        deferredOn: '2018-07-20',
        reviewAgainOn: '2018-10-01',
      });
      expect(snapshot.value).toBe('deferred');
      expect(openStepDueDates(snapshot, calendar)).toEqual({ 'review-deferral': '2018-10-01' });
      snapshot = apply('2018-10-01', snapshot, boardChair, {
        type: 'PUBLICATION_DATE_SET',
        plannedOn: '2018-10-15',
      });
      expect(snapshot.value).toBe('publication');
      snapshot = apply('2018-10-15', snapshot, manager, {
        type: 'PUBLISHED',
        publishedOn: '2018-10-15',
      });
      expect(context(snapshot).publication).toEqual({
        status: 'published',
        deferrals: [{ reason: 'inquest', deferredOn: '2018-07-20', reviewAgainOn: '2018-10-01' }],
      });
    });

    it('refuses a deferral without a date to look again', () => {
      const result = sendOn('2018-07-20', journey('approved'), boardChair, {
        type: 'PUBLICATION_DEFERRED',
        reason: 'inquest',
        deferredOn: '2018-07-20',
      });
      expect(refusalOf(result)).toBe(
        'Give the date to look again at publication as a date written YYYY-MM-DD.',
      );
    });

    it('refuses publication dated before the board approved the report', () => {
      const result = sendOn('2018-07-31', journey('approved'), manager, {
        type: 'PUBLISHED',
        publishedOn: '2018-07-09',
      });
      expect(refusalOf(result)).toBe(
        "The publication date (2018-07-09) cannot be before the board's approval (2018-07-10).",
      );
    });
  });

  describe('stepping down to a learning review', () => {
    it('closes as stepped down when the national Panel agrees, and asks for the linked learning review', () => {
      const result = sendOn('2019-03-21', journey('imrs-requested'), boardChair, {
        type: 'STEPPED_DOWN',
        panelAgreedOn: '2019-03-20',
        learningReviewId: LEARNING_REVIEW_ID,
      });
      const snapshot = applied(result);
      expect(snapshot.value).toBe('steppedDown');
      expect(snapshot.status).toBe('done');
      expect(context(snapshot).links).toEqual({
        steppedDownTo: { workflowKey: 'learning-review', instanceId: LEARNING_REVIEW_ID },
      });
      expect(result.outcome === 'applied' && result.actions).toEqual([
        expect.objectContaining({
          type: 'effect.review-stepped-down',
          params: {
            fromWorkflow: 'serious-case-review',
            panelAgreedOn: '2019-03-20',
            learningReviewId: LEARNING_REVIEW_ID,
          },
        }),
      ]);
    });

    it('refuses a step-down by a lead safeguarding partner, or dated before initiation', () => {
      const snapshot = journey('panel-set-up');
      const event = { type: 'STEPPED_DOWN', panelAgreedOn: '2019-03-20' };
      expect(refusalOf(sendOn('2019-03-21', snapshot, partner, event))).toBe(
        "Only the partnership chair can step the review down, with the national Panel's agreement.",
      );
      expect(
        refusalOf(
          sendOn('2019-03-21', snapshot, boardChair, { ...event, panelAgreedOn: '2018-02-01' }),
        ),
      ).toBe(
        "The date of the national Panel's agreement (2018-02-01) cannot be before the decision to hold the review (2018-02-26).",
      );
    });

    it('does not step down before the decision or after board approval', () => {
      const event = { type: 'STEPPED_DOWN', panelAgreedOn: '2018-02-20' };
      const before = sendOn(
        '2018-02-20',
        start(seriousCaseReviewMachine, NOTIFICATION),
        boardChair,
        event,
      );
      expect(before.outcome).toBe('not-accepted');
      const after = sendOn('2018-07-20', journey('approved'), boardChair, {
        ...event,
        panelAgreedOn: '2018-07-20',
      });
      expect(after.outcome).toBe('not-accepted');
    });
  });

  describe('timescales', () => {
    const labels = (snapshot: AnyMachineSnapshot, today: string) =>
      seriousCaseReviewTimescales(context(snapshot), today, calendar).map((t) => t.label);

    it('shows the decision past its month as overdue', () => {
      expect(labels(start(seriousCaseReviewMachine, NOTIFICATION), '2018-03-05')).toEqual([
        'SCR decision: 1 month 5 days of 1 month since notification (5 days overdue)',
      ]);
    });

    it('measures the review in months since initiation, to publication', () => {
      expect(labels(journey('draft-received'), '2018-06-01')).toEqual([
        'SCR decision: done at 0 months 26 days of 1 month since notification',
        'Review: 3 months 6 days of 6 months since initiation',
      ]);
      expect(labels(journey('published'), '2019-01-01')).toEqual([
        'SCR decision: done at 0 months 26 days of 1 month since notification',
        'Review: done at 5 months 5 days of 6 months since initiation',
      ]);
    });
  });

  describe('who may do what', () => {
    const BUSINESS_UNIT = ['business-manager', 'business-officer'];
    const CHAIR_OR_UNIT = ['partnership-chair', ...BUSINESS_UNIT];
    const AGENCY_RETURN = [...BUSINESS_UNIT, 'agency-safeguarding-lead'];

    it.each<[string, string[]]>([
      ['INCIDENT_DETAILS_CORRECTED', BUSINESS_UNIT],
      ['SCR_DECIDED', ['partnership-chair']],
      ['SCR_PANEL_CHAIR_APPOINTED', CHAIR_OR_UNIT],
      ['AUTHOR_APPOINTED', [...CHAIR_OR_UNIT, 'panel-chair']],
      ['TERMS_OF_REFERENCE_AGREED', ['panel-chair']],
      ['IMRS_REQUESTED', [...BUSINESS_UNIT, 'panel-chair']],
      ['CHRONOLOGY_SUBMITTED', AGENCY_RETURN],
      ['IMR_SUBMITTED', AGENCY_RETURN],
      ['DRAFT_SUBMITTED', ['independent-reviewer']],
      ['COMMENT_ROUND_OPENED', ['panel-chair']],
      ['COMMENTS_SUBMITTED', ['panel-chair', 'panel-member']],
      ['COMMENT_ROUND_CLOSED', ['panel-chair']],
      ['PANEL_SIGNED_OFF', ['panel-chair']],
      ['CHANGES_REQUESTED', ['partnership-chair']],
      ['BOARD_APPROVED', ['partnership-chair']],
      ['PUBLICATION_DATE_SET', CHAIR_OR_UNIT],
      ['PUBLISHED', CHAIR_OR_UNIT],
      ['PUBLICATION_DEFERRED', ['partnership-chair']],
      ['ACTION_PLAN_CLOSED', ['business-manager', 'partnership-chair']],
      ['STEPPED_DOWN', ['partnership-chair']],
    ])('%s may be sent only by %j', (eventType, roles) => {
      expect(rolesAllowed(definition, eventType).sort()).toEqual([...roles].sort());
    });
  });

  describe('the definition', () => {
    it('keeps diagram.md in step with the machine', () => {
      expectDiagramInStep(definition, __dirname);
    });

    it('is version 1 of serious-case-review, referenced SCR', () => {
      expect(definition).toMatchObject({
        key: 'serious-case-review',
        version: 1,
        referenceCode: 'SCR',
      });
    });

    it('has a permission for every event a person can send, and no permission for anything else', () => {
      expectPermissionForEveryPersonEvent(definition, SERIOUS_CASE_REVIEW_SYSTEM_EVENTS);
    });

    it('declares unique step keys with valid due rules on dates the machine records', () => {
      const deferred = apply('2018-07-20', journey('approved'), boardChair, {
        type: 'PUBLICATION_DEFERRED',
        reason: 'inquest',
        deferredOn: '2018-07-20',
        reviewAgainOn: '2018-10-01',
      });
      expectSoundStepDeclarations(definition, NOTIFICATION, [journey('closed'), deferred]);
      expectNoCaseDetailsInStepTitles(definition, 'Child W');
    });
  });
});
