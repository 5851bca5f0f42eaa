import { createHash } from 'node:crypto';
import type { PoolClient, QueryConfig, QueryResultRow } from 'pg';
import type { EntityManager } from 'typeorm';

/**
 * `text` as a named prepared statement, so PostgreSQL plans the engine's hot statements once per
 * connection rather than on every event. The name is derived from the text, so each distinct
 * statement gets its own.
 */
export function preparedStatement(text: string, values: unknown[]): QueryConfig {
  return {
    name: `engine_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`,
    text,
    values,
  };
}

/** Runs `text` as a named prepared statement on the transaction's own connection. */
export async function preparedQuery<T extends QueryResultRow>(
  manager: EntityManager,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const runner = manager.queryRunner;
  if (!runner) return manager.query(text, values);
  const client = (await runner.connect()) as PoolClient;
  const result = await client.query<T>(preparedStatement(text, values));
  return result.rows;
}

/** The SQLSTATE of a failed query, whether it came through TypeORM or straight from pg. */
export function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const direct = (error as { code?: unknown }).code;
  if (typeof direct === 'string') return direct;
  const driver = (error as { driverError?: { code?: unknown } }).driverError?.code;
  return typeof driver === 'string' ? driver : undefined;
}
