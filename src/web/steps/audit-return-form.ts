import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { SaveReturnDto } from '../../audits/returns/dto/return.dto';
import {
  missingForSubmission,
  RETURN_TEXT_MAX,
  returnFitProblems,
  type ReturnContent,
} from '../../audits/returns/return-content';
import type { AuditToolContent } from '../../audits/tools/audit-tool-content';
import type { Grade } from '../../../workflows/case-file-audit/grades';

/** The return's own text fields, in the order the form asks for them. */
export const RETURN_TEXT_FIELDS = [
  { name: 'strengths', label: 'Strengths', hint: 'What was done well for the child' },
  {
    name: 'areasForDevelopment',
    label: 'Areas for development',
    hint: 'What could have been done better',
  },
  {
    name: 'freeText',
    label: 'Anything else (optional)',
    hint: 'Anything the audit meeting should know that the questions above do not cover',
  },
] as const;

type TextField = (typeof RETURN_TEXT_FIELDS)[number]['name'];

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** A draft read from the posted form: only what was filled in; blank answers are left out. */
export function draftFromForm(body: Readonly<Record<string, unknown>>): SaveReturnDto {
  const grades = Object.entries(record(body.domainGrades)).filter(
    ([, grade]) => typeof grade === 'string' && grade !== '',
  );
  const answers = Object.entries(record(body.answers)).filter(
    ([, answer]) => typeof answer === 'string' && answer.trim() !== '',
  );
  const overall = text(body.overallGrade);
  return {
    domainGrades: Object.fromEntries(grades) as Record<string, Grade>,
    overallGrade: overall ? (overall as Grade) : null,
    answers: Object.fromEntries(answers) as Record<string, string>,
    strengths: text(body.strengths),
    areasForDevelopment: text(body.areasForDevelopment),
    freeText: text(body.freeText),
  };
}

/** What the form shows: the draft as saved, in the shape the form posts. */
export function formValuesOf(content: ReturnContent): Record<string, unknown> {
  return {
    domainGrades: content.domainGrades,
    overallGrade: content.overallGrade ?? '',
    answers: content.answers,
    strengths: content.strengths ?? '',
    areasForDevelopment: content.areasForDevelopment ?? '',
    freeText: content.freeText ?? '',
  };
}

export function contentOf(draft: SaveReturnDto): ReturnContent {
  const blankToNull = (value: string | undefined): string | null =>
    value === undefined || value.trim() === '' ? null : value;
  return {
    domainGrades: draft.domainGrades ?? {},
    overallGrade: draft.overallGrade ?? null,
    answers: draft.answers ?? {},
    strengths: blankToNull(draft.strengths),
    areasForDevelopment: blankToNull(draft.areasForDevelopment),
    freeText: blankToNull(draft.freeText),
  };
}

const TEXT_LABELS: Readonly<Record<TextField, string>> = {
  strengths: 'Strengths',
  areasForDevelopment: 'Areas for development',
  freeText: 'Anything else',
};

/** A field's label for people, from the tool's own words. */
function labelFor(tool: AuditToolContent, field: string): string {
  const [group, key] = field.split('.');
  if (group === 'domainGrades') {
    return tool.domains.find((domain) => domain.key === key)?.title ?? 'The grade';
  }
  if (group === 'answers') {
    const question = tool.domains
      .flatMap((domain) => domain.questions)
      .find((entry) => entry.key === key);
    return question ? `The answer to “${question.text}”` : 'The answer';
  }
  if (group === 'overallGrade') return 'The overall grade';
  return TEXT_LABELS[group as TextField] ?? group;
}

/**
 * What is wrong with the draft's form, as GOV.UK messages by field: over-long text (the DTO's
 * limits) and grades or questions the tool does not have (the returns service's fit rules).
 */
export function draftProblems(
  tool: AuditToolContent,
  draft: SaveReturnDto,
): Record<string, string> {
  const messages: Record<string, string> = {};
  const limit = RETURN_TEXT_MAX.toLocaleString('en-GB');
  for (const error of validateSync(plainToInstance(SaveReturnDto, draft))) {
    messages[error.property] =
      `${labelFor(tool, error.property)} must be ${limit} characters or fewer`;
  }
  const fit = returnFitProblems(
    tool,
    { domainGrades: draft.domainGrades ?? {}, answers: draft.answers ?? {} },
    draft.overallGrade ?? null,
  );
  for (const problem of fit) {
    messages[problem.field] ??= problem.field.startsWith('answers.')
      ? `${labelFor(tool, problem.field)} must be ${limit} characters or fewer`
      : `Select one of the grades for ${labelFor(tool, problem.field)}`;
  }
  return messages;
}

/** What the return still needs before it can be submitted, as GOV.UK messages by field. */
export function missingMessages(
  tool: AuditToolContent,
  content: ReturnContent,
): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const { field } of missingForSubmission(tool, content)) {
    const [group] = field.split('.');
    switch (group) {
      case 'domainGrades':
        messages[field] = `Select a grade for ${labelFor(tool, field)}`;
        break;
      case 'overallGrade':
        messages[field] = 'Select an overall grade for the case';
        break;
      case 'strengths':
        messages[field] = 'Enter the strengths: what was done well';
        break;
      case 'areasForDevelopment':
        messages[field] = 'Enter the areas for development: what could be done better';
        break;
      default:
        messages[field] = `Enter ${labelFor(tool, field).replace(/^The/, 'the')}`;
    }
  }
  return messages;
}

/** One row of the check-your-answers summary list. */
export interface AnswerRow {
  label: string;
  value: string;
  /** The form field the Change link goes to. */
  fieldId: string;
}

/** The return as check-your-answers rows, in the form's order. */
export function answerRows(tool: AuditToolContent, content: ReturnContent): AnswerRow[] {
  const gradeLabel = (grade: Grade | null | undefined): string =>
    tool.gradeScale.find((entry) => entry.key === grade)?.label ?? 'Not given';
  const rows: AnswerRow[] = [];
  for (const domain of tool.domains) {
    rows.push({
      label: domain.title,
      value: gradeLabel(content.domainGrades[domain.key]),
      fieldId: `domainGrades-${domain.key}`,
    });
    for (const question of domain.questions) {
      rows.push({
        label: question.text,
        value: content.answers[question.key] ?? 'Not answered',
        fieldId: `answers-${question.key}`,
      });
    }
  }
  rows.push({
    label: 'Overall grade',
    value: gradeLabel(content.overallGrade),
    fieldId: 'overallGrade',
  });
  for (const field of RETURN_TEXT_FIELDS) {
    rows.push({
      label: TEXT_LABELS[field.name],
      value: content[field.name] ?? 'None',
      fieldId: field.name,
    });
  }
  return rows;
}
