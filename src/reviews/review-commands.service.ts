import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BusinessCalendar, type IsoDate } from '../calendar';
import { Clock } from '../common/clock';
import { applyScope, inScope, type TenancyScope } from '../database/tenancy';

/**
 * The one way the reviews module changes a review: the engine's command(s) and the module's own
 * rows in one transaction. The engine runs first (it locks the instance, checks who may do what
 * and enters the person's scope); `after` then runs in the request's scope, and anything it throws
 * rolls the engine's event back too.
 */
@Injectable()
export class ReviewCommands {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendar,
  ) {}

  async command<R, T>(
    scope: TenancyScope,
    engineStep: (manager: EntityManager) => Promise<R>,
    after: (manager: EntityManager, result: R) => Promise<T>,
  ): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const result = await engineStep(manager);
      await applyScope(manager, scope);
      return after(manager, result);
    });
  }

  /** Work on the module's own rows alone (no workflow event), in the request's scope. */
  scoped<T>(scope: TenancyScope, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return inScope(this.dataSource, scope, work);
  }

  /** Today in Europe/London by the engine's clock, as the engine stamps events. */
  today(): IsoDate {
    return this.calendar.todayInLondon(this.clock.now());
  }

  now(): Date {
    return this.clock.now();
  }
}
