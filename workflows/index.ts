import { caseFileAuditDefinition } from './case-file-audit/case-file-audit.definition';
import { learningReviewDefinition } from './learning-review/learning-review.definition';
import { practiceReviewDefinition } from './practice-review/practice-review.definition';
import { seriousCaseReviewDefinition } from './serious-case-review/serious-case-review.definition';
import type { WorkflowDefinition } from './shared/definition';

/**
 * Every workflow definition the app runs, each key@version once. The engine validates this list
 * at boot and refuses to start when it is wrong. Register machines here as they are written.
 */
export const WORKFLOW_DEFINITIONS: WorkflowDefinition[] = [
  caseFileAuditDefinition,
  practiceReviewDefinition,
  seriousCaseReviewDefinition,
  learningReviewDefinition,
];
