import { GRADES } from '../../../workflows/case-file-audit/grades';
import type { AuditToolContent } from './audit-tool-content';

export const DEFAULT_AUDIT_TOOL_NAME = 'Multi-agency case file audit tool';

/**
 * The partnership audit tool the demo starts with: the domains partnerships commonly grade, each
 * with a few questions. A partnership edits it by publishing new versions.
 */
export const DEFAULT_AUDIT_TOOL: AuditToolContent = {
  domains: [
    {
      key: 'voice-of-the-child',
      title: 'Voice of the child',
      questions: [
        {
          key: 'child-seen',
          text: 'Was the child seen, and seen alone where appropriate?',
          required: true,
        },
        {
          key: 'wishes-recorded',
          text: "Are the child's wishes and feelings recorded and acted on?",
          required: false,
        },
      ],
    },
    {
      key: 'assessment-of-risk',
      title: 'Assessment of risk and need',
      questions: [
        {
          key: 'history-considered',
          text: 'Did the assessment consider the family history?',
          required: true,
        },
      ],
    },
    {
      key: 'planning-and-review',
      title: 'Planning and review',
      questions: [
        {
          key: 'plan-outcomes',
          text: 'Is there a plan with clear outcomes, reviewed on time?',
          required: false,
        },
      ],
    },
    {
      key: 'multi-agency-working',
      title: 'Multi-agency working and information sharing',
      questions: [
        {
          key: 'information-shared',
          text: 'Was information shared with the right agencies promptly?',
          required: true,
        },
      ],
    },
  ],
  gradeScale: GRADES.map((grade) => ({ key: grade.key, label: grade.label })),
};
