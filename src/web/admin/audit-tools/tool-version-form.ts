import type { AuditToolContent, ToolDomain } from '../../../audits/tools/audit-tool-content';
import { FormErrors, type FormView } from '../../forms/form-errors';

/** Empty rows offered for adding: questions under each domain, and whole domains at the end. */
const EXTRA_QUESTIONS = 2;
const EXTRA_DOMAINS = 1;
const MAX_TITLE = 200;
const MAX_TEXT = 500;
/** The shape of a domain or question key (as the audit tools API requires). */
const KEY = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

export interface QuestionRow {
  key: string;
  text: string;
  required: boolean;
}

export interface DomainRow {
  key: string;
  title: string;
  questions: QuestionRow[];
}

/** The edit form's values: every domain with its questions, as repeated fields. */
export type ToolVersionValues = {
  domains: DomainRow[];
};

const blankQuestion = (): QuestionRow => ({ key: '', text: '', required: false });

/** The rows of a version's content, with empty rows to add domains and questions. */
export function toolVersionValues(content: Pick<AuditToolContent, 'domains'>): ToolVersionValues {
  const withBlanks = (domain: DomainRow): DomainRow => ({
    ...domain,
    questions: [...domain.questions, ...Array.from({ length: EXTRA_QUESTIONS }, blankQuestion)],
  });
  return {
    domains: [
      ...content.domains.map((domain: ToolDomain) =>
        withBlanks({
          key: domain.key,
          title: domain.title,
          questions: domain.questions.map((q) => ({ ...q })),
        }),
      ),
      ...Array.from({ length: EXTRA_DOMAINS }, () =>
        withBlanks({ key: '', title: '', questions: [blankQuestion()] }),
      ),
    ],
  };
}

/** `qs` parses `domains[0][title]` into an array, or into an object past 20 entries. */
function listOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value as unknown[];
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value)
      .filter(([index]) => /^\d+$/.test(index))
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([, entry]) => entry as unknown);
  }
  return [];
}

function field(value: unknown, name: string): string {
  const entry =
    typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)[name]
      : undefined;
  return typeof entry === 'string' ? entry.trim().replace(/\s+/g, ' ') : '';
}

/** The posted form as rows, exactly as typed (trimmed), so it can be shown again. */
export function toolVersionRows(body: unknown): ToolVersionValues {
  const domains = listOf((body as { domains?: unknown } | null)?.domains);
  return {
    domains: domains.map((domain) => ({
      key: field(domain, 'key'),
      title: field(domain, 'title'),
      questions: listOf((domain as { questions?: unknown } | null)?.questions).map((question) => ({
        key: field(question, 'key'),
        text: field(question, 'text'),
        required: field(question, 'required') === 'yes',
      })),
    })),
  };
}

/** The keys of one kind in a tool: each row claims its own, or a new one made from its text. */
class Keys {
  private readonly claimed = new Set<string>();

  constructor(private readonly existing: readonly string[]) {}

  claim(key: string, text: string, fallback: string): string {
    if (this.existing.includes(key) && !this.claimed.has(key)) {
      this.claimed.add(key);
      return key;
    }
    const base = slug(text) || fallback;
    let made = base;
    for (let n = 2; this.claimed.has(made) || this.existing.includes(made); n++) {
      made = `${base}-${n}`;
    }
    this.claimed.add(made);
    return made;
  }
}

/** Lower-case words joined by hyphens, starting with a letter, e.g. `voice-of-the-child`. */
function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, 50)
    .replace(/-+$/, '');
}

export type ToolVersionOutcome =
  { ok: true; domains: ToolDomain[] } | { ok: false; form: FormView };

/**
 * The domains and questions of a new version from the posted rows. A row left empty is dropped
 * (that is how a question or domain is removed); a domain keeps its key so returns still compare
 * across versions, and a new one gets a key made from its title.
 */
export function readToolVersion(body: unknown): ToolVersionOutcome {
  const rows = toolVersionRows(body);
  const errors: Record<string, string> = {};
  const kept = rows.domains
    .map((domain, d) => ({
      ...domain,
      index: d,
      questions: domain.questions
        .map((question, q) => ({ ...question, index: q }))
        .filter((question) => question.text !== ''),
    }))
    .filter((domain) => domain.title !== '' || domain.questions.length > 0);
  if (kept.length === 0) errors['domains-0-title'] = 'Enter at least one grading domain';
  for (const domain of kept) {
    const at = `domains-${domain.index}`;
    if (domain.title === '') errors[`${at}-title`] = `Enter a title for domain ${domain.index + 1}`;
    else if (domain.title.length > MAX_TITLE) {
      errors[`${at}-title`] = `Domain title must be ${MAX_TITLE} characters or fewer`;
    }
    for (const question of domain.questions) {
      if (question.text.length > MAX_TEXT) {
        errors[`${at}-questions-${question.index}-text`] =
          `Question must be ${MAX_TEXT} characters or fewer`;
      }
    }
  }
  if (Object.keys(errors).length > 0) {
    return { ok: false, form: { values: rows, errors: FormErrors.fromMap(errors) } };
  }
  // Keys kept from the version edited stay; a new, forged or repeated key is made afresh.
  const known = (key: string) => KEY.test(key) && key.length <= 60;
  const domainKeys = new Keys(kept.map((domain) => domain.key).filter(known));
  const questionKeys = new Keys(
    kept.flatMap((domain) => domain.questions.map((question) => question.key)).filter(known),
  );
  return {
    ok: true,
    domains: kept.map((domain, d) => ({
      key: domainKeys.claim(domain.key, domain.title, `domain-${d + 1}`),
      title: domain.title,
      questions: domain.questions.map((question, q) => ({
        key: questionKeys.claim(question.key, question.text, `question-${d + 1}-${q + 1}`),
        text: question.text,
        required: question.required,
      })),
    })),
  };
}
