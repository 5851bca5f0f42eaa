import { WORKFLOW_DEFINITIONS } from '../../workflows';
import { DefinitionRegistry } from '../engine/definitions/definition-registry';
import { stageOf, topState } from './review-stage';

const registry = new DefinitionRegistry(WORKFLOW_DEFINITIONS);

describe('stageOf', () => {
  it('reads the stage of the deepest state that declares one', () => {
    expect(stageOf(registry, 'practice-review', 1, { rapidReview: 'meeting' })).toBe(
      'Rapid review',
    );
    expect(stageOf(registry, 'practice-review', 1, { review: { drafting: 'commentRound' } })).toBe(
      'Draft report',
    );
    expect(stageOf(registry, 'serious-case-review', 1, 'steppedDown')).toBe(
      'Stepped down to a learning review',
    );
  });

  it('is null for a workflow or state it does not know', () => {
    expect(stageOf(registry, 'nothing', 1, 'closed')).toBeNull();
    expect(stageOf(registry, 'practice-review', 1, 'noSuchState')).toBeNull();
  });

  it('names the top-level state', () => {
    expect(topState({ review: { drafting: 'writing' } })).toBe('review');
    expect(topState('deferred')).toBe('deferred');
    expect(topState(null)).toBeNull();
  });
});
