import type { AnyMachineSnapshot } from 'xstate';
import { computeDueDate } from '../../src/calendar';
import { acceptedEvents, openStepKeys } from '../shared/machine-testing';
import { activeStage, activeSteps } from '../shared/steps';
import { STEPS } from './case-file-audit.steps';
import {
  HAPPY_PATH,
  apply,
  attempt,
  auditIn,
  auditState,
  calendar,
  concernsState,
  contextOf,
  dueDates,
  effects,
  people,
  startAudit,
  COUNCIL,
  HEALTH,
  POLICE,
} from './case-file-audit.spec-support';

describe('case file audit machine', () => {
  describe('the whole path', () => {
    it('runs planning to closed with three agencies and four cases, a reopened return and a late one', () => {
      let snapshot = startAudit();
      expect(auditState(snapshot)).toBe('planning');
      expect(activeStage(snapshot)).toBe('Planning');
      expect(openStepKeys(snapshot)).toEqual(['agree-audit-plan']);

      snapshot = apply(snapshot, HAPPY_PATH[0].event, people.businessManager).snapshot;
      expect(auditState(snapshot)).toBe('caseSelection');
      expect(contextOf(snapshot).plan).toEqual({
        theme: 'Child protection plans with a domestic abuse component',
        scope: 'Children on a child protection plan for domestic abuse in the last year',
        lookBackMonths: 12,
        auditTool: { id: 'cfa-tool-domestic-abuse', version: 2 },
        meetingOn: '2026-01-14',
      });
      expect(openStepKeys(snapshot)).toEqual(['select-audit-cases']);

      snapshot = apply(snapshot, HAPPY_PATH[1].event, people.businessOfficer).snapshot;
      expect(auditState(snapshot)).toBe('involvementCheck');
      expect(contextOf(snapshot).cases).toEqual([
        { key: 'A', pseudonym: 'Case A' },
        { key: 'B', pseudonym: 'Case B' },
        { key: 'C', pseudonym: 'Case C' },
        { key: 'D', pseudonym: 'Case D' },
      ]);
      expect(contextOf(snapshot).agenciesAwaitingInvolvement).toEqual([POLICE, HEALTH, COUNCIL]);
      expect(dueDates(snapshot)).toEqual({ 'confirm-agency-involvement': '2025-11-17' });

      const confirm = (agencyId: string, caseKeys: string[], on: string) => ({
        type: 'INVOLVEMENT_CONFIRMED',
        on,
        agencyId,
        caseKeys,
      });
      snapshot = apply(
        snapshot,
        confirm(POLICE, ['A', 'B', 'C', 'D'], '2025-11-12'),
        people.policeLead,
      ).snapshot;
      snapshot = apply(
        snapshot,
        confirm(HEALTH, ['C', 'A'], '2025-11-13'),
        people.healthLead,
      ).snapshot;
      expect(auditState(snapshot)).toBe('involvementCheck');
      expect(contextOf(snapshot).agenciesAwaitingInvolvement).toEqual([COUNCIL]);
      // The business unit records the council's answer, given by phone.
      snapshot = apply(
        snapshot,
        confirm(COUNCIL, ['A', 'B', 'C', 'D'], '2025-11-14'),
        people.businessOfficer,
      ).snapshot;

      expect(auditState(snapshot)).toBe('singleAgencyAudits');
      expect(contextOf(snapshot).involvement).toEqual({
        [POLICE]: ['A', 'B', 'C', 'D'],
        [HEALTH]: ['A', 'C'],
        [COUNCIL]: ['A', 'B', 'C', 'D'],
      });
      expect(contextOf(snapshot).involvedAgencyIds).toEqual([POLICE, HEALTH, COUNCIL]);
      expect(contextOf(snapshot).returns).toHaveLength(10);
      expect(contextOf(snapshot).dates.auditsRequestedOn).toBe('2025-11-14');
      expect(dueDates(snapshot)).toEqual({ 'complete-agency-audit-returns': '2025-12-30' });

      const ret = (type: string, agencyId: string, caseKey: string, on: string) => ({
        type,
        on,
        agencyId,
        caseKey,
      });
      snapshot = apply(
        snapshot,
        ret('RETURN_SAVED', POLICE, 'A', '2025-12-01'),
        people.policeAuditor,
      ).snapshot;
      expect(contextOf(snapshot).returns[0]).toMatchObject({ caseKey: 'A', status: 'draft' });
      for (const caseKey of ['A', 'B', 'C', 'D']) {
        snapshot = apply(
          snapshot,
          ret('RETURN_SUBMITTED', POLICE, caseKey, '2025-12-08'),
          people.policeAuditor,
        ).snapshot;
        snapshot = apply(
          snapshot,
          ret('RETURN_SUBMITTED', COUNCIL, caseKey, '2025-12-10'),
          people.councilAuditor,
        ).snapshot;
      }
      expect(contextOf(snapshot).agenciesWithReturnsOutstanding).toEqual([HEALTH]);

      const reopened = apply(
        snapshot,
        { ...ret('RETURN_REOPENED', COUNCIL, 'B', '2025-12-15'), reason: 'Wrong tool version' },
        people.businessOfficer,
      );
      snapshot = reopened.snapshot;
      expect(effects(reopened)).toEqual([
        { type: 'effect.return-reopened', params: { agencyId: COUNCIL, caseKey: 'B' } },
      ]);
      expect(contextOf(snapshot).agenciesWithReturnsOutstanding).toEqual([HEALTH, COUNCIL]);
      snapshot = apply(
        snapshot,
        ret('RETURN_SAVED', COUNCIL, 'B', '2025-12-16'),
        people.councilAuditor,
      ).snapshot;
      snapshot = apply(
        snapshot,
        ret('RETURN_SUBMITTED', COUNCIL, 'B', '2025-12-17'),
        people.councilAuditor,
      ).snapshot;
      snapshot = apply(
        snapshot,
        ret('RETURN_SUBMITTED', HEALTH, 'A', '2025-12-22'),
        people.healthAuditor,
      ).snapshot;
      expect(auditState(snapshot)).toBe('singleAgencyAudits');

      // Health's Case C return is late: the business unit moves on to the meeting without it.
      snapshot = apply(
        snapshot,
        { type: 'AUDITS_CLOSED', on: '2026-01-05' },
        people.businessOfficer,
      ).snapshot;
      expect(auditState(snapshot)).toBe('auditMeeting');
      expect(activeStage(snapshot)).toBe('Audit meeting');
      expect(dueDates(snapshot)).toEqual({
        'prepare-audit-meeting-papers': '2026-01-12',
        'hold-audit-meeting': '2026-01-14',
        'submit-late-audit-returns': '2026-01-14',
      });
      expect(contextOf(snapshot).agenciesWithReturnsOutstanding).toEqual([HEALTH]);

      snapshot = apply(
        snapshot,
        ret('RETURN_SUBMITTED', HEALTH, 'C', '2026-01-07'),
        people.healthAuditor,
      ).snapshot;
      expect(contextOf(snapshot).agenciesWithReturnsOutstanding).toEqual([]);
      expect(auditState(snapshot)).toBe('auditMeeting');

      snapshot = apply(snapshot, HAPPY_PATH[15].event, people.auditChair).snapshot;
      expect(auditState(snapshot)).toBe('overviewReport');
      expect(contextOf(snapshot).moderatedGrades).toEqual({
        A: 'good',
        B: 'requires-improvement',
        C: 'inadequate',
        D: 'outstanding',
      });
      expect(dueDates(snapshot)).toEqual({ 'write-overview-report': '2026-02-11' });

      for (const step of HAPPY_PATH.slice(16)) {
        expect(auditState(snapshot)).toBe(step.state);
        snapshot = apply(snapshot, step.event, step.by).snapshot;
      }

      expect(snapshot.value).toBe('closed');
      expect(snapshot.status).toBe('done');
      expect(activeStage(snapshot)).toBe('Closed');
      expect(snapshot.getMeta()['case-file-audit.closed']).toEqual({
        stage: 'Closed',
        final: true,
      });
      expect(openStepKeys(snapshot)).toEqual([]);
      expect(acceptedEvents(snapshot)).toEqual([]);

      const context = contextOf(snapshot);
      expect(context.returns).toEqual([
        ...['A', 'B', 'C', 'D'].map((caseKey) => ({
          agencyId: POLICE,
          caseKey,
          status: 'submitted',
          submittedOn: '2025-12-08',
          late: false,
          reopenCount: 0,
        })),
        {
          agencyId: HEALTH,
          caseKey: 'A',
          status: 'submitted',
          submittedOn: '2025-12-22',
          late: false,
          reopenCount: 0,
        },
        {
          agencyId: HEALTH,
          caseKey: 'C',
          status: 'submitted',
          submittedOn: '2026-01-07',
          late: true,
          reopenCount: 0,
        },
        ...['A', 'B', 'C', 'D'].map((caseKey) => ({
          agencyId: COUNCIL,
          caseKey,
          status: 'submitted',
          submittedOn: '2025-12-10',
          late: false,
          reopenCount: caseKey === 'B' ? 1 : 0,
        })),
      ]);
      expect(context.recommendationIds).toEqual(['rec-1', 'rec-2']);
      expect(context.learningFormat).toBe('seven-minute-briefing');
      expect(context.closureOutcome).toBe('actions-complete');
      expect(context.dates).toEqual({
        openedOn: '2025-11-03',
        plannedOn: '2025-11-03',
        meetingOn: '2026-01-14',
        casesSelectedOn: '2025-11-10',
        involvementRequestedOn: '2025-11-10',
        auditsRequestedOn: '2025-11-14',
        auditsClosedOn: '2026-01-05',
        meetingHeldOn: '2026-01-14',
        reportSubmittedOn: '2026-02-06',
        approvalMeetingOn: '2026-02-20',
        reportApprovedOn: '2026-02-20',
        actionPlanAgreedOn: '2026-03-02',
        learningSharedOn: '2026-03-10',
        closedOn: '2026-06-30',
      });
    });

    it('goes to the meeting by itself once the last expected return is submitted', () => {
      const snapshot = auditIn('auditMeeting');
      expect(auditState(snapshot)).toBe('auditMeeting');
      expect(contextOf(snapshot).dates.auditsClosedOn).toBeUndefined();
      expect(contextOf(snapshot).agenciesWithReturnsOutstanding).toEqual([]);
      expect(contextOf(snapshot).returns.every((entry) => !entry.late)).toBe(true);
    });

    it('lets an agency revise its involvement answer until every agency has answered', () => {
      let snapshot = auditIn('involvementCheck');
      const confirm = { type: 'INVOLVEMENT_CONFIRMED', on: '2025-11-12', agencyId: POLICE };
      snapshot = apply(snapshot, { ...confirm, caseKeys: ['A'] }, people.policeLead).snapshot;
      snapshot = apply(snapshot, { ...confirm, caseKeys: ['A', 'D'] }, people.policeLead).snapshot;
      expect(contextOf(snapshot).involvement).toEqual({ [POLICE]: ['A', 'D'] });
      expect(contextOf(snapshot).agenciesAwaitingInvolvement).toEqual([HEALTH, COUNCIL]);
    });

    it('asks for no return from an agency that had contact with none of the cases', () => {
      let snapshot = auditIn('involvementCheck');
      for (const [agencyId, caseKeys] of [
        [POLICE, ['B']],
        [HEALTH, []],
        [COUNCIL, ['A', 'B']],
      ] as const) {
        snapshot = apply(
          snapshot,
          { type: 'INVOLVEMENT_CONFIRMED', on: '2025-11-14', agencyId, caseKeys: [...caseKeys] },
          people.businessOfficer,
        ).snapshot;
      }
      expect(contextOf(snapshot).involvedAgencyIds).toEqual([POLICE, COUNCIL]);
      expect(contextOf(snapshot).agenciesWithReturnsOutstanding).toEqual([POLICE, COUNCIL]);
      expect(
        contextOf(snapshot).returns.map((entry) => `${entry.agencyId}:${entry.caseKey}`),
      ).toEqual([`${POLICE}:B`, `${COUNCIL}:A`, `${COUNCIL}:B`]);
    });

    it('reopens a return at the meeting stage and takes the resubmission before the meeting', () => {
      let snapshot = auditIn('auditMeeting');
      const reopen = {
        type: 'RETURN_REOPENED',
        on: '2026-01-08',
        agencyId: POLICE,
        caseKey: 'D',
        reason: 'Overall grade missing its evidence',
      };
      snapshot = apply(snapshot, reopen, people.businessManager).snapshot;
      expect(contextOf(snapshot).agenciesWithReturnsOutstanding).toEqual([POLICE]);
      snapshot = apply(
        snapshot,
        { type: 'RETURN_SUBMITTED', on: '2026-01-09', agencyId: POLICE, caseKey: 'D' },
        people.policeAuditor,
      ).snapshot;
      expect(auditState(snapshot)).toBe('auditMeeting');
      expect(contextOf(snapshot).returns[3]).toMatchObject({
        status: 'submitted',
        submittedOn: '2025-12-19',
        late: false,
        reopenCount: 1,
      });
    });

    it('takes no return once the meeting has been held', () => {
      const snapshot = auditIn('overviewReport');
      expect(acceptedEvents(snapshot)).not.toContain('RETURN_SUBMITTED');
      expect(acceptedEvents(snapshot)).not.toContain('RETURN_REOPENED');
      expect(
        attempt(
          snapshot,
          { type: 'RETURN_SUBMITTED', on: '2026-01-15', agencyId: HEALTH, caseKey: 'A' },
          people.healthAuditor,
        ).outcome,
      ).toBe('not-accepted');
    });
  });

  describe('approval sending the report back', () => {
    it('loops through revision until the report is approved, with a fresh due date each round', () => {
      let snapshot = auditIn('approval');
      expect(dueDates(snapshot)).toEqual({ 'approve-overview-report': '2026-02-20' });

      snapshot = apply(
        snapshot,
        { type: 'REPORT_SENT_BACK', on: '2026-02-20', reason: 'Recommendations need owners' },
        people.partnershipChair,
      ).snapshot;
      expect(auditState(snapshot)).toBe('reportRevision');
      expect(activeStage(snapshot)).toBe('Overview report');
      expect(dueDates(snapshot)).toEqual({ 'revise-overview-report': '2026-03-06' });
      expect(contextOf(snapshot).dates.approvalMeetingOn).toBeUndefined();

      snapshot = apply(
        snapshot,
        { type: 'REPORT_SUBMITTED', on: '2026-03-04', recommendationIds: ['rec-1'] },
        people.auditChair,
      ).snapshot;
      expect(auditState(snapshot)).toBe('approval');
      // No approval meeting named this time: no due date until the business unit sets one.
      expect(dueDates(snapshot)).toEqual({ 'approve-overview-report': null });
      snapshot = apply(
        snapshot,
        {
          type: 'DUE_DATE_CHANGED',
          on: '2026-03-04',
          stepKey: 'approve-overview-report',
          dueOn: '2026-03-19',
          reason: 'Next quality-assurance subgroup',
        },
        people.businessOfficer,
      ).snapshot;
      expect(dueDates(snapshot)).toEqual({ 'approve-overview-report': '2026-03-19' });

      snapshot = apply(
        snapshot,
        { type: 'REPORT_SENT_BACK', on: '2026-03-19', reason: 'Add the learning on step-down' },
        people.leadPartner,
      ).snapshot;
      expect(auditState(snapshot)).toBe('reportRevision');
      expect(contextOf(snapshot).dueOverrides).toEqual({});
      expect(dueDates(snapshot)).toEqual({ 'revise-overview-report': '2026-04-02' });

      snapshot = apply(
        snapshot,
        {
          type: 'REPORT_SUBMITTED',
          on: '2026-03-26',
          recommendationIds: ['rec-1', 'rec-3', 'rec-4'],
          approvalMeetingOn: '2026-04-16',
        },
        people.businessManager,
      ).snapshot;
      snapshot = apply(
        snapshot,
        { type: 'REPORT_APPROVED', on: '2026-04-16' },
        people.leadPartner,
      ).snapshot;

      expect(auditState(snapshot)).toBe('actionPlan');
      expect(contextOf(snapshot).reportSentBackCount).toBe(2);
      expect(contextOf(snapshot).recommendationIds).toEqual(['rec-1', 'rec-3', 'rec-4']);
      expect(contextOf(snapshot).dates.reportApprovedOn).toBe('2026-04-16');
    });

    it('refuses to approve a report with no recommendations, which can only be sent back', () => {
      let snapshot = auditIn('overviewReport');
      snapshot = apply(
        snapshot,
        { type: 'REPORT_SUBMITTED', on: '2026-02-06', recommendationIds: [] },
        people.businessManager,
      ).snapshot;
      expect(
        attempt(snapshot, { type: 'REPORT_APPROVED', on: '2026-02-20' }, people.partnershipChair),
      ).toEqual({
        outcome: 'rejected',
        reason: 'The report has no recommendations; send it back for them to be added.',
      });
      expect(
        attempt(
          snapshot,
          { type: 'REPORT_SENT_BACK', on: '2026-02-20', reason: ' ' },
          people.partnershipChair,
        ),
      ).toEqual({ outcome: 'rejected', reason: 'reason is required.' });
      expect(auditState(snapshot)).toBe('approval');
    });
  });

  describe('immediate concerns', () => {
    const raise = (concernId: string, on: string, caseKey?: string) => ({
      type: 'CONCERN_RAISED',
      on,
      concernId,
      ...(caseKey ? { caseKey } : {}),
    });
    const action = (concernId: string, on: string) => ({
      type: 'CONCERN_ACTIONED',
      on,
      concernId,
    });

    it('are raised at several steps without holding the audit up, and tracked until actioned', () => {
      let snapshot = auditIn('involvementCheck');
      const first = apply(snapshot, raise('concern-1', '2025-11-11', 'B'), people.policeLead);
      snapshot = first.snapshot;
      expect(effects(first)).toEqual([
        { type: 'effect.immediate-concern-raised', params: { concernId: 'concern-1' } },
      ]);
      expect(concernsState(snapshot)).toBe('open');
      expect(auditState(snapshot)).toBe('involvementCheck');
      expect(activeStage(snapshot)).toBe('Involvement check');
      expect(dueDates(snapshot)).toEqual({
        'confirm-agency-involvement': '2025-11-17',
        'record-immediate-concern-action': '2025-11-12',
      });

      // The audit carries on while the concern is open.
      for (const step of HAPPY_PATH.filter((entry) => entry.state === 'involvementCheck')) {
        snapshot = apply(snapshot, step.event, step.by).snapshot;
      }
      expect(auditState(snapshot)).toBe('singleAgencyAudits');

      const second = apply(snapshot, raise('concern-2', '2025-12-03', 'C'), people.healthAuditor);
      snapshot = second.snapshot;
      expect(effects(second)).toEqual([
        { type: 'effect.immediate-concern-raised', params: { concernId: 'concern-2' } },
      ]);
      // The task runs from the oldest concern still open.
      expect(dueDates(snapshot)['record-immediate-concern-action']).toBe('2025-11-12');

      const firstActioned = apply(
        snapshot,
        action('concern-1', '2025-12-04'),
        people.businessManager,
      );
      snapshot = firstActioned.snapshot;
      expect(effects(firstActioned)).toEqual([
        { type: 'effect.immediate-concern-actioned', params: { concernId: 'concern-1' } },
      ]);
      expect(concernsState(snapshot)).toBe('open');
      expect(dueDates(snapshot)['record-immediate-concern-action']).toBe('2025-12-04');

      for (const step of HAPPY_PATH.filter((entry) => entry.state === 'singleAgencyAudits')) {
        snapshot = apply(snapshot, step.event, step.by).snapshot;
      }
      expect(auditState(snapshot)).toBe('auditMeeting');
      snapshot = apply(snapshot, raise('concern-3', '2026-01-14', 'A'), people.auditChair).snapshot;
      snapshot = apply(snapshot, HAPPY_PATH[15].event, HAPPY_PATH[15].by).snapshot;
      expect(auditState(snapshot)).toBe('overviewReport');

      snapshot = apply(snapshot, action('concern-2', '2026-01-15'), people.healthLead).snapshot;
      snapshot = apply(
        snapshot,
        action('concern-3', '2026-01-16'),
        people.partnershipChair,
      ).snapshot;
      expect(concernsState(snapshot)).toBe('noneOpen');
      expect(openStepKeys(snapshot)).toEqual(['write-overview-report']);
      expect(contextOf(snapshot).dates.oldestOpenConcernRaisedOn).toBeUndefined();
      expect(contextOf(snapshot).concerns).toEqual([
        {
          id: 'concern-1',
          raisedBy: 'police-agency-safeguarding-lead',
          raisedByAgencyId: POLICE,
          caseKey: 'B',
          raisedOn: '2025-11-11',
          status: 'actioned',
          actionedBy: 'business-manager',
          actionedOn: '2025-12-04',
        },
        {
          id: 'concern-2',
          raisedBy: 'health-audit-group-member',
          raisedByAgencyId: HEALTH,
          caseKey: 'C',
          raisedOn: '2025-12-03',
          status: 'actioned',
          actionedBy: 'health-agency-safeguarding-lead',
          actionedOn: '2026-01-15',
        },
        {
          id: 'concern-3',
          raisedBy: 'audit-chair',
          raisedByAgencyId: null,
          caseKey: 'A',
          raisedOn: '2026-01-14',
          status: 'actioned',
          actionedBy: 'partnership-chair',
          actionedOn: '2026-01-16',
        },
      ]);
    });

    it('can be raised before any case is selected and after the report is approved', () => {
      let snapshot = startAudit();
      snapshot = apply(snapshot, raise('early', '2025-11-03'), people.auditChair).snapshot;
      expect(contextOf(snapshot).concerns[0]).toMatchObject({ caseKey: null, status: 'open' });
      snapshot = apply(snapshot, action('early', '2025-11-04'), people.businessManager).snapshot;

      snapshot = auditIn('sharingLearning');
      snapshot = apply(snapshot, raise('late', '2026-03-05', 'D'), people.councilAuditor).snapshot;
      expect(auditState(snapshot)).toBe('sharingLearning');
      expect(concernsState(snapshot)).toBe('open');
    });

    it('must all be actioned before the audit is closed or cancelled', () => {
      let snapshot = auditIn('closure');
      snapshot = apply(snapshot, raise('c-1', '2026-06-01', 'A'), people.policeAuditor).snapshot;
      snapshot = apply(snapshot, raise('c-2', '2026-06-02', 'B'), people.councilAuditor).snapshot;
      expect(
        attempt(
          snapshot,
          { type: 'AUDIT_CLOSED', on: '2026-06-30', outcome: 'actions-complete' },
          people.auditChair,
        ),
      ).toEqual({
        outcome: 'rejected',
        reason:
          'Record what was done about all 2 open immediate concerns before closing the audit.',
      });
      snapshot = apply(snapshot, action('c-1', '2026-06-03'), people.businessOfficer).snapshot;
      expect(
        attempt(
          snapshot,
          { type: 'AUDIT_CANCELLED', on: '2026-06-30', reason: 'Merged into the annual audit' },
          people.businessManager,
        ),
      ).toEqual({
        outcome: 'rejected',
        reason:
          'Record what was done about the open immediate concern before cancelling the audit.',
      });
      snapshot = apply(snapshot, action('c-2', '2026-06-04'), people.businessOfficer).snapshot;
      snapshot = apply(
        snapshot,
        { type: 'AUDIT_CLOSED', on: '2026-06-30', outcome: 'moved-to-improvement-plan' },
        people.partnershipChair,
      ).snapshot;
      expect(snapshot.value).toBe('closed');
    });

    it('refuses a concern raised twice or actioned twice', () => {
      let snapshot = auditIn('caseSelection');
      snapshot = apply(snapshot, raise('c-1', '2025-11-05'), people.auditChair).snapshot;
      expect(attempt(snapshot, raise('c-1', '2025-11-05'), people.auditChair)).toEqual({
        outcome: 'rejected',
        reason: 'That concern has already been raised.',
      });
      expect(attempt(snapshot, raise('c-2', '2025-11-05', 'A'), people.auditChair)).toEqual({
        outcome: 'rejected',
        reason: 'There is no Case A in this audit.',
      });
      snapshot = apply(snapshot, action('c-1', '2025-11-06'), people.businessManager).snapshot;
      expect(attempt(snapshot, action('c-1', '2025-11-06'), people.businessManager)).toEqual({
        outcome: 'not-accepted',
        accepted: expect.not.arrayContaining(['CONCERN_ACTIONED']) as unknown,
      });
      snapshot = apply(snapshot, raise('c-3', '2025-11-07'), people.auditChair).snapshot;
      expect(attempt(snapshot, action('c-1', '2025-11-07'), people.businessManager)).toEqual({
        outcome: 'rejected',
        reason: 'What was done about that concern has already been recorded.',
      });
      expect(attempt(snapshot, action('nope', '2025-11-07'), people.businessManager)).toEqual({
        outcome: 'rejected',
        reason: 'There is no immediate concern with that id in this audit.',
      });
    });
  });

  describe('dates the business unit changes', () => {
    it('records a changed due date with its reason, and the date wins over the rule', () => {
      let snapshot = auditIn('singleAgencyAudits');
      expect(dueDates(snapshot)).toEqual({ 'complete-agency-audit-returns': '2025-12-30' });
      const change = {
        type: 'DUE_DATE_CHANGED',
        on: '2025-12-01',
        stepKey: 'complete-agency-audit-returns',
        dueOn: '2026-01-05',
        reason: 'Agencies asked for more time over Christmas',
      };
      snapshot = apply(snapshot, change, people.businessOfficer).snapshot;
      snapshot = apply(
        snapshot,
        { ...change, on: '2025-12-02', dueOn: '2026-01-06', reason: 'One more day' },
        people.businessManager,
      ).snapshot;

      expect(dueDates(snapshot)).toEqual({ 'complete-agency-audit-returns': '2026-01-06' });
      expect(contextOf(snapshot).dateChanges).toEqual([
        {
          subject: 'complete-agency-audit-returns',
          from: null,
          to: '2026-01-05',
          reason: 'Agencies asked for more time over Christmas',
          changedBy: 'business-officer',
          changedOn: '2025-12-01',
        },
        {
          subject: 'complete-agency-audit-returns',
          from: '2026-01-05',
          to: '2026-01-06',
          reason: 'One more day',
          changedBy: 'business-manager',
          changedOn: '2025-12-02',
        },
      ]);
    });

    it('sets the due date of a step that is not open yet', () => {
      let snapshot = auditIn('caseSelection');
      snapshot = apply(
        snapshot,
        {
          type: 'DUE_DATE_CHANGED',
          on: '2025-11-04',
          stepKey: 'write-overview-report',
          dueOn: '2026-03-02',
          reason: 'The chair is away in February',
        },
        people.businessOfficer,
      ).snapshot;
      expect(contextOf(snapshot).dueOverrides).toEqual({ 'write-overview-report': '2026-03-02' });
    });

    it('moves the meeting, so the returns fall due counted back from the new date', () => {
      let snapshot = auditIn('singleAgencyAudits');
      const moved = apply(
        snapshot,
        {
          type: 'MEETING_DATE_CHANGED',
          on: '2025-12-01',
          meetingOn: '2026-01-28',
          reason: 'The chair is unavailable on the 14th',
        },
        people.businessManager,
      );
      snapshot = moved.snapshot;
      expect(effects(moved)).toEqual([
        { type: 'effect.meeting-date-changed', params: { meetingOn: '2026-01-28' } },
      ]);
      expect(contextOf(snapshot).plan?.meetingOn).toBe('2026-01-28');
      expect(dueDates(snapshot)).toEqual({ 'complete-agency-audit-returns': '2026-01-14' });
      expect(contextOf(snapshot).dateChanges).toEqual([
        {
          subject: 'meetingOn',
          from: '2026-01-14',
          to: '2026-01-28',
          reason: 'The chair is unavailable on the 14th',
          changedBy: 'business-manager',
          changedOn: '2025-12-01',
        },
      ]);
    });

    it('cannot move the meeting once it has been held', () => {
      const snapshot = auditIn('overviewReport');
      expect(acceptedEvents(snapshot)).not.toContain('MEETING_DATE_CHANGED');
    });
  });

  describe('cancelling', () => {
    it('ends the audit from any live step, recording when', () => {
      const snapshot = apply(
        auditIn('singleAgencyAudits'),
        { type: 'AUDIT_CANCELLED', on: '2025-12-01', reason: 'Theme folded into a review' },
        people.partnershipChair,
      ).snapshot;
      expect(snapshot.value).toBe('cancelled');
      expect(snapshot.status).toBe('done');
      expect(activeStage(snapshot)).toBe('Cancelled');
      expect(openStepKeys(snapshot)).toEqual([]);
      expect(contextOf(snapshot).dates.cancelledOn).toBe('2025-12-01');
    });
  });

  describe('steps and due rules each state opens', () => {
    const cases: Array<[string, string, Record<string, string | null>]> = [
      ['planning', 'Planning', { 'agree-audit-plan': null }],
      ['caseSelection', 'Case selection', { 'select-audit-cases': null }],
      ['involvementCheck', 'Involvement check', { 'confirm-agency-involvement': '2025-11-17' }],
      [
        'singleAgencyAudits',
        'Single-agency audits',
        { 'complete-agency-audit-returns': '2025-12-30' },
      ],
      [
        'auditMeeting',
        'Audit meeting',
        {
          'prepare-audit-meeting-papers': '2026-01-12',
          'hold-audit-meeting': '2026-01-14',
          'submit-late-audit-returns': '2026-01-14',
        },
      ],
      ['overviewReport', 'Overview report', { 'write-overview-report': '2026-02-11' }],
      ['approval', 'Approval', { 'approve-overview-report': '2026-02-20' }],
      ['actionPlan', 'Action plan', { 'agree-action-plan': null }],
      ['sharingLearning', 'Learning shared', { 'share-audit-learning': null }],
      ['closure', 'Closure', { 'close-audit': null }],
    ];

    it.each(cases)('%s is the %s stage and opens %j', (state, stage, due) => {
      const snapshot = auditIn(state);
      expect(activeStage(snapshot)).toBe(stage);
      expect(dueDates(snapshot)).toEqual(due);
    });

    it('asks each agency about involvement, and each involved agency for returns', () => {
      expect(activeSteps(auditIn('involvementCheck'))).toEqual([STEPS.confirmInvolvement]);
      expect(STEPS.confirmInvolvement.assignee).toEqual({
        kind: 'each-agency',
        contextKey: 'agenciesAwaitingInvolvement',
      });
      expect(STEPS.agencyReturns.assignee).toEqual({
        kind: 'each-agency',
        contextKey: 'agenciesWithReturnsOutstanding',
      });
      expect(STEPS.holdMeeting.assignee).toEqual({ kind: 'instance-role', role: 'panel-chair' });
      expect(STEPS.agreePlan.assignee).toEqual({
        kind: 'partnership-role',
        role: 'business-manager',
      });
    });

    it('counts returns due 10 working days back from the meeting across Christmas and New Year', () => {
      const rule = STEPS.agencyReturns.due;
      expect(rule).toEqual({ kind: 'working-days-before', anchor: 'meetingOn', days: 10 });
      // 14 Jan 2026 back past New Year's Day.
      expect(computeDueDate(rule, { meetingOn: '2026-01-14' }, calendar)).toBe('2025-12-30');
      // 7 Jan 2026 back past New Year's Day, Boxing Day and Christmas Day.
      expect(computeDueDate(rule, { meetingOn: '2026-01-07' }, calendar)).toBe('2025-12-19');
    });

    it('counts the overview report 20 working days from the day the meeting was held', () => {
      const snapshot = apply(
        auditIn('auditMeeting'),
        { ...HAPPY_PATH[15].event, on: '2026-01-15', heldOn: '2026-01-13' },
        people.auditChair,
      ).snapshot;
      expect(dueDates(snapshot)).toEqual({ 'write-overview-report': '2026-02-10' });
    });

    it('lists only the events that make sense in each state', () => {
      const always = ['AUDIT_CANCELLED', 'CONCERN_RAISED', 'DUE_DATE_CHANGED'];
      const expected: Record<string, string[]> = {
        planning: ['PLAN_AGREED'],
        caseSelection: ['CASES_SELECTED', 'MEETING_DATE_CHANGED'],
        involvementCheck: ['INVOLVEMENT_CONFIRMED', 'MEETING_DATE_CHANGED'],
        singleAgencyAudits: [
          'AUDITS_CLOSED',
          'MEETING_DATE_CHANGED',
          'RETURN_REOPENED',
          'RETURN_SAVED',
          'RETURN_SUBMITTED',
        ],
        auditMeeting: [
          'MEETING_DATE_CHANGED',
          'MEETING_HELD',
          'RETURN_REOPENED',
          'RETURN_SAVED',
          'RETURN_SUBMITTED',
        ],
        overviewReport: ['REPORT_SUBMITTED'],
        approval: ['REPORT_APPROVED', 'REPORT_SENT_BACK'],
        actionPlan: ['ACTION_PLAN_AGREED'],
        sharingLearning: ['LEARNING_SHARED'],
        closure: ['AUDIT_CLOSED'],
      };
      for (const [state, events] of Object.entries(expected)) {
        const snapshot: AnyMachineSnapshot = auditIn(state);
        expect([state, acceptedEvents(snapshot)]).toEqual([state, [...always, ...events].sort()]);
      }
    });
  });
});
