import type { WorkflowDefinition } from './shared/definition';

/**
 * Every workflow definition the app runs, each key@version once. The engine validates this list
 * at boot and refuses to start when it is wrong. Register machines here as they are written.
 */
export const WORKFLOW_DEFINITIONS: WorkflowDefinition[] = [];
