import type { AnyStateNode } from 'xstate';
import { WORKFLOW_DEFINITIONS } from '../../workflows';
import { activeStage } from '../../workflows/shared/steps';
import { instanceStageSql, stageNodes, stageOfStateValue } from './instance-stage-sql';
import { TEST_REVIEW_V1, TEST_REVIEW_V2 } from './testing/test-review.workflow';

const DEFINITIONS = [...WORKFLOW_DEFINITIONS, TEST_REVIEW_V1, TEST_REVIEW_V2];

function everyStateNode(root: AnyStateNode): AnyStateNode[] {
  return [root, ...Object.values(root.states).flatMap(everyStateNode)];
}

/** The state value naming just this node's path; resolving it fills in initial substates. */
function valueOf(node: AnyStateNode): unknown {
  return node.path.reduceRight<unknown>(
    (inner, key) => (inner === null ? key : { [key]: inner }),
    null,
  );
}

describe('the stage of a stored state value', () => {
  const cases = DEFINITIONS.flatMap((definition) =>
    everyStateNode(definition.machine.root)
      .slice(1)
      .map((node) => ({ label: `${definition.key}@${definition.version}`, definition, node })),
  );

  it.each(cases)(
    'agrees with the machine’s own activeStage in $label at $node.id',
    ({ definition, node }) => {
      const snapshot = definition.machine.resolveState({
        value: valueOf(node) as never,
        context: {},
      });
      expect(stageOfStateValue(stageNodes(definition), snapshot.value)).toBe(
        activeStage(snapshot) ?? null,
      );
    },
  );

  it('is null for a value no stage node matches', () => {
    expect(stageOfStateValue(stageNodes(TEST_REVIEW_V1), 'nowhere')).toBeNull();
  });

  it('writes state keys and labels as SQL literals with quotes doubled', () => {
    const practiceReview = WORKFLOW_DEFINITIONS.find((d) => d.key === 'practice-review');
    const sql = instanceStageSql(
      [{ ...TEST_REVIEW_V1, key: "o'brien" }, ...(practiceReview ? [practiceReview] : [])],
      'i',
    );
    expect(sql).toContain("i.definition_key = 'o''brien'");
    expect(sql).toContain("jsonb_exists(i.state_value, 'notification') THEN 'Notification'");
    expect(sql).toContain(
      "jsonb_exists((i.state_value #> '{review}'), 'commissioning') THEN 'Commissioning'",
    );
  });
});
