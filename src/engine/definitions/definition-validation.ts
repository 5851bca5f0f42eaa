import type { AnyStateNode } from 'xstate';
import { validateDueRule } from '../../calendar';
import type { WorkflowDefinition } from '../../../workflows/shared/definition';
import { INSTANCE_ROLES, PARTNERSHIP_ROLES } from '../../../workflows/shared/roles';
import type { StateMeta, StepDeclaration } from '../../../workflows/shared/steps';
import { allStateNodes } from '../runtime/snapshot';

const KEY = /^[a-z][a-z0-9-]*$/;
const REFERENCE_CODE = /^[A-Z][A-Z0-9]{0,15}$/;
const STEP_KEY = /^[a-z0-9][a-z0-9-]*$/;
const ASSIGNEE_KINDS = ['instance-role', 'partnership-role', 'each-agency', 'person'];

/**
 * Everything wrong with a set of workflow definitions, each problem naming `key@version` and
 * where; empty when the app may boot with them.
 */
export function definitionProblems(definitions: readonly WorkflowDefinition[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  definitions.forEach((definition, index) => {
    const label = labelOf(definition, index);
    if (seen.has(label))
      problems.push(`${label}: registered twice (key and version must be unique)`);
    seen.add(label);
    problems.push(...oneDefinitionProblems(definition).map((problem) => `${label}: ${problem}`));
  });
  return problems;
}

function labelOf(definition: WorkflowDefinition, index: number): string {
  const key = typeof definition?.key === 'string' ? definition.key : `definition #${index + 1}`;
  return `${key}@${String(definition?.version)}`;
}

function oneDefinitionProblems(definition: WorkflowDefinition): string[] {
  const problems: string[] = [];
  if (typeof definition.key !== 'string' || !KEY.test(definition.key)) {
    problems.push('key must be lower-case words joined by hyphens, e.g. case-file-audit');
  }
  if (!Number.isSafeInteger(definition.version) || definition.version < 1) {
    problems.push('version must be a whole number from 1');
  }
  if (typeof definition.title !== 'string' || definition.title.trim() === '') {
    problems.push('title must not be empty');
  }
  if (
    typeof definition.referenceCode !== 'string' ||
    !REFERENCE_CODE.test(definition.referenceCode)
  ) {
    problems.push('referenceCode must be 1-16 capital letters or digits, e.g. LCSPR');
  }
  if (definition.migrateFromPrevious !== undefined) {
    if (typeof definition.migrateFromPrevious !== 'function') {
      problems.push('migrateFromPrevious must be a function');
    } else if (definition.version === 1) {
      problems.push('version 1 has no previous version to migrate from');
    }
  }
  const machine = definition.machine as Partial<WorkflowDefinition['machine']> | undefined;
  if (!machine || typeof machine.getPersistedSnapshot !== 'function' || !machine.root) {
    problems.push('machine must be an XState v5 machine built with setup().createMachine()');
    return problems;
  }
  const nodes = allStateNodes(definition.machine);
  const events = new Set(definition.machine.root.events.map(String));
  const stepKeys = new Set<string>();
  for (const node of nodes) problems.push(...stateProblems(node, events, stepKeys));
  problems.push(...permissionProblems(definition, events, stepKeys));
  for (const [type, check] of Object.entries(definition.checks ?? {})) {
    if (!events.has(type)) problems.push(`check for ${type}, which the machine never accepts`);
    if (typeof check !== 'function') problems.push(`check for ${type} must be a function`);
  }
  return problems;
}

function stateProblems(node: AnyStateNode, events: Set<string>, stepKeys: Set<string>): string[] {
  const where = node.path.length === 0 ? 'the machine' : `state '${node.path.join('.')}'`;
  const problems: string[] = [];
  if (node.after.length > 0) {
    problems.push(
      `${where} uses an XState 'after' timer; business deadlines are steps with a due rule and onDue`,
    );
  }
  const meta = node.meta as unknown;
  if (meta === undefined) return problems;
  if (typeof meta !== 'object' || meta === null)
    return [...problems, `${where}: meta must be an object`];
  const steps = (meta as Pick<StateMeta, 'steps'>).steps as unknown;
  if (steps === undefined) return problems;
  if (!Array.isArray(steps)) return [...problems, `${where}: meta.steps must be an array`];
  for (const declared of steps as unknown[]) {
    // Declared as data, so checked as data: nothing about its shape is assumed.
    const step = (typeof declared === 'object' && declared !== null ? declared : {}) as Partial<
      Record<keyof StepDeclaration, unknown>
    >;
    const key = step.key;
    const stepLabel = typeof key === 'string' ? `${where} step '${key}'` : `${where} a step`;
    if (typeof key !== 'string' || !STEP_KEY.test(key)) {
      problems.push(`${stepLabel}: key must be lower-case words joined by hyphens`);
    } else if (stepKeys.has(key)) {
      problems.push(`${stepLabel}: step key declared more than once in the machine`);
    } else {
      stepKeys.add(key);
    }
    if (typeof step.title !== 'string' || step.title.trim() === '' || step.title.length > 200) {
      problems.push(`${stepLabel}: title must be 1-200 characters`);
    }
    problems.push(...assigneeProblems(step.assignee).map((problem) => `${stepLabel}: ${problem}`));
    if (step.due !== undefined) {
      problems.push(
        ...validateDueRule(step.due).map((problem) => `${stepLabel}: due rule ${problem}`),
      );
    }
    if (step.remind !== undefined && typeof step.remind !== 'boolean') {
      problems.push(`${stepLabel}: remind must be true or false`);
    }
    if (step.onDue !== undefined) {
      if (step.due === undefined) problems.push(`${stepLabel}: onDue needs a due rule`);
      if (typeof step.onDue !== 'string' || !events.has(step.onDue)) {
        problems.push(
          `${stepLabel}: onDue ${JSON.stringify(step.onDue)} is not an event the machine accepts`,
        );
      }
    }
  }
  return problems;
}

function assigneeProblems(assignee: unknown): string[] {
  if (typeof assignee !== 'object' || assignee === null) return ['assignee is missing'];
  const { kind, role, contextKey } = assignee as Record<string, unknown>;
  switch (kind) {
    case 'instance-role':
      return (INSTANCE_ROLES as readonly unknown[]).includes(role)
        ? []
        : [`assignee role ${JSON.stringify(role)} is not an instance role`];
    case 'partnership-role':
      return (PARTNERSHIP_ROLES as readonly unknown[]).includes(role)
        ? []
        : [`assignee role ${JSON.stringify(role)} is not a partnership role`];
    case 'each-agency':
    case 'person':
      return typeof contextKey === 'string' && contextKey.trim() !== ''
        ? []
        : [`assignee ${kind} needs a contextKey`];
    default:
      return [
        `unknown assignee kind ${JSON.stringify(kind)} (expected one of: ${ASSIGNEE_KINDS.join(', ')})`,
      ];
  }
}

function permissionProblems(
  definition: WorkflowDefinition,
  events: Set<string>,
  stepKeys: Set<string>,
): string[] {
  const problems: string[] = [];
  for (const [type, permission] of Object.entries(definition.permissions ?? {})) {
    const label = `permission for ${type}`;
    if (!events.has(type)) problems.push(`${label}: the machine never accepts ${type}`);
    if (typeof permission?.reason !== 'string' || permission.reason.trim() === '') {
      problems.push(`${label}: reason must say who may send it`);
    }
    for (const role of permission?.partnershipRoles ?? []) {
      if (!(PARTNERSHIP_ROLES as readonly string[]).includes(role)) {
        problems.push(`${label}: ${JSON.stringify(role)} is not a partnership role`);
      }
    }
    for (const role of permission?.instanceRoles ?? []) {
      if (!(INSTANCE_ROLES as readonly string[]).includes(role)) {
        problems.push(`${label}: ${JSON.stringify(role)} is not an instance role`);
      }
    }
    for (const key of permission?.taskHolderOf ?? []) {
      if (!stepKeys.has(key)) problems.push(`${label}: no step '${key}' in the machine`);
    }
  }
  return problems;
}
