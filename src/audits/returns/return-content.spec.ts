import { DEFAULT_AUDIT_TOOL } from '../tools/default-audit-tool';
import type { AuditToolContent } from '../tools/audit-tool-content';
import { missingForSubmission, returnFitProblems, type ReturnContent } from './return-content';

const tool: AuditToolContent = {
  domains: [
    {
      key: 'voice-of-the-child',
      title: 'Voice of the child',
      questions: [{ key: 'child-seen', text: 'Was the child seen?', required: true }],
    },
    {
      key: 'multi-agency-working',
      title: 'Multi-agency working',
      questions: [{ key: 'shared', text: 'Was information shared?', required: false }],
    },
  ],
  gradeScale: [
    { key: 'good', label: 'Good' },
    { key: 'requires-improvement', label: 'Requires Improvement' },
    { key: 'inadequate', label: 'Inadequate' },
  ],
};

const complete: ReturnContent = {
  domainGrades: { 'voice-of-the-child': 'good', 'multi-agency-working': 'requires-improvement' },
  overallGrade: 'good',
  answers: { 'child-seen': 'Yes, alone, at every visit.' },
  strengths: 'Consistent worker.',
  areasForDevelopment: 'Record the child’s words.',
  freeText: null,
};

describe('a return against its audit tool', () => {
  it('fits when every key is the tool’s and every grade on its scale', () => {
    expect(returnFitProblems(tool, complete, complete.overallGrade)).toEqual([]);
  });

  it('names a domain or question the tool does not have, and a grade off its scale', () => {
    const problems = returnFitProblems(
      tool,
      {
        domainGrades: { 'voice-of-the-child': 'outstanding', housing: 'good' },
        answers: { 'no-such-question': 'x' },
      },
      'outstanding',
    );
    expect(problems.map((problem) => problem.field)).toEqual([
      'domainGrades.voice-of-the-child',
      'domainGrades.housing',
      'overallGrade',
      'answers.no-such-question',
    ]);
    expect(problems[0].message).toBe(
      'domainGrades.voice-of-the-child must be one of: good, requires-improvement, inadequate',
    );
  });

  it('can be submitted when every domain, the overall grade, both texts and required answers are there', () => {
    expect(missingForSubmission(tool, complete)).toEqual([]);
  });

  it('names every missing field of an empty return', () => {
    const empty: ReturnContent = {
      domainGrades: {},
      overallGrade: null,
      answers: {},
      strengths: '  ',
      areasForDevelopment: null,
      freeText: null,
    };
    expect(missingForSubmission(tool, empty).map((problem) => problem.field)).toEqual([
      'domainGrades.voice-of-the-child',
      'domainGrades.multi-agency-working',
      'overallGrade',
      'strengths',
      'areasForDevelopment',
      'answers.child-seen',
    ]);
  });

  it('needs only the required answers of the default tool', () => {
    const required = DEFAULT_AUDIT_TOOL.domains.flatMap((domain) =>
      domain.questions.filter((question) => question.required).map((question) => question.key),
    );
    const missing = missingForSubmission(DEFAULT_AUDIT_TOOL, {
      ...complete,
      domainGrades: {},
      answers: {},
    })
      .map((problem) => problem.field)
      .filter((field) => field.startsWith('answers.'));
    expect(missing).toEqual(required.map((key) => `answers.${key}`));
  });
});
