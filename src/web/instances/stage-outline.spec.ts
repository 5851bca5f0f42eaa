import { createMachine } from 'xstate';
import { stageOutline, stageProgress, type StageMove } from './stage-outline';

const machine = createMachine({
  id: 'example',
  initial: 'notification',
  states: {
    notification: {
      meta: { stage: 'Notification', steps: [{ key: 'notify' }] },
    },
    rapid: {
      meta: { stage: 'Rapid review' },
      initial: 'summaries',
      states: {
        summaries: { meta: { steps: [{ key: 'summary' }] } },
        meeting: { meta: { steps: [{ key: 'meeting' }] } },
      },
    },
    panel: { meta: { stage: 'Panel response', steps: [{ key: 'respond' }] } },
    report: { meta: { stage: 'Report', steps: [{ key: 'draft' }] } },
    closed: { type: 'final', meta: { stage: 'Closed', final: true } },
    noReview: { type: 'final', meta: { stage: 'No review', final: true } },
  },
});

const move = (fromStage: string | null, toStage: string, day: number): StageMove => ({
  fromStage,
  toStage,
  occurredAt: new Date(`2026-03-${String(day).padStart(2, '0')}T10:00:00Z`),
});

describe('stageOutline', () => {
  it('lists each stage once in document order with the steps declared under it', () => {
    expect(stageOutline({ machine })).toEqual([
      { stage: 'Notification', final: false, stepKeys: ['notify'] },
      { stage: 'Rapid review', final: false, stepKeys: ['summary', 'meeting'] },
      { stage: 'Panel response', final: false, stepKeys: ['respond'] },
      { stage: 'Report', final: false, stepKeys: ['draft'] },
      { stage: 'Closed', final: true, stepKeys: [] },
      { stage: 'No review', final: true, stepKeys: [] },
    ]);
  });
});

describe('stageProgress', () => {
  const outline = stageOutline({ machine });

  it('marks stages left completed, the current one in progress with its due date, the rest not started', () => {
    const progress = stageProgress(
      outline,
      { stage: 'Rapid review', live: true },
      [move(null, 'Notification', 2), move('Notification', 'Rapid review', 4)],
      [
        { stepKey: 'meeting', dueOn: '2026-03-20' },
        { stepKey: 'summary', dueOn: '2026-03-12' },
      ],
    );
    expect(progress).toEqual([
      {
        stage: 'Notification',
        status: 'completed',
        completedAt: new Date('2026-03-04T10:00:00Z'),
        dueOn: null,
      },
      { stage: 'Rapid review', status: 'in-progress', completedAt: null, dueOn: '2026-03-12' },
      { stage: 'Panel response', status: 'not-started', completedAt: null, dueOn: null },
      { stage: 'Report', status: 'not-started', completedAt: null, dueOn: null },
    ]);
  });

  it('says a stage passed by was not needed, and shows an ending only once reached', () => {
    const progress = stageProgress(
      outline,
      { stage: 'Report', live: true },
      [move(null, 'Notification', 2), move('Notification', 'Report', 4)],
      [],
    );
    expect(progress.map((entry) => [entry.stage, entry.status])).toEqual([
      ['Notification', 'completed'],
      ['Rapid review', 'not-needed'],
      ['Panel response', 'not-needed'],
      ['Report', 'in-progress'],
    ]);
    const ended = stageProgress(
      outline,
      { stage: 'No review', live: false },
      [move(null, 'Notification', 2), move('Notification', 'No review', 4)],
      [],
    );
    expect(ended.map((entry) => [entry.stage, entry.status])).toEqual([
      ['Notification', 'completed'],
      ['Rapid review', 'not-needed'],
      ['Panel response', 'not-needed'],
      ['Report', 'not-needed'],
      ['No review', 'completed'],
    ]);
  });
});
