import { setup } from 'xstate';
import type { WorkflowDefinition } from '../../../workflows/shared/definition';
import { TEST_REVIEW_V1, TEST_REVIEW_V2 } from '../testing/test-review.workflow';
import { DefinitionRegistry, InvalidWorkflowDefinitionsError } from './definition-registry';
import { definitionProblems } from './definition-validation';

/** A one-state machine whose state declares `steps` (and optionally an `after` timer). */
function withSteps(steps: unknown[], options: { after?: boolean } = {}): WorkflowDefinition {
  const machine = setup({
    types: { events: {} as { type: 'GO' } | { type: 'DEADLINE_PASSED' } },
  }).createMachine({
    id: 'tiny',
    initial: 'open',
    states: {
      open: {
        meta: { steps },
        on: { GO: 'done', DEADLINE_PASSED: 'done' },
        ...(options.after ? { after: { 1000: 'done' } } : {}),
      },
      done: { type: 'final' },
    },
  });
  return {
    key: 'tiny',
    version: 1,
    title: 'Tiny',
    referenceCode: 'TINY',
    machine,
    permissions: {},
  };
}

const step = {
  key: 'first-step',
  title: 'Do the first thing',
  assignee: { kind: 'partnership-role', role: 'business-manager' },
  due: { kind: 'working-days-after', anchor: 'startedOn', days: 5 },
};

describe('workflow definition validation', () => {
  it('accepts the test workflow in both versions', () => {
    expect(definitionProblems([TEST_REVIEW_V1, TEST_REVIEW_V2])).toEqual([]);
  });

  it('refuses two definitions with the same key and version', () => {
    expect(definitionProblems([TEST_REVIEW_V1, TEST_REVIEW_V1])).toEqual([
      'test-review@1: registered twice (key and version must be unique)',
    ]);
  });

  it('names the step and the fault of an invalid due rule', () => {
    const problems = definitionProblems([
      withSteps([{ ...step, due: { kind: 'working-days-after', anchor: 'startedOn', days: -1 } }]),
    ]);
    expect(problems).toEqual([
      "tiny@1: state 'open' step 'first-step': due rule working-days-after: days must be a whole number of 0 or more, got -1",
    ]);
  });

  it('refuses a step key declared twice, an unknown assignee kind and an unknown role', () => {
    const problems = definitionProblems([
      withSteps([
        step,
        { ...step },
        { ...step, key: 'second', assignee: { kind: 'whoever' } },
        { ...step, key: 'third', assignee: { kind: 'instance-role', role: 'janitor' } },
      ]),
    ]);
    expect(problems).toEqual([
      "tiny@1: state 'open' step 'first-step': step key declared more than once in the machine",
      "tiny@1: state 'open' step 'second': unknown assignee kind \"whoever\" (expected one of: instance-role, partnership-role, each-agency, person)",
      "tiny@1: state 'open' step 'third': assignee role \"janitor\" is not an instance role",
    ]);
  });

  it('refuses an onDue event the machine never accepts, and onDue without a due rule', () => {
    const problems = definitionProblems([
      withSteps([
        { ...step, onDue: 'TIME_IS_UP' },
        { ...step, key: 'undated', due: undefined, onDue: 'DEADLINE_PASSED' },
      ]),
    ]);
    expect(problems).toEqual([
      "tiny@1: state 'open' step 'first-step': onDue \"TIME_IS_UP\" is not an event the machine accepts",
      "tiny@1: state 'open' step 'undated': onDue needs a due rule",
    ]);
  });

  it('refuses XState after timers: business deadlines live in the database', () => {
    expect(definitionProblems([withSteps([step], { after: true })])).toEqual([
      "tiny@1: state 'open' uses an XState 'after' timer; business deadlines are steps with a due rule and onDue",
    ]);
  });

  it('refuses permissions and checks for events the machine does not have', () => {
    const definition: WorkflowDefinition = {
      ...withSteps([step]),
      permissions: {
        GO: { partnershipRoles: ['business-manager'], reason: 'Only the business manager.' },
        LAUNCH: { partnershipRoles: ['business-manager'], reason: 'Only the business manager.' },
        DEADLINE_PASSED: { taskHolderOf: ['no-such-step'], reason: '' },
      },
      checks: { LAUNCH: () => null },
    };
    expect(definitionProblems([definition])).toEqual([
      'tiny@1: permission for LAUNCH: the machine never accepts LAUNCH',
      'tiny@1: permission for DEADLINE_PASSED: reason must say who may send it',
      "tiny@1: permission for DEADLINE_PASSED: no step 'no-such-step' in the machine",
      'tiny@1: check for LAUNCH, which the machine never accepts',
    ]);
  });

  it('refuses a migration on version 1 and malformed keys and codes', () => {
    const problems = definitionProblems([
      {
        ...withSteps([step]),
        key: 'Tiny Audit',
        referenceCode: 'tiny',
        migrateFromPrevious: (s) => s,
      },
    ]);
    expect(problems).toEqual([
      'Tiny Audit@1: key must be lower-case words joined by hyphens, e.g. case-file-audit',
      'Tiny Audit@1: referenceCode must be 1-16 capital letters or digits, e.g. LCSPR',
      'Tiny Audit@1: version 1 has no previous version to migrate from',
    ]);
  });

  it('makes the registry refuse to build with every problem in one message', () => {
    expect(() => new DefinitionRegistry([TEST_REVIEW_V1, TEST_REVIEW_V1])).toThrow(
      InvalidWorkflowDefinitionsError,
    );
    expect(() => new DefinitionRegistry([TEST_REVIEW_V1, TEST_REVIEW_V1])).toThrow(
      /Workflow definitions are invalid:\n {2}- test-review@1: registered twice/,
    );
  });

  it('finds definitions by key and version, and the latest version of a key', () => {
    const registry = new DefinitionRegistry([TEST_REVIEW_V2, TEST_REVIEW_V1]);
    expect(registry.find('test-review', 1)).toBe(TEST_REVIEW_V1);
    expect(registry.latest('test-review')).toBe(TEST_REVIEW_V2);
    expect(registry.find('test-review', 3)).toBeUndefined();
    expect(() => registry.get('case-file-audit', 1)).toThrow(
      'There is no workflow case-file-audit version 1.',
    );
  });
});
