/**
 * Assertions every review definition's spec makes about how its machine is declared. Jest's
 * `expect` is imported, not global, so the build that leaves Jest types out still compiles this.
 */
import { expect } from '@jest/globals';
import { readFileSync } from 'fs';
import { join } from 'path';
import type { AnyMachineSnapshot } from 'xstate';
import { validateDueRule } from '../../src/calendar';
import type { WorkflowDefinition } from '../shared/definition';
import { diagramDocument } from '../shared/diagram';
import { start } from '../shared/machine-testing';
import { declaredSteps, machineEventTypes } from './review-testing';

/** The `diagram.md` in `folder` is the one generated from the definition's machine. */
export function expectDiagramInStep(definition: WorkflowDefinition, folder: string): void {
  const written = readFileSync(join(folder, 'diagram.md'), 'utf8');
  expect(written).toBe(diagramDocument(definition.title, definition.machine));
}

/** A permission for every event a person can send (all but `systemEvents`), and none for others. */
export function expectPermissionForEveryPersonEvent(
  definition: WorkflowDefinition,
  systemEvents: readonly string[],
): void {
  const personEvents = machineEventTypes(definition.machine).filter(
    (type) => !systemEvents.includes(type),
  );
  expect(Object.keys(definition.permissions).sort()).toEqual(personEvents);
  expect(machineEventTypes(definition.machine)).toEqual(expect.arrayContaining([...systemEvents]));
  for (const eventType of Object.keys(definition.checks ?? {})) {
    expect(personEvents).toContain(eventType);
  }
}

/**
 * Unique step keys; each due rule valid and anchored on a date one of `recordingEveryDate` records;
 * each assignee's context key there from the start (`input`).
 */
export function expectSoundStepDeclarations(
  definition: WorkflowDefinition,
  input: unknown,
  recordingEveryDate: readonly AnyMachineSnapshot[],
): void {
  const steps = declaredSteps(definition.machine);
  const keys = steps.map((step) => step.key);
  expect(new Set(keys).size).toBe(keys.length);
  const recorded = new Set(
    recordingEveryDate.flatMap((snapshot) =>
      Object.entries((snapshot.context as { dates: Record<string, string | undefined> }).dates)
        .filter(([, date]) => date !== undefined)
        .map(([anchor]) => anchor),
    ),
  );
  const initial = start(definition.machine, input).context as Record<string, unknown>;
  for (const step of steps) {
    if (step.due) {
      expect(validateDueRule(step.due)).toEqual([]);
      expect([step.key, recorded.has(step.due.anchor)]).toEqual([step.key, true]);
    }
    if (step.assignee.kind === 'each-agency') {
      expect(Array.isArray(initial[step.assignee.contextKey])).toBe(true);
    }
    if (step.assignee.kind === 'person') {
      expect(initial).toHaveProperty(step.assignee.contextKey);
    }
  }
}

/** No step title (shown in emails) carries the child's pseudonym or a template placeholder. */
export function expectNoCaseDetailsInStepTitles(
  definition: WorkflowDefinition,
  pseudonym: string,
): void {
  for (const step of declaredSteps(definition.machine)) {
    expect(step.title).not.toMatch(new RegExp(`${pseudonym}|\\$\\{|\\{\\{`));
  }
}
