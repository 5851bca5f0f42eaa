import type { AnyStateNode } from 'xstate';
import type { IsoDate } from '../../calendar';
import type { WorkflowDefinition } from '../../../workflows/shared/definition';
import type { StateMeta } from '../../../workflows/shared/steps';

/** A stage a workflow declares, with the steps of its states, in the order the machine lists them. */
export interface OutlineStage {
  stage: string;
  /** Every state declaring it ends the instance's live work (closed, stepped down…). */
  final: boolean;
  stepKeys: string[];
}

/** Where an instance stands on one stage, for the GOV.UK task list. */
export type StageStatus = 'completed' | 'in-progress' | 'not-started' | 'not-needed';

export interface StageProgress {
  stage: string;
  status: StageStatus;
  /** When it was last left (completed stages). */
  completedAt: Date | null;
  /** The soonest due date of its open tasks (the stage in progress). */
  dueOn: IsoDate | null;
}

/** The stages of a definition, each once, in document order, with the step keys declared under them. */
export function stageOutline(definition: Pick<WorkflowDefinition, 'machine'>): OutlineStage[] {
  const stages = new Map<string, OutlineStage>();
  const walk = (node: AnyStateNode, inherited: OutlineStage | null): void => {
    const meta = node.meta as StateMeta | undefined;
    let current = inherited;
    if (meta?.stage) {
      current = stages.get(meta.stage) ?? { stage: meta.stage, final: true, stepKeys: [] };
      current.final &&= meta.final === true;
      stages.set(meta.stage, current);
    }
    for (const step of meta?.steps ?? []) {
      if (current && !current.stepKeys.includes(step.key)) current.stepKeys.push(step.key);
    }
    Object.values(node.states).forEach((child) => walk(child, current));
  };
  walk(definition.machine.root, null);
  return [...stages.values()];
}

/** One entry of the instance's history, its states read as stage labels. */
export interface StageMove {
  fromStage: string | null;
  toStage: string | null;
  occurredAt: Date;
}

/**
 * The task list of an instance: each stage of its workflow completed (visited and left), in
 * progress (where it is now, while live), not yet started, or not needed (passed by: an earlier
 * stage it never entered, or any it never entered once it has ended). Outcomes that end the work
 * by another road (a review not held, an audit cancelled) appear only when reached.
 */
export function stageProgress(
  outline: readonly OutlineStage[],
  current: { stage: string | null; live: boolean },
  history: readonly StageMove[],
  openTasks: ReadonlyArray<{ stepKey: string; dueOn: IsoDate | null }>,
): StageProgress[] {
  const visited = new Set(history.flatMap((move) => [move.fromStage, move.toStage]));
  if (current.stage) visited.add(current.stage);
  const currentIndex = outline.findIndex((entry) => entry.stage === current.stage);
  return outline.flatMap((entry, index): StageProgress[] => {
    const inProgress = current.live && entry.stage === current.stage;
    if (!visited.has(entry.stage)) {
      if (entry.final) return [];
      const passed = !current.live || index < currentIndex;
      return [
        {
          stage: entry.stage,
          status: passed ? 'not-needed' : 'not-started',
          completedAt: null,
          dueOn: null,
        },
      ];
    }
    const left = history.filter(
      (move) => move.fromStage === entry.stage && move.toStage !== entry.stage,
    );
    const due = openTasks
      .filter((task) => entry.stepKeys.includes(task.stepKey) && task.dueOn !== null)
      .map((task) => task.dueOn as IsoDate)
      .sort();
    return [
      {
        stage: entry.stage,
        status: inProgress ? 'in-progress' : 'completed',
        completedAt: inProgress ? null : (left[left.length - 1]?.occurredAt ?? null),
        dueOn: inProgress ? (due[0] ?? null) : null,
      },
    ];
  });
}
