import type { WorkflowDefinition } from '../../../workflows/shared/definition';
import { EngineErrorCode, EngineException } from '../engine.exception';
import { definitionProblems } from './definition-validation';

/** The definitions given to the engine are wrong: the app must not boot with them. */
export class InvalidWorkflowDefinitionsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Workflow definitions are invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'InvalidWorkflowDefinitionsError';
  }
}

/** Every workflow definition the engine runs, validated once when it is built. */
export class DefinitionRegistry {
  private readonly byLabel = new Map<string, WorkflowDefinition>();

  constructor(definitions: readonly WorkflowDefinition[]) {
    const problems = definitionProblems(definitions);
    if (problems.length > 0) throw new InvalidWorkflowDefinitionsError(problems);
    for (const definition of definitions) {
      this.byLabel.set(`${definition.key}@${definition.version}`, definition);
    }
  }

  all(): WorkflowDefinition[] {
    return [...this.byLabel.values()];
  }

  find(key: string, version: number): WorkflowDefinition | undefined {
    return this.byLabel.get(`${key}@${version}`);
  }

  /** The definition, or a 422 naming what is missing. */
  get(key: string, version: number): WorkflowDefinition {
    const definition = this.find(key, version);
    if (!definition) {
      throw new EngineException(
        EngineErrorCode.DefinitionNotFound,
        `There is no workflow ${key} version ${version}.`,
      );
    }
    return definition;
  }

  /** The highest registered version of `key`. */
  latest(key: string): WorkflowDefinition | undefined {
    return this.all()
      .filter((definition) => definition.key === key)
      .sort((a, b) => b.version - a.version)[0];
  }
}
