import { randomInt } from 'node:crypto';
import { Client } from 'pg';

/** The advisory-lock namespace of reminder workers (the ASCII of "RMND"). */
export const LEASE_NAMESPACE = 0x524d4e44;

/**
 * A worker's proof of life, held in PostgreSQL: a session advisory lock `(LEASE_NAMESPACE, id)` on
 * a connection of its own, taken at start and held until the worker stops or dies. Rows a worker
 * claims carry its `id` (`claimed_by`). When the process dies, even by SIGKILL, PostgreSQL sees
 * the connection drop and releases the lock at once, so `claimantIsGoneSql` tells a dead
 * claimant's rows from a live but slow one's without any timeout to tune. Needs a session-mode
 * connection (not a transaction-pooling proxy).
 */
export class WorkerLease {
  readonly id = randomInt(1, 2 ** 31 - 1);
  private client: Client | null = null;

  constructor(private readonly databaseUrl: string) {}

  async start(): Promise<void> {
    if (this.client) return;
    const client = new Client({
      connectionString: this.databaseUrl,
      application_name: 'reminders-lease',
    });
    await client.connect();
    // An idle lease connection that errors (server restart) must not crash the process.
    client.on('error', () => undefined);
    await client.query('SELECT pg_advisory_lock($1, $2)', [LEASE_NAMESPACE, this.id]);
    this.client = client;
  }

  /**
   * Takes the lock again, under the same id, if the connection holding it was lost (a database
   * restart): claims made before stay this worker's. Until then other workers may have taken
   * them over, which at worst repeats a message under its same Message-ID.
   */
  async ensureHeld(): Promise<boolean> {
    if (await this.isHeld()) return false;
    await this.stop();
    await this.start();
    return true;
  }

  /** Whether the lock is still held (false after the connection was lost). */
  async isHeld(): Promise<boolean> {
    if (!this.client) return false;
    try {
      const rows = await this.client.query<{ held: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()
           AND classid = $1::bigint::oid AND objid = $2::bigint::oid AND objsubid = 2 AND granted) AS held`,
        [LEASE_NAMESPACE, this.id],
      );
      return rows.rows[0]?.held === true;
    } catch {
      return false;
    }
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}

/**
 * SQL true when the worker named by `claimedByColumn` holds no lease any more (it stopped or died),
 * so its claimed rows may be taken over.
 */
export function claimantIsGoneSql(claimedByColumn: string): string {
  return `NOT EXISTS (SELECT 1 FROM pg_locks lease
      WHERE lease.locktype = 'advisory' AND lease.granted AND lease.objsubid = 2
        AND lease.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND lease.classid = ${LEASE_NAMESPACE}::bigint::oid
        AND lease.objid = ${claimedByColumn}::bigint::oid)`;
}
