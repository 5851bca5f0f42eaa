import type IORedis from 'ioredis';
import type { DataSource } from 'typeorm';
import type { BusinessCalendar } from '../calendar';
import type { Clock } from '../common/clock';
import type { MailSender } from '../mail/mail-sender';
import { DigestDispatcher } from './delivery/digest-dispatcher';
import { EmailDelivery } from './delivery/email-delivery';
import {
  DEFAULT_SWEEP_OPTIONS,
  ReconcileSweep,
  type SweepOptions,
} from './delivery/reconcile-sweep';
import { ReminderDispatcher } from './delivery/reminder-dispatcher';
import { ReminderScheduler } from './delivery/reminder-scheduler';
import { WorkerLease } from './delivery/worker-lease';
import { ReminderPlanner } from './planning/reminder-planner';

export interface ReminderSystemDeps {
  dataSource: DataSource;
  /** A producer connection: queues and the reconcile marker. */
  redis: IORedis;
  mail: MailSender;
  clock: Clock;
  calendar: BusinessCalendar;
  /** Links in emails start with it. */
  appUrl: string;
  /** For the worker lease's own connection. */
  databaseUrl: string;
  sweep?: Partial<SweepOptions>;
}

/**
 * The reminder delivery system of one worker process, wired by hand so the Nest worker module,
 * the integration tests and the benchmark build exactly the same thing.
 */
export class ReminderSystem {
  readonly lease: WorkerLease;
  readonly planner: ReminderPlanner;
  readonly scheduler: ReminderScheduler;
  readonly email: EmailDelivery;
  readonly dispatcher: ReminderDispatcher;
  readonly digests: DigestDispatcher;
  readonly sweep: ReconcileSweep;

  constructor(readonly deps: ReminderSystemDeps) {
    const { dataSource, redis, mail, clock, calendar, appUrl } = deps;
    this.lease = new WorkerLease(deps.databaseUrl);
    this.planner = new ReminderPlanner(dataSource, calendar, clock);
    this.scheduler = new ReminderScheduler(redis, clock);
    this.email = new EmailDelivery(dataSource, mail, this.lease, clock);
    this.dispatcher = new ReminderDispatcher(
      dataSource,
      this.planner,
      this.scheduler,
      this.email,
      this.lease,
      clock,
      calendar,
      appUrl,
    );
    this.digests = new DigestDispatcher(dataSource, this.email, clock, calendar, appUrl);
    this.sweep = new ReconcileSweep(
      dataSource,
      redis,
      this.planner,
      this.scheduler,
      this.dispatcher,
      this.digests,
      this.lease,
      clock,
      calendar,
      { ...DEFAULT_SWEEP_OPTIONS, ...deps.sweep },
    );
  }

  /** Takes the worker's lease; nothing may be claimed before. */
  async start(): Promise<void> {
    await this.lease.start();
  }

  async stop(): Promise<void> {
    await this.scheduler.close();
    await this.lease.stop();
  }
}
