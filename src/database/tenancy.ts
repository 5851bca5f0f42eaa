import { DataSource, EntityManager } from 'typeorm';

/**
 * Whose rows a unit of work may touch. PostgreSQL row-level security enforces it: inside a
 * partnership scope the transaction runs as the unprivileged `reviews_app` role with the visible
 * partnership ids in `app.partnership_ids`, so a query that forgets its filter still cannot read
 * or write another partnership's rows. `system` (migrations, the worker's cross-partnership sweeps)
 * runs as the connecting owner role and sees everything; use it only where no person is acting.
 */
export type TenancyScope =
  { kind: 'partnerships'; partnershipIds: readonly string[] } | { kind: 'system' };

export const SYSTEM_SCOPE: TenancyScope = { kind: 'system' };

export function partnershipScope(partnershipIds: readonly string[]): TenancyScope {
  return { kind: 'partnerships', partnershipIds };
}

export type IsolationLevel = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

/** Runs `work` in one transaction under `scope`. Everything it writes commits together or not at all. */
export async function inScope<T>(
  dataSource: DataSource,
  scope: TenancyScope,
  work: (manager: EntityManager) => Promise<T>,
  isolation: IsolationLevel = 'READ COMMITTED',
): Promise<T> {
  return dataSource.transaction(isolation, async (manager) => {
    await applyScope(manager, scope);
    return work(manager);
  });
}

/** Applies `scope` to a transaction already open on `manager`. */
export async function applyScope(manager: EntityManager, scope: TenancyScope): Promise<void> {
  if (scope.kind === 'system') return;
  await manager.query(`SELECT set_config('app.partnership_ids', $1, true)`, [
    scope.partnershipIds.join(','),
  ]);
  await manager.query('SET LOCAL ROLE reviews_app');
}
