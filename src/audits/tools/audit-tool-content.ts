import { GRADE_KEYS, type Grade } from '../../../workflows/case-file-audit/grades';

/** One question of a grading domain. */
export interface ToolQuestion {
  /** Unique within the tool, kebab-case, e.g. `voice-recorded`. */
  key: string;
  text: string;
  /** A return cannot be submitted without an answer to it. */
  required: boolean;
}

/** A grading domain, e.g. "Voice of the child", with the questions that inform its grade. */
export interface ToolDomain {
  /** Unique within the tool, kebab-case, e.g. `voice-of-the-child`. */
  key: string;
  title: string;
  questions: ToolQuestion[];
}

/** A grade auditors may choose, as this tool labels it. */
export interface ToolGrade {
  key: Grade;
  label: string;
}

/** What one version of an audit tool holds. */
export interface AuditToolContent {
  domains: ToolDomain[];
  gradeScale: ToolGrade[];
}

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * Rules across fields that the DTOs cannot express: keys unique across the tool, and grades in the
 * standard order (best first) so every tool's grades compare.
 */
export function toolContentProblems(content: AuditToolContent): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const domainKeys = new Set<string>();
  const questionKeys = new Set<string>();
  content.domains.forEach((domain, d) => {
    if (domainKeys.has(domain.key)) {
      problems.push({ field: `domains.${d}.key`, message: `domains.${d}.key is used twice` });
    }
    domainKeys.add(domain.key);
    domain.questions.forEach((question, q) => {
      const field = `domains.${d}.questions.${q}.key`;
      if (questionKeys.has(question.key)) {
        problems.push({ field, message: `${field} is used twice in this tool` });
      }
      questionKeys.add(question.key);
    });
  });
  const keys = content.gradeScale.map((grade) => grade.key);
  if (new Set(keys).size !== keys.length) {
    problems.push({ field: 'gradeScale', message: 'gradeScale lists a grade twice' });
  } else {
    const order = keys.map((key) => GRADE_KEYS.indexOf(key));
    if (order.some((position, i) => i > 0 && position < order[i - 1])) {
      problems.push({
        field: 'gradeScale',
        message: `gradeScale must list grades best first: ${GRADE_KEYS.join(', ')}`,
      });
    }
  }
  return problems;
}
