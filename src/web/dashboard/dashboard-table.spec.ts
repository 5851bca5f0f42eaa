import { filterAndSort, parseDashboardQuery, type DashboardRow } from './dashboard-table';

const row = (reference: string, overrides: Partial<DashboardRow> = {}): DashboardRow => ({
  id: reference,
  reference,
  definitionKey: 'practice-review',
  kindName: 'Practice review',
  stage: 'Rapid review',
  nextDueOn: null,
  workingDaysLeft: null,
  overdue: false,
  rag: null,
  ...overrides,
});

const offered = { kinds: ['practice-review', 'case-file-audit'], stages: ['Rapid review'] };

describe('parseDashboardQuery', () => {
  it('keeps what the form offers and sorts by due date unless asked otherwise', () => {
    expect(
      parseDashboardQuery(
        { kind: 'case-file-audit', stage: 'Rapid review', rag: 'red', overdue: 'yes' },
        offered,
      ),
    ).toEqual({
      kind: 'case-file-audit',
      stage: 'Rapid review',
      rag: 'red',
      overdue: 'yes',
      sort: 'due',
    });
  });

  it('treats anything it does not offer as not asked, rather than failing', () => {
    expect(
      parseDashboardQuery(
        { kind: 'nonsense', stage: ['a', 'b'], rag: 'blue', overdue: 'maybe', sort: 'x' },
        offered,
      ),
    ).toEqual({ kind: null, stage: null, rag: null, overdue: null, sort: 'due' });
  });
});

describe('filterAndSort', () => {
  const rows = [
    row('LCSPR-3', { nextDueOn: '2026-05-01', rag: 'green' }),
    row('CFA-1', {
      definitionKey: 'case-file-audit',
      kindName: 'Case file audit',
      stage: 'Planning',
      nextDueOn: '2026-04-01',
      overdue: true,
      rag: 'red',
    }),
    row('LCSPR-1', { nextDueOn: null }),
    row('LCSPR-2', { nextDueOn: '2026-04-15', rag: 'amber' }),
  ];
  const all = parseDashboardQuery({}, offered);

  it('puts the soonest due first and what has nothing due last', () => {
    expect(filterAndSort(rows, all).map((r) => r.reference)).toEqual([
      'CFA-1',
      'LCSPR-2',
      'LCSPR-3',
      'LCSPR-1',
    ]);
  });

  it('sorts by reference or by type', () => {
    expect(filterAndSort(rows, { ...all, sort: 'reference' }).map((r) => r.reference)).toEqual([
      'CFA-1',
      'LCSPR-1',
      'LCSPR-2',
      'LCSPR-3',
    ]);
    expect(filterAndSort(rows, { ...all, sort: 'kind' }).map((r) => r.reference)).toEqual([
      'CFA-1',
      'LCSPR-2',
      'LCSPR-3',
      'LCSPR-1',
    ]);
  });

  it('filters by type, stage, RAG and overdue together', () => {
    expect(
      filterAndSort(rows, { ...all, kind: 'practice-review' }).map((r) => r.reference),
    ).toEqual(['LCSPR-2', 'LCSPR-3', 'LCSPR-1']);
    expect(filterAndSort(rows, { ...all, stage: 'Planning' }).map((r) => r.reference)).toEqual([
      'CFA-1',
    ]);
    expect(filterAndSort(rows, { ...all, rag: 'amber' }).map((r) => r.reference)).toEqual([
      'LCSPR-2',
    ]);
    expect(filterAndSort(rows, { ...all, overdue: 'no' }).map((r) => r.reference)).toEqual([
      'LCSPR-2',
      'LCSPR-3',
      'LCSPR-1',
    ]);
    expect(
      filterAndSort(rows, { ...all, kind: 'practice-review', overdue: 'yes' }).map(
        (r) => r.reference,
      ),
    ).toEqual([]);
  });
});
