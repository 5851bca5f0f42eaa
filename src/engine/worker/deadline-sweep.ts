import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Clock } from '../../common/clock';
import { EngineException } from '../engine.exception';
import type { WorkflowEngine } from '../workflow-engine.service';

export interface SweepResult {
  fired: number;
  notAccepted: number;
  skipped: number;
  failed: number;
}

/**
 * Fires deadlines whose moment has come, each through the engine as the system. Deadlines live in
 * PostgreSQL, so a restart or a lost Redis loses none; firing is exactly once because the engine
 * marks the deadline fired in the same transaction as the event it sends.
 */
export class DeadlineSweep {
  private readonly logger = new Logger('DeadlineSweep');

  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: WorkflowEngine,
    private readonly clock: Clock,
    private readonly batchSize = 100,
  ) {}

  async sweepOnce(): Promise<SweepResult> {
    const due: Array<{ id: string }> = await this.dataSource.query(
      `SELECT d.id FROM deadlines d JOIN workflow_instances i ON i.id = d.instance_id
        WHERE d.status = 'pending' AND d.due_at <= $1 AND i.status <> 'broken'
        ORDER BY d.due_at, d.id LIMIT $2`,
      [this.clock.now().toISOString(), this.batchSize],
    );
    const result: SweepResult = { fired: 0, notAccepted: 0, skipped: 0, failed: 0 };
    for (const { id } of due) {
      try {
        const firing = await this.engine.fireDeadline(id);
        if (firing.outcome === 'fired') result.fired++;
        else if (firing.outcome === 'not-accepted') result.notAccepted++;
        else result.skipped++;
      } catch (error) {
        result.failed++;
        this.logger.warn(
          {
            deadlineId: id,
            code: error instanceof EngineException ? error.code : undefined,
            err: error instanceof Error ? error.name : String(error),
          },
          'deadline could not be fired; it stays pending',
        );
      }
    }
    return result;
  }

  get fullBatch(): number {
    return this.batchSize;
  }
}
