/**
 * The rows of an `UPDATE … RETURNING` run through TypeORM's `query()`, which hands UPDATE and
 * DELETE results back as `[rows, rowCount]` but INSERT results as the rows themselves.
 */
export function returnedRows<T>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}
