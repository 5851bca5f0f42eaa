import type { IsoDate, Rag } from '../../calendar';

/** One live audit or review as a row of the dashboard. */
export interface DashboardRow {
  id: string;
  reference: string;
  definitionKey: string;
  kindName: string;
  stage: string | null;
  /** The soonest due date of its open tasks. */
  nextDueOn: IsoDate | null;
  /** Working days from today to `nextDueOn`; negative when past it. */
  workingDaysLeft: number | null;
  /** Some open task is past its due date. */
  overdue: boolean;
  rag: Rag | null;
}

export const SORTS = ['due', 'reference', 'kind'] as const;
export type DashboardSort = (typeof SORTS)[number];
export const RAGS = ['red', 'amber', 'green'] as const;
export const OVERDUE_CHOICES = ['yes', 'no'] as const;

/** What the dashboard's GET form asks for; anything not understood is treated as not asked. */
export interface DashboardQuery {
  kind: string | null;
  stage: string | null;
  rag: Rag | null;
  overdue: (typeof OVERDUE_CHOICES)[number] | null;
  sort: DashboardSort;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | null {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : null;
}

/**
 * Reads the query string. Kinds and stages must be ones the dashboard offers (`kinds`, `stages`),
 * so a stale or hand-made link shows everything rather than an error.
 */
export function parseDashboardQuery(
  query: Record<string, unknown>,
  offered: { kinds: readonly string[]; stages: readonly string[] },
): DashboardQuery {
  return {
    kind: oneOf(query.kind, offered.kinds),
    stage: oneOf(query.stage, offered.stages),
    rag: oneOf(query.rag, RAGS),
    overdue: oneOf(query.overdue, OVERDUE_CHOICES),
    sort: oneOf(query.sort, SORTS) ?? 'due',
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Soonest due first, those with nothing due last; then by reference. */
function byDue(a: DashboardRow, b: DashboardRow): number {
  if (a.nextDueOn !== b.nextDueOn) {
    if (a.nextDueOn === null) return 1;
    if (b.nextDueOn === null) return -1;
    return compareText(a.nextDueOn, b.nextDueOn);
  }
  return compareText(a.reference, b.reference);
}

const ORDER: Record<DashboardSort, (a: DashboardRow, b: DashboardRow) => number> = {
  due: byDue,
  reference: (a, b) => compareText(a.reference, b.reference),
  kind: (a, b) => compareText(a.kindName, b.kindName) || byDue(a, b),
};

/** The rows the query asks for, in its order. Pure. */
export function filterAndSort(
  rows: readonly DashboardRow[],
  query: DashboardQuery,
): DashboardRow[] {
  return rows
    .filter(
      (row) =>
        (query.kind === null || row.definitionKey === query.kind) &&
        (query.stage === null || row.stage === query.stage) &&
        (query.rag === null || row.rag === query.rag) &&
        (query.overdue === null || row.overdue === (query.overdue === 'yes')),
    )
    .sort(ORDER[query.sort]);
}
