import { initialTransition, type AnyMachineSnapshot } from 'xstate';
import { BusinessCalendar } from '../../calendar';
import { actor } from '../../../workflows/shared/machine-testing';
import { SYSTEM_ACTOR, type ActorContext } from '../../../workflows/shared/roles';
import { TEST_REVIEW_V1 } from '../testing/test-review.workflow';
import { decide, statusOf, type Decision } from './decide';

const POLICE = '00000000-0000-4000-8000-000000000001';
const HEALTH = '00000000-0000-4000-8000-000000000002';
const calendar = new BusinessCalendar();

function start(): AnyMachineSnapshot {
  return initialTransition(TEST_REVIEW_V1.machine, {
    awareOn: '2026-03-30',
    agencies: [POLICE, HEALTH],
  })[0] as AnyMachineSnapshot;
}

function send(
  snapshot: AnyMachineSnapshot,
  type: string,
  payload: Record<string, unknown>,
  by: ActorContext,
  heldStepKeys: string[] = [],
): Decision {
  return decide({
    definition: TEST_REVIEW_V1,
    snapshot,
    type,
    payload,
    actor: by,
    heldStepKeys,
    calendar,
    today: '2026-04-20',
  });
}

function applied(decision: Decision): Extract<Decision, { outcome: 'applied' }> {
  if (decision.outcome !== 'applied')
    throw new Error(`expected applied, got ${JSON.stringify(decision)}`);
  return decision;
}

const manager = actor({ partnership: ['business-manager'] });

describe('deciding an event (pure, no database)', () => {
  it('applies an accepted event and lists the effects the machine asked for', () => {
    const decision = applied(send(start(), 'NOTIFICATION_SENT', { sentOn: '2026-04-01' }, manager));
    expect(decision.next.value).toBe('rapidReview');
    expect(decision.effects).toEqual([
      { topic: 'national-panel-notified', payload: { sentOn: '2026-04-01' } },
    ]);
  });

  it('refuses an actor whose roles the permission does not name, with its reason', () => {
    expect(
      send(
        start(),
        'NOTIFICATION_SENT',
        { sentOn: '2026-04-01' },
        actor({ instance: ['panel-member'] }),
      ),
    ).toEqual({
      outcome: 'forbidden',
      reason: 'Only the business unit can record the notification.',
    });
  });

  it('refuses people an event nobody may send by hand, but lets the system send it', () => {
    expect(send(start(), 'DEADLINE_PASSED', { stepKey: 'notify-panel' }, manager)).toMatchObject({
      outcome: 'forbidden',
    });
    expect(
      send(start(), 'DEADLINE_PASSED', { stepKey: 'notify-panel' }, SYSTEM_ACTOR).outcome,
    ).toBe('applied');
  });

  it('lists the accepted events when the state does not take the event', () => {
    expect(send(start(), 'CLOSE_COMMENTS', {}, manager)).toEqual({
      outcome: 'not-accepted',
      acceptedEvents: [
        'DEADLINE_PASSED',
        'NOTIFICATION_SENT',
        'NUDGE',
        'SET_DATE',
        'SET_DUE_DATE',
        'WITHDRAW',
      ],
    });
  });

  it('treats an event every guard refuses as not accepted: guards see the actor', () => {
    const rapidReview = applied(
      send(start(), 'NOTIFICATION_SENT', { sentOn: '2026-04-01' }, manager),
    ).next;
    const policeLead = actor({ agencyId: POLICE });
    expect(
      send(rapidReview, 'SUMMARY_RETURNED', { agencyId: HEALTH }, policeLead, ['agency-summary'])
        .outcome,
    ).toBe('not-accepted');
    expect(
      send(rapidReview, 'SUMMARY_RETURNED', { agencyId: POLICE }, policeLead, ['agency-summary'])
        .outcome,
    ).toBe('applied');
  });

  it('lets a task holder send what the permission grants to holders of that step', () => {
    const rapidReview = applied(
      send(start(), 'NOTIFICATION_SENT', { sentOn: '2026-04-01' }, manager),
    ).next;
    const policeLead = actor({ agencyId: POLICE });
    expect(
      send(rapidReview, 'SUMMARY_RETURNED', { agencyId: POLICE }, policeLead, []).outcome,
    ).toBe('forbidden');
  });

  it('refuses with the check’s reason when a business rule fails', () => {
    const rapidReview = applied(
      send(start(), 'NOTIFICATION_SENT', { sentOn: '2026-04-01' }, manager),
    ).next;
    expect(
      send(rapidReview, 'DECIDE', { decision: 'no-review' }, actor({ instance: ['panel-chair'] })),
    ).toEqual({
      outcome: 'rejected',
      reason: 'Every agency summary must be returned before the decision.',
    });
    expect(send(start(), 'SET_DATE', { anchor: 'awareOn', date: '2026-02-30' }, manager)).toEqual({
      outcome: 'rejected',
      reason: 'The date must be a real date written YYYY-MM-DD.',
    });
  });

  it('applies an event whose transition only runs an effect, leaving the state as it was', () => {
    const decision = applied(send(start(), 'NUDGE', {}, manager));
    expect(decision.next.value).toBe('notification');
    expect(decision.effects).toEqual([{ topic: 'nudge', payload: { round: 1 } }]);
  });

  it('accepts nothing once the machine is done, and calls the instance closed', () => {
    const withdrawn = applied(send(start(), 'WITHDRAW', {}, manager)).next;
    expect(statusOf(withdrawn)).toBe('closed');
    expect(statusOf(start())).toBe('live');
    expect(send(withdrawn, 'NUDGE', {}, manager)).toEqual({
      outcome: 'not-accepted',
      acceptedEvents: [],
    });
  });
});
