import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { SYSTEM_ACTOR } from '../../../workflows/shared/roles';
import { testReviewMachineV1, testReviewMachineV2 } from '../testing/test-review.workflow';
import {
  persistSnapshot,
  restoreSnapshot,
  snapshotFitProblem,
  SnapshotMismatchError,
} from './snapshot';

function inCommenting(): AnyMachineSnapshot {
  const send = (snapshot: AnyMachineSnapshot, event: Record<string, unknown>) =>
    transition(testReviewMachineV1, snapshot, {
      ...event,
      actor: SYSTEM_ACTOR,
    } as never)[0] as AnyMachineSnapshot;
  let snapshot = initialTransition(testReviewMachineV1, {
    awareOn: '2026-03-02',
  })[0] as AnyMachineSnapshot;
  snapshot = send(snapshot, { type: 'NOTIFICATION_SENT', sentOn: '2026-03-03' });
  snapshot = send(snapshot, { type: 'DECIDE', decision: 'lcspr' });
  return send(snapshot, { type: 'SEND_DRAFT', on: '2026-03-10' });
}

describe('persisted snapshots', () => {
  it('round-trips through JSON without running anything', () => {
    const snapshot = inCommenting();
    const stored = JSON.parse(
      JSON.stringify(persistSnapshot(testReviewMachineV1, snapshot)),
    ) as unknown;
    const restored = restoreSnapshot(testReviewMachineV1, stored);
    expect(restored.value).toEqual({ review: 'commenting' });
    expect(restored.context).toEqual(snapshot.context);
    expect(restored.can({ type: 'CLOSE_COMMENTS', actor: SYSTEM_ACTOR })).toBe(true);
  });

  it('says why a snapshot no longer fits: a state that no longer exists', () => {
    const stored = persistSnapshot(testReviewMachineV1, inCommenting());
    expect(snapshotFitProblem(testReviewMachineV2, stored)).toBe(
      "state 'review' has no state 'commenting'",
    );
    expect(() => restoreSnapshot(testReviewMachineV2, stored)).toThrow(SnapshotMismatchError);
  });

  it('refuses a value naming a compound state without its substate, and a status that cannot be restored', () => {
    const stored = persistSnapshot(testReviewMachineV1, inCommenting());
    expect(snapshotFitProblem(testReviewMachineV1, { ...stored, value: 'review' })).toBe(
      "state 'review' now has substates, so the stored value no longer names one",
    );
    expect(
      snapshotFitProblem(testReviewMachineV1, { ...stored, value: { notification: 'x' } }),
    ).toBe("state 'notification' no longer has substates");
    expect(snapshotFitProblem(testReviewMachineV1, { ...stored, status: 'error' })).toBe(
      'the snapshot status "error" cannot be restored',
    );
    expect(snapshotFitProblem(testReviewMachineV1, null)).toBe('the snapshot is not an object');
  });
});
