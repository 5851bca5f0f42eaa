import {
  BeforeApplicationShutdown,
  DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { REDIS } from '../../queue/redis.module';
import { EngineModule, type EngineModuleOptions } from '../engine.module';
import { WorkflowEngine } from '../workflow-engine.service';
import { DeadlineSweep } from './deadline-sweep';
import { OutboxRelay } from './outbox-relay';
import { PollingLoop } from './polling-loop';

/** How often the idle loops look for work; a full batch is followed at once by the next. */
export const OUTBOX_POLL_MS = 500;
export const DEADLINE_SWEEP_MS = 15_000;

/** Runs the outbox relay and the deadline sweep in the worker process, stopping them gracefully. */
@Injectable()
export class EngineWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('EngineWorker');
  readonly relay: OutboxRelay;
  readonly sweep: DeadlineSweep;
  private readonly loops: PollingLoop[];

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @Inject(REDIS) redis: IORedis,
    engine: WorkflowEngine,
    clock: Clock,
  ) {
    this.relay = new OutboxRelay(dataSource, redis);
    this.sweep = new DeadlineSweep(dataSource, engine, clock);
    this.loops = [
      new PollingLoop(
        'outbox-relay',
        OUTBOX_POLL_MS,
        async () => (await this.relay.relayOnce()) === this.relay.fullBatch,
        this.logger,
      ),
      new PollingLoop(
        'deadline-sweep',
        DEADLINE_SWEEP_MS,
        async () => {
          const result = await this.sweep.sweepOnce();
          const handled = result.fired + result.notAccepted + result.skipped + result.failed;
          return handled === this.sweep.fullBatch && result.failed < handled;
        },
        this.logger,
      ),
    ];
  }

  onApplicationBootstrap(): void {
    for (const loop of this.loops) loop.start();
    this.logger.log('outbox relay and deadline sweep started');
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.loops.map((loop) => loop.stop()));
    await this.relay.close();
  }
}

/** The engine's worker side: import `EngineWorkerModule.forRoot()` once in the worker module. */
@Module({})
export class EngineWorkerModule {
  static forRoot(options: EngineModuleOptions = {}): DynamicModule {
    return {
      module: EngineWorkerModule,
      imports: [EngineModule.forRoot(options)],
      providers: [EngineWorker],
      exports: [EngineWorker],
    };
  }
}
