import type { PoolClient, QueryConfig, QueryResult, QueryResultRow } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * A transaction the engine runs on its own connection, in fewer round trips than TypeORM's:
 * BEGIN travels with the first statement (the instance lock) and COMMIT with the last (the write),
 * pipelined (each statement keeps its own Sync, so a failed statement still stops the ones after
 * it: a failed write turns the COMMIT behind it into a rollback). Between the two, `manager` is an
 * ordinary TypeORM manager in the transaction.
 */
export class EngineTransaction {
  private state: 'new' | 'open' | 'done' = 'new';

  private constructor(
    private readonly runner: QueryRunner,
    private readonly client: PoolClient,
  ) {}

  static async open(dataSource: DataSource): Promise<EngineTransaction> {
    const runner = dataSource.createQueryRunner();
    try {
      return new EngineTransaction(runner, (await runner.connect()) as PoolClient);
    } catch (error) {
      await runner.release();
      throw error;
    }
  }

  get manager(): EntityManager {
    return this.runner.manager;
  }

  /** Starts the transaction and runs its first statement, in one round trip. */
  async begin<T extends QueryResultRow>(statement: QueryConfig): Promise<T[]> {
    if (this.state !== 'new') throw new Error('The transaction has already begun.');
    this.state = 'open';
    // TypeORM's own bookkeeping, as startTransaction() leaves it: a nested manager.transaction()
    // then takes a savepoint instead of starting (and committing) a transaction of its own.
    Object.assign(this.runner, { isTransactionActive: true, transactionDepth: 1 });
    const [, first] = await this.pipeline([{ text: 'BEGIN' }, statement]);
    return first.rows as T[];
  }

  /** Runs the transaction's last statement and commits, in one round trip. */
  async commitWith<T extends QueryResultRow>(statement: QueryConfig): Promise<T[]> {
    this.requireOpen();
    this.finish();
    const [last] = await this.pipeline([statement, { text: 'COMMIT' }]);
    return last.rows as T[];
  }

  /** Commits unless `commitWith` already has. */
  async commit(): Promise<void> {
    if (this.state === 'done') return;
    this.requireOpen();
    this.finish();
    await this.client.query('COMMIT');
  }

  /** Rolls back whatever is still open; safe to call after a failure at any point. */
  async rollback(): Promise<void> {
    if (this.state !== 'open') return;
    this.finish();
    await this.client.query('ROLLBACK');
  }

  async release(): Promise<void> {
    await this.runner.release();
  }

  private requireOpen(): void {
    if (this.state !== 'open') throw new Error('The transaction is not open.');
  }

  private finish(): void {
    this.state = 'done';
    Object.assign(this.runner, { isTransactionActive: false, transactionDepth: 0 });
  }

  /**
   * Sends every statement before reading any answer, and waits for all of them: pg's pipeline
   * mode is only switched off again once nothing is in flight. The first failure is thrown.
   */
  private async pipeline(statements: QueryConfig[]): Promise<QueryResult[]> {
    const client = this.client as PoolClient & { pipeline: boolean };
    const socket = client.connection.stream;
    client.pipeline = true;
    let settled: Array<PromiseSettledResult<QueryResult>>;
    try {
      // pg writes each statement as it is queued; corked, they leave in one write.
      socket.cork();
      let sent: Array<Promise<QueryResult>>;
      try {
        sent = statements.map((statement) => client.query(statement));
      } finally {
        socket.uncork();
      }
      settled = await Promise.allSettled(sent);
    } finally {
      client.pipeline = false;
    }
    const failed = settled.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    return settled.map((result) => (result as PromiseFulfilledResult<QueryResult>).value);
  }
}
