import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BusinessCalendar, type IsoDate } from '../calendar';
import { Clock } from '../common/clock';
import { applyScope, inScope } from '../database/tenancy';
import type { CommandResult, SendCommand, StartCommand } from '../engine/engine.types';
import { WorkflowEngine } from '../engine/workflow-engine.service';
import type { AuditActor } from './audit-actor';

/**
 * The one way the audits module changes an audit: the engine's command and the module's own rows
 * in one transaction. The engine runs first (it locks the instance, checks who may do what and
 * enters the person's scope); `after` then runs in the request's scope and anything it throws
 * rolls the event back too.
 */
@Injectable()
export class AuditCommands {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: WorkflowEngine,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendar,
  ) {}

  async send<T>(
    actor: AuditActor,
    instanceId: string,
    command: SendCommand,
    after: (manager: EntityManager, result: CommandResult) => Promise<T>,
  ): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const result = await this.engine.send({ personId: actor.personId }, instanceId, command, {
        manager,
      });
      await applyScope(manager, actor.scope);
      return after(manager, result);
    });
  }

  async start<T>(
    actor: AuditActor,
    command: StartCommand,
    after: (manager: EntityManager, result: CommandResult) => Promise<T>,
  ): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const result = await this.engine.start({ personId: actor.personId }, command, { manager });
      await applyScope(manager, actor.scope);
      return after(manager, result);
    });
  }

  /** Work on the module's own rows alone (no workflow event), in the request's scope. */
  async scoped<T>(actor: AuditActor, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return inScope(this.dataSource, actor.scope, work);
  }

  /** Today in Europe/London, as the engine stamps events. */
  today(): IsoDate {
    return this.calendar.todayInLondon(this.clock.now());
  }

  now(): Date {
    return this.clock.now();
  }

  /** The London date a command was applied. */
  dateOf(result: CommandResult): IsoDate {
    return this.calendar.londonDateOf(new Date(result.event.occurredAt));
  }
}
