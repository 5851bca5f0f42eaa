import { isGrade, type Grade } from '../../../workflows/case-file-audit/grades';
import type { AuditToolContent, FieldProblem } from '../tools/audit-tool-content';

/** What an agency writes in its return, against its audit's pinned tool version. */
export interface ReturnContent {
  domainGrades: Record<string, Grade>;
  overallGrade: Grade | null;
  answers: Record<string, string>;
  strengths: string | null;
  areasForDevelopment: string | null;
  freeText: string | null;
}

export const RETURN_TEXT_MAX = 10_000;

/**
 * What in a draft does not fit the tool: a domain or question the tool does not have, a grade
 * outside its scale, an answer that is not text. Each problem names its field.
 */
export function returnFitProblems(
  tool: AuditToolContent,
  draft: { domainGrades: Record<string, unknown>; answers: Record<string, unknown> },
  overallGrade: Grade | null,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const scale = tool.gradeScale.map((grade) => grade.key);
  const scaleText = scale.join(', ');
  const domains = new Set(tool.domains.map((domain) => domain.key));
  for (const [key, grade] of Object.entries(draft.domainGrades)) {
    const field = `domainGrades.${key}`;
    if (!domains.has(key)) {
      problems.push({ field, message: `${field}: the audit tool has no domain ${key}` });
    } else if (!isGrade(grade) || !scale.includes(grade)) {
      problems.push({ field, message: `${field} must be one of: ${scaleText}` });
    }
  }
  if (overallGrade !== null && !scale.includes(overallGrade)) {
    problems.push({ field: 'overallGrade', message: `overallGrade must be one of: ${scaleText}` });
  }
  const questions = new Set(
    tool.domains.flatMap((domain) => domain.questions.map((question) => question.key)),
  );
  for (const [key, answer] of Object.entries(draft.answers)) {
    const field = `answers.${key}`;
    if (!questions.has(key)) {
      problems.push({ field, message: `${field}: the audit tool has no question ${key}` });
    } else if (typeof answer !== 'string' || answer.length > RETURN_TEXT_MAX) {
      problems.push({
        field,
        message: `${field} must be text of at most ${RETURN_TEXT_MAX} characters`,
      });
    }
  }
  return problems;
}

/**
 * What a return still needs before it can be submitted, each naming its field: a grade for every
 * domain and overall, strengths, areas for development, and an answer to every required question.
 */
export function missingForSubmission(
  tool: AuditToolContent,
  content: ReturnContent,
): FieldProblem[] {
  const missing: FieldProblem[] = [];
  const blank = (value: string | null | undefined): boolean => !value || value.trim() === '';
  for (const domain of tool.domains) {
    if (!content.domainGrades[domain.key]) {
      const field = `domainGrades.${domain.key}`;
      missing.push({ field, message: `${field}: grade the domain “${domain.title}”` });
    }
  }
  if (!content.overallGrade) {
    missing.push({
      field: 'overallGrade',
      message: 'overallGrade: give the case an overall grade',
    });
  }
  if (blank(content.strengths)) {
    missing.push({ field: 'strengths', message: 'strengths: say what was done well' });
  }
  if (blank(content.areasForDevelopment)) {
    missing.push({
      field: 'areasForDevelopment',
      message: 'areasForDevelopment: say what could be done better',
    });
  }
  for (const domain of tool.domains) {
    for (const question of domain.questions) {
      if (question.required && blank(content.answers[question.key])) {
        const field = `answers.${question.key}`;
        missing.push({ field, message: `${field}: answer “${question.text}”` });
      }
    }
  }
  return missing;
}
