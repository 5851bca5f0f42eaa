import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { initialTransition, type AnyMachineSnapshot } from 'xstate';
import { BusinessCalendar } from '../calendar';
import { Clock } from '../common/clock';
import {
  closeAdHocTask,
  openAdHocTask,
  updateAdHocTask,
  type AdHocTaskResult,
  type CloseAdHocTask,
  type OpenAdHocTask,
  type UpdateAdHocTask,
} from './ad-hoc-tasks';
import { INSTANCE_ROLES, SYSTEM_ACTOR, type PartnershipRole } from '../../workflows/shared/roles';
import { BrokenInstanceError, CommandContext } from './command-context';
import { DefinitionRegistry } from './definitions/definition-registry';
import { EngineErrorCode, EngineException } from './engine.exception';
import {
  isSystem,
  type CommandResult,
  type DeadlineFiring,
  type EngineActor,
  type MemberInput,
  type MigrationReport,
  type SendCommand,
  type StartCommand,
} from './engine.types';
import {
  lockInstance,
  markDeadlineFired,
  writeInstanceChanges,
} from './persistence/instance-store';
import { EngineTransaction } from './persistence/engine-transaction';
import { enterPersonScope, type PersonAccess } from './persistence/person-scope';
import { sqlState } from './persistence/prepared-query';
import { canSeeInstance, heldStepKeys, personActorContext } from './runtime/actor-context';
import { buildChanges, type OutboxEntry } from './runtime/changes';
import { decide, initialEffects, statusOf } from './runtime/decide';
import { persistSnapshot, restoreSnapshot, snapshotFitProblem } from './runtime/snapshot';
import { desiredTasks, StepDataError } from './runtime/tasks';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_PAYLOAD_BYTES = 64 * 1024;

/**
 * Runs a command inside the caller's open transaction (as a savepoint), so a feature module's own
 * rows commit or roll back with it. The transaction must not have entered a tenancy scope yet: the
 * engine enters the acting person's, and the caller's later statements run in it.
 */
export interface CommandOptions {
  manager?: EntityManager;
}

/** Who may open a new audit or review in their partnership (domain: the business unit). */
export const INSTANCE_OPENER_ROLES: readonly PartnershipRole[] = [
  'business-manager',
  'business-officer',
];
/** Who may change who sits on an instance. */
export const MEMBERSHIP_MANAGER_ROLES: readonly PartnershipRole[] = [
  'business-manager',
  'business-officer',
];

/**
 * The workflow engine: starts instances and applies events to them, each command in one
 * PostgreSQL transaction that writes the snapshot and version, the event row, task and deadline
 * changes and outbox rows together, or nothing at all. Feature modules talk to workflows only
 * through this service and `InstanceReader`.
 */
@Injectable()
export class WorkflowEngine {
  private readonly logger = new Logger('WorkflowEngine');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: DefinitionRegistry,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendar,
  ) {}

  /** Starts an instance of a definition (its latest version unless one is named). */
  async start(
    actor: EngineActor,
    command: StartCommand,
    options: CommandOptions = {},
  ): Promise<CommandResult> {
    const definition = command.definitionVersion
      ? this.registry.get(command.definitionKey, command.definitionVersion)
      : this.registry.latest(command.definitionKey);
    if (!definition) {
      throw new EngineException(
        EngineErrorCode.DefinitionNotFound,
        `There is no workflow ${command.definitionKey}.`,
      );
    }
    const title = validateStart(command);
    const members = dedupeMembers(command.members ?? []);
    const now = this.clock.now();

    return this.transaction(async (manager) => {
      let createdBy: string | null = null;
      if (!isSystem(actor)) {
        const access = await this.enterScope(manager, actor.personId, null);
        const membership = access.partnerships.find(
          (p) => p.partnershipId === command.partnershipId,
        );
        if (!membership?.roles.some((role) => INSTANCE_OPENER_ROLES.includes(role))) {
          throw new EngineException(
            EngineErrorCode.Forbidden,
            `Only the business manager or a business officer of the partnership can start a ${definition.title.toLowerCase()}.`,
          );
        }
        createdBy = actor.personId;
      }
      let snapshot: AnyMachineSnapshot;
      let effects: OutboxEntry[];
      try {
        const [initial, actions] = initialTransition(definition.machine, command.input as never);
        snapshot = initial as AnyMachineSnapshot;
        effects = initialEffects(actions);
      } catch (error) {
        this.logger.warn(
          { definition: `${definition.key}@${definition.version}`, err: errorName(error) },
          'start input refused by machine',
        );
        throw new EngineException(
          EngineErrorCode.InvalidCommand,
          'The workflow cannot start with this input.',
        );
      }
      const instanceId = randomUUID();
      const changes = buildChanges({
        instanceId,
        openTasks: [],
        desired: this.desiredOrRefuse(snapshot),
        closeAs: 'cancelled',
        effects,
        calendar: this.calendar,
      });
      const reference = await this.nextReference(
        manager,
        command.partnershipId,
        definition.referenceCode,
        now,
      );
      const status = statusOf(snapshot);
      const eventId = randomUUID();
      const result: CommandResult = {
        instanceId,
        reference,
        version: 1,
        status,
        state: snapshot.value,
        event: {
          id: eventId,
          type: 'engine.started',
          version: 1,
          from: null,
          to: snapshot.value,
          occurredAt: now.toISOString(),
        },
        tasksOpened: changes.opened,
        tasksClosed: [],
        replayed: false,
      };
      await writeInstanceChanges(
        manager,
        {
          kind: 'insert',
          row: {
            id: instanceId,
            partnershipId: command.partnershipId,
            definitionKey: definition.key,
            definitionVersion: definition.version,
            reference,
            title,
            stateValue: snapshot.value,
            snapshot: persistSnapshot(definition.machine, snapshot),
            version: 1,
            status,
            createdAt: now,
            createdByPersonId: createdBy,
          },
          members: members.map((member) => ({
            id: randomUUID(),
            personId: member.personId,
            role: member.role,
            agencyId: member.agencyId ?? null,
          })),
        },
        {
          id: eventId,
          type: 'engine.started',
          payload: { definitionKey: definition.key, definitionVersion: definition.version },
          actorKind: isSystem(actor) ? 'system' : 'person',
          actorPersonId: createdBy,
          fromState: null,
          toState: snapshot.value,
          idempotencyKey: null,
          requestHash: null,
          outcome: null,
        },
        changes,
        now,
      );
      return result;
    }, options.manager);
  }

  /**
   * Applies one event. Refusals: 404 when the actor cannot see the instance, 409 with the current
   * version when `expectedVersion` is stale, 403 with the reason when their role may not send it,
   * 409 with the accepted events when the state does not accept it, 422 when a check fails.
   */
  async send(
    actor: EngineActor,
    instanceId: string,
    command: SendCommand,
    options: CommandOptions = {},
  ): Promise<CommandResult> {
    validateSend(command);
    const payload = command.payload ?? {};
    const key = command.idempotencyKey ?? null;
    const requestHash = key ? hashRequest(command.type, payload) : null;
    return this.onInstance(
      actor,
      instanceId,
      key,
      async (ctx) => {
        if (key) {
          const replay = ctx.locked.replay;
          if (replay) {
            if (replay.requestHash !== requestHash) {
              throw new EngineException(
                EngineErrorCode.IdempotencyKeyReused,
                'This idempotency key was already used for a different request.',
              );
            }
            return { ...(replay.outcome as CommandResult), replayed: true };
          }
        }
        if (
          command.expectedVersion !== undefined &&
          command.expectedVersion !== ctx.instance.version
        ) {
          throw new EngineException(
            EngineErrorCode.VersionConflict,
            `${ctx.instance.reference} has changed since version ${command.expectedVersion}; it is now at version ${ctx.instance.version}.`,
            { currentVersion: ctx.instance.version, expectedVersion: command.expectedVersion },
          );
        }
        return this.apply(ctx, command.type, payload, { key, requestHash });
      },
      options.manager,
    );
  }

  /**
   * Fires one due deadline through the engine as the system, marking it fired in the same
   * transaction as the event it sends: exactly once, however many sweepers race for it.
   */
  async fireDeadline(deadlineId: string): Promise<DeadlineFiring> {
    if (!UUID.test(deadlineId)) return { outcome: 'skipped' };
    const found: Array<{ instance_id: string }> = await this.dataSource.query(
      `SELECT instance_id FROM deadlines WHERE id = $1 AND status = 'pending'`,
      [deadlineId],
    );
    if (found.length === 0) return { outcome: 'skipped' };
    const instanceId = found[0].instance_id;
    return this.onInstance({ system: true }, instanceId, null, async (ctx) => {
      const rows: Array<{ task_id: string; due_at: Date; event_type: string; status: string }> =
        await ctx.manager.query(
          `SELECT task_id, due_at, event_type, status FROM deadlines WHERE id = $1 FOR UPDATE`,
          [deadlineId],
        );
      const deadline = rows[0];
      if (!deadline || deadline.status !== 'pending' || deadline.due_at > ctx.now)
        return { outcome: 'skipped' };
      const task = ctx.locked.openTasks.find((open) => open.id === deadline.task_id);
      const payload = {
        deadlineId,
        taskId: deadline.task_id,
        stepKey: task?.stepKey ?? null,
        dueOn: task?.dueOn ?? null,
      };
      // The plan must not cancel or move the deadline being fired: it is fired from here on.
      const openTasks = ctx.locked.openTasks.map((open) =>
        open.id === deadline.task_id && open.deadline
          ? { ...open, deadline: { ...open.deadline, status: 'fired' as const } }
          : open,
      );
      const applied = await this.tryApply(ctx, deadline.event_type, payload, openTasks);
      if (!applied) {
        await markDeadlineFired(ctx.manager, deadlineId, null, ctx.now);
        this.logger.log(
          { deadlineId, instanceId, eventType: deadline.event_type },
          'deadline passed; the instance no longer accepts its event',
        );
        return { outcome: 'not-accepted', instanceId };
      }
      const rearmed = applied.changes.deadlinesToUpdate.some((change) => change.id === deadlineId);
      if (!rearmed)
        await markDeadlineFired(ctx.manager, deadlineId, applied.result.event.id, ctx.now);
      return { outcome: 'fired', eventId: applied.result.event.id, instanceId };
    });
  }

  /** Adds a person to the instance in a role; recorded as an event, and role tasks change hands. */
  async addMember(
    actor: EngineActor,
    instanceId: string,
    member: MemberInput,
    options: { expectedVersion?: number } & CommandOptions = {},
  ): Promise<CommandResult> {
    validateMember(member, 'member');
    return this.onInstance(
      actor,
      instanceId,
      null,
      async (ctx) => {
        this.requireMembershipManager(ctx);
        this.checkVersion(ctx, options.expectedVersion);
        const inserted: unknown[] = await ctx.manager.query(
          `INSERT INTO instance_members (id, partnership_id, instance_id, person_id, role, agency_id, added_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (instance_id, person_id, role) DO NOTHING
         RETURNING id`,
          [
            randomUUID(),
            ctx.instance.partnershipId,
            instanceId,
            member.personId,
            member.role,
            member.agencyId ?? null,
            ctx.now.toISOString(),
          ],
        );
        return this.recordMembership(ctx, 'engine.member-added', member, inserted.length > 0);
      },
      options.manager,
    );
  }

  /** Removes a person's role on the instance; recorded as an event. */
  async removeMember(
    actor: EngineActor,
    instanceId: string,
    member: { personId: string; role: MemberInput['role'] },
    options: { expectedVersion?: number } = {},
  ): Promise<CommandResult> {
    validateMember(member, 'member');
    return this.onInstance(actor, instanceId, null, async (ctx) => {
      this.requireMembershipManager(ctx);
      this.checkVersion(ctx, options.expectedVersion);
      // Wrapped in a SELECT: TypeORM answers a bare DELETE with [rows, count], not the rows.
      const removed: Array<{ agency_id: string | null }> = await ctx.manager.query(
        `WITH removed AS (DELETE FROM instance_members WHERE instance_id = $1 AND person_id = $2 AND role = $3
           RETURNING agency_id) SELECT agency_id FROM removed`,
        [instanceId, member.personId, member.role],
      );
      return this.recordMembership(
        ctx,
        'engine.member-removed',
        { ...member, agencyId: removed[0]?.agency_id ?? null },
        removed.length > 0,
      );
    });
  }

  /**
   * Moves an instance to a later version of its definition through each version's
   * `migrateFromPrevious`. A migration that throws or produces a snapshot the new machine cannot
   * restore is refused (409) and the instance stays, unchanged, on its version.
   */
  async migrateInstance(instanceId: string, toVersion?: number): Promise<CommandResult> {
    return this.onInstance({ system: true }, instanceId, null, async (ctx) => {
      const { definition: current, snapshot } = ctx.restore();
      const target = toVersion ?? this.registry.latest(current.key)?.version ?? current.version;
      if (target <= current.version) {
        throw new EngineException(
          EngineErrorCode.MigrationFailed,
          `${ctx.instance.reference} is already on version ${current.version}.`,
        );
      }
      let persisted: unknown = persistSnapshot(current.machine, snapshot);
      let definition = current;
      for (let version = current.version + 1; version <= target; version++) {
        const next = this.registry.find(current.key, version);
        const label = `${current.key}@${version}`;
        if (!next?.migrateFromPrevious) {
          throw new EngineException(
            EngineErrorCode.MigrationFailed,
            `There is no migration to ${label}.`,
          );
        }
        try {
          persisted = next.migrateFromPrevious(persisted);
        } catch (error) {
          this.logger.warn(
            { instanceId, definition: label, err: errorName(error) },
            'migration function failed',
          );
          throw new EngineException(
            EngineErrorCode.MigrationFailed,
            `The migration to ${label} failed.`,
          );
        }
        const problem = snapshotFitProblem(next.machine, persisted);
        if (problem) {
          throw new EngineException(
            EngineErrorCode.MigrationFailed,
            `The migration to ${label} produced a state that does not fit: ${problem}.`,
          );
        }
        definition = next;
      }
      const migrated = restoreSnapshot(definition.machine, persisted);
      const { result } = await ctx.commit({
        definition,
        before: snapshot.value,
        next: migrated,
        eventType: 'engine.migrated',
        payload: { fromVersion: current.version, toVersion: definition.version },
        effects: [],
        closeAs: 'cancelled',
      });
      return result;
    });
  }

  /** Migrates every live instance of `key@fromVersion`; reports each one that could not move. */
  async migrateAll(key: string, fromVersion: number, toVersion?: number): Promise<MigrationReport> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM workflow_instances WHERE definition_key = $1 AND definition_version = $2
         AND status <> 'broken' ORDER BY created_at, id`,
      [key, fromVersion],
    );
    const target = toVersion ?? this.registry.latest(key)?.version ?? fromVersion;
    const report: MigrationReport = { migrated: [], failed: [] };
    for (const { id } of rows) {
      try {
        await this.migrateInstance(id, target);
        report.migrated.push({ instanceId: id, fromVersion, toVersion: target });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        report.failed.push({ instanceId: id, reason });
      }
    }
    if (report.failed.length > 0) {
      this.logger.warn(
        { definition: `${key}@${fromVersion}`, failed: report.failed.length },
        'some instances could not be migrated',
      );
    }
    return report;
  }

  /**
   * Checks a broken instance again (e.g. after the right machine was deployed) and puts it back
   * to work when its snapshot fits; otherwise it stays broken with the current reason.
   */
  async recheckInstance(
    instanceId: string,
  ): Promise<{ status: 'live' | 'closed' | 'broken'; reason: string | null }> {
    const rows: Array<{ definition_key: string; definition_version: number; snapshot: unknown }> =
      await this.dataSource.query(
        `SELECT definition_key, definition_version, snapshot FROM workflow_instances WHERE id = $1`,
        [instanceId],
      );
    if (rows.length === 0) throw notFound();
    const definition = this.registry.find(rows[0].definition_key, rows[0].definition_version);
    const label = `${rows[0].definition_key}@${rows[0].definition_version}`;
    const reason = definition
      ? snapshotFitProblem(definition.machine, rows[0].snapshot)
      : `workflow ${label} is not registered`;
    if (reason || !definition) {
      await this.markBroken(new BrokenInstanceError(instanceId, label, reason ?? 'unknown'));
      return { status: 'broken', reason };
    }
    const status = statusOf(restoreSnapshot(definition.machine, rows[0].snapshot));
    await this.dataSource.query(
      `UPDATE workflow_instances SET status = $2, broken_reason = NULL, updated_at = $3 WHERE id = $1`,
      [instanceId, status, this.clock.now().toISOString()],
    );
    return { status, reason: null };
  }

  /**
   * Opens a task for a named person outside the machine's steps (e.g. an action's follow-up), in
   * the caller's transaction: the task, its `task.opened` outbox row and an `engine.task-opened`
   * event commit with the caller's rows. The caller decides who may; machine events never touch it.
   */
  openAdHocTask(manager: EntityManager, command: OpenAdHocTask): Promise<AdHocTaskResult> {
    return openAdHocTask(manager, this.clock.now(), command);
  }

  /** Re-dates and/or reassigns an open ad-hoc task in the caller's transaction; null when unchanged. */
  updateAdHocTask(
    manager: EntityManager,
    command: UpdateAdHocTask,
  ): Promise<AdHocTaskResult | null> {
    return updateAdHocTask(manager, this.clock.now(), command);
  }

  /** Closes an open ad-hoc task in the caller's transaction; null when none of that key is open. */
  closeAdHocTask(manager: EntityManager, command: CloseAdHocTask): Promise<AdHocTaskResult | null> {
    return closeAdHocTask(manager, this.clock.now(), command);
  }

  private async apply(
    ctx: CommandContext,
    type: string,
    payload: Record<string, unknown>,
    idempotency: { key: string | null; requestHash: string | null },
  ): Promise<CommandResult> {
    const { definition, snapshot } = ctx.restore();
    const decision = decide({
      definition,
      snapshot,
      type,
      payload,
      actor: ctx.actor,
      heldStepKeys: heldStepKeys(ctx.actor, ctx.memberships, ctx.locked.openTasks),
      calendar: this.calendar,
      today: ctx.today,
    });
    switch (decision.outcome) {
      case 'forbidden':
        throw new EngineException(EngineErrorCode.Forbidden, decision.reason, { eventType: type });
      case 'not-accepted':
        throw new EngineException(
          EngineErrorCode.EventNotAccepted,
          `${ctx.instance.reference} cannot take ${type} at this stage.`,
          {
            eventType: type,
            acceptedEvents: decision.acceptedEvents,
            currentVersion: ctx.instance.version,
          },
        );
      case 'rejected':
        throw new EngineException(EngineErrorCode.CheckFailed, decision.reason, {
          eventType: type,
        });
      case 'applied': {
        const { result } = await ctx.commit({
          definition,
          before: snapshot.value,
          next: decision.next,
          eventType: type,
          payload,
          effects: decision.effects,
          closeAs: 'completed',
          idempotencyKey: idempotency.key,
          requestHash: idempotency.requestHash,
          last: true,
        });
        return result;
      }
      default: {
        const unknownDecision: never = decision;
        throw new Error(`Unknown decision ${JSON.stringify(unknownDecision)}`);
      }
    }
  }

  /** Applies a system event if the instance takes it; null when it does not. */
  private async tryApply(
    ctx: CommandContext,
    type: string,
    payload: Record<string, unknown>,
    openTasks: CommandContext['locked']['openTasks'],
  ): Promise<Awaited<ReturnType<CommandContext['commit']>> | null> {
    const { definition, snapshot } = ctx.restore();
    const decision = decide({
      definition,
      snapshot,
      type,
      payload,
      actor: SYSTEM_ACTOR,
      heldStepKeys: [],
      calendar: this.calendar,
      today: ctx.today,
    });
    if (decision.outcome !== 'applied') return null;
    return ctx.commit({
      definition,
      before: snapshot.value,
      next: decision.next,
      eventType: type,
      payload,
      effects: decision.effects,
      closeAs: 'completed',
      openTasks,
    });
  }

  private async recordMembership(
    ctx: CommandContext,
    type: 'engine.member-added' | 'engine.member-removed',
    member: { personId: string; role: string; agencyId?: string | null },
    changed: boolean,
  ): Promise<CommandResult> {
    const { definition, snapshot } = ctx.restore();
    if (!changed) {
      throw new EngineException(
        EngineErrorCode.EventNotAccepted,
        type === 'engine.member-added'
          ? 'That person already holds that role on this instance.'
          : 'That person does not hold that role on this instance.',
        { currentVersion: ctx.instance.version },
      );
    }
    const handedOver = ctx.locked.openTasks.filter(
      (task) =>
        (task.assignment.kind === 'instance-role' && task.assignment.role === member.role) ||
        (task.assignment.kind === 'each-agency' &&
          member.agencyId &&
          task.assignment.agencyId === member.agencyId),
    );
    const effects = handedOver.map((task) => ({
      topic: 'task.reassigned',
      payload: {
        taskId: task.id,
        instanceId: ctx.instance.id,
        stepKey: task.stepKey,
        assignee: task.assignment,
      },
    }));
    const { result } = await ctx.commit({
      definition,
      before: snapshot.value,
      next: snapshot,
      eventType: type,
      payload: { personId: member.personId, role: member.role, agencyId: member.agencyId ?? null },
      effects,
      closeAs: 'completed',
    });
    return result;
  }

  private requireMembershipManager(ctx: CommandContext): void {
    if (ctx.isSystem) return;
    if (!ctx.actor.partnershipRoles.some((role) => MEMBERSHIP_MANAGER_ROLES.includes(role))) {
      throw new EngineException(
        EngineErrorCode.Forbidden,
        'Only the business manager or a business officer can change who is on an audit or review.',
      );
    }
  }

  private checkVersion(ctx: CommandContext, expectedVersion: number | undefined): void {
    if (expectedVersion !== undefined && expectedVersion !== ctx.instance.version) {
      throw new EngineException(
        EngineErrorCode.VersionConflict,
        `${ctx.instance.reference} has changed since version ${expectedVersion}; it is now at version ${ctx.instance.version}.`,
        { currentVersion: ctx.instance.version, expectedVersion },
      );
    }
  }

  /**
   * Runs `work` in one transaction with the instance row locked, as the actor, after the
   * visibility rule (anyone who may not see it is told it does not exist). A snapshot that no
   * longer fits its machine rolls everything back, then marks the instance broken and reports it.
   */
  private async onInstance<T>(
    actor: EngineActor,
    instanceId: string,
    idempotencyKey: string | null,
    work: (ctx: CommandContext) => Promise<T>,
    within?: EntityManager,
  ): Promise<T> {
    if (!UUID.test(instanceId)) throw notFound();
    try {
      const personId = isSystem(actor) ? null : actor.personId;
      if (personId !== null && !UUID.test(personId)) throw notSignedIn();
      const run = async (manager: EntityManager, own: EngineTransaction | null): Promise<T> => {
        const locked = await lockInstance(
          manager,
          instanceId,
          idempotencyKey,
          personId,
          own ?? undefined,
        );
        if (!locked) throw notFound();
        const access = locked.access;
        let actorContext = SYSTEM_ACTOR;
        if (access) {
          if (!access.active) throw inactive();
          const partnership = access.partnerships.find(
            (p) => p.partnershipId === locked.instance.partnershipId,
          );
          if (!canSeeInstance(partnership, access.instanceMemberships)) throw notFound();
          actorContext = personActorContext(
            access.personId,
            partnership,
            access.instanceMemberships,
          );
        }
        const now = this.clock.now();
        return work(
          new CommandContext(
            manager,
            locked,
            actorContext,
            access,
            now,
            this.calendar.todayInLondon(now),
            this.registry,
            this.calendar,
            own,
          ),
        );
      };
      if (within) return await this.transaction((manager) => run(manager, null), within);
      return await this.ownTransaction((own) => run(own.manager, own));
    } catch (error) {
      if (error instanceof BrokenInstanceError) {
        await this.markBroken(error);
        throw new EngineException(
          EngineErrorCode.InstanceBroken,
          'This audit or review cannot be changed: its saved state no longer fits its workflow.',
        );
      }
      throw error;
    }
  }

  private async enterScope(
    manager: EntityManager,
    personId: string,
    instanceId: string | null,
  ): Promise<PersonAccess> {
    if (!UUID.test(personId)) throw notSignedIn();
    const access = await enterPersonScope(manager, personId, instanceId);
    if (!access.active) throw inactive();
    return access;
  }

  /**
   * One transaction (a savepoint within the caller's, when given); a foreign key pointing nowhere
   * becomes a 422 instead of a 500.
   */
  private async transaction<T>(
    work: (manager: EntityManager) => Promise<T>,
    within?: EntityManager,
  ): Promise<T> {
    try {
      return await (within ? within.transaction(work) : this.dataSource.transaction(work));
    } catch (error) {
      if (sqlState(error) === '23503') throw foreignKeyRefusal();
      throw error;
    }
  }

  /**
   * Like `transaction` without a caller's, on an EngineTransaction: its first statement carries
   * the BEGIN and a `last` write the COMMIT.
   */
  private async ownTransaction<T>(
    work: (transaction: EngineTransaction) => Promise<T>,
  ): Promise<T> {
    const transaction = await EngineTransaction.open(this.dataSource);
    try {
      const result = await work(transaction);
      await transaction.commit();
      return result;
    } catch (error) {
      await transaction.rollback().catch(() => undefined);
      if (sqlState(error) === '23503') throw foreignKeyRefusal();
      throw error;
    } finally {
      await transaction.release();
    }
  }

  private async markBroken(error: BrokenInstanceError): Promise<void> {
    await this.dataSource.query(
      `UPDATE workflow_instances SET status = 'broken', broken_reason = $2, updated_at = $3 WHERE id = $1`,
      [error.instanceId, error.reason, this.clock.now().toISOString()],
    );
    this.logger.error(
      { instanceId: error.instanceId, definition: error.definitionLabel, reason: error.reason },
      'workflow instance no longer fits its machine; marked broken',
    );
  }

  private desiredOrRefuse(snapshot: AnyMachineSnapshot) {
    try {
      return desiredTasks(snapshot, this.calendar);
    } catch (error) {
      if (error instanceof StepDataError)
        throw new EngineException(EngineErrorCode.CheckFailed, error.message);
      throw error;
    }
  }

  /** e.g. RSCP-LCSPR-2026-003: partnership code, definition code, London year, sequence. */
  private async nextReference(
    manager: EntityManager,
    partnershipId: string,
    code: string,
    now: Date,
  ): Promise<string> {
    const year = Number(this.calendar.todayInLondon(now).slice(0, 4));
    const rows: Array<{ code: string; last_value: number }> = await manager.query(
      `WITH counter AS (
         INSERT INTO workflow_reference_counters (partnership_id, reference_code, year, last_value)
         VALUES ($1, $2, $3, 1)
         ON CONFLICT ON CONSTRAINT pk_workflow_reference_counters
         DO UPDATE SET last_value = workflow_reference_counters.last_value + 1
         RETURNING last_value)
       SELECT p.code, counter.last_value FROM counter, partnerships p WHERE p.id = $1`,
      [partnershipId, code, year],
    );
    if (rows.length === 0) {
      throw new EngineException(EngineErrorCode.CheckFailed, 'There is no such partnership.');
    }
    return `${rows[0].code}-${code}-${year}-${String(rows[0].last_value).padStart(3, '0')}`;
  }
}

function foreignKeyRefusal(): EngineException {
  return new EngineException(
    EngineErrorCode.CheckFailed,
    'The change refers to a partnership, person or agency that does not exist.',
  );
}

function notSignedIn(): EngineException {
  return new EngineException(EngineErrorCode.Forbidden, 'You are not signed in as a known person.');
}

function inactive(): EngineException {
  return new EngineException(EngineErrorCode.Forbidden, 'Your account is not active.');
}

function notFound(): EngineException {
  return new EngineException(EngineErrorCode.InstanceNotFound, 'There is no such audit or review.');
}

function invalid(detail: string): EngineException {
  return new EngineException(EngineErrorCode.InvalidCommand, detail);
}

function validateStart(command: StartCommand): string {
  if (typeof command.partnershipId !== 'string' || !UUID.test(command.partnershipId)) {
    throw invalid('partnershipId must be a partnership id.');
  }
  const title = typeof command.title === 'string' ? command.title.trim() : '';
  if (title.length === 0 || title.length > 200) throw invalid('title must be 1 to 200 characters.');
  if (command.members !== undefined && !Array.isArray(command.members))
    throw invalid('members must be a list.');
  command.members?.forEach((member, index) => validateMember(member, `members[${index}]`));
  return title;
}

function validateMember(member: Partial<MemberInput>, field: string): void {
  if (typeof member?.personId !== 'string' || !UUID.test(member.personId)) {
    throw invalid(`${field}.personId must be a person id.`);
  }
  if (!(INSTANCE_ROLES as readonly unknown[]).includes(member.role)) {
    throw invalid(`${field}.role must be one of ${INSTANCE_ROLES.join(', ')}.`);
  }
  if (member.agencyId !== undefined && member.agencyId !== null && !UUID.test(member.agencyId)) {
    throw invalid(`${field}.agencyId must be an agency id.`);
  }
}

function dedupeMembers(members: MemberInput[]): MemberInput[] {
  const seen = new Map<string, MemberInput>();
  for (const member of members) seen.set(`${member.personId.toLowerCase()}|${member.role}`, member);
  return [...seen.values()];
}

function validateSend(command: SendCommand): void {
  if (typeof command?.type !== 'string' || !/^[A-Za-z][A-Za-z0-9_.-]{0,99}$/.test(command.type)) {
    throw invalid('type must be an event name such as NOTIFICATION_SENT.');
  }
  if (command.type.startsWith('engine.') || command.type.startsWith('xstate.')) {
    throw invalid(`${command.type} is reserved for the engine.`);
  }
  const payload = command.payload;
  if (
    payload !== undefined &&
    (typeof payload !== 'object' || payload === null || Array.isArray(payload))
  ) {
    throw invalid('payload must be an object.');
  }
  if (payload && ('type' in payload || 'actor' in payload)) {
    throw invalid('payload must not set type or actor: the engine sets them.');
  }
  if (payload && Buffer.byteLength(JSON.stringify(payload)) > MAX_PAYLOAD_BYTES) {
    throw invalid('payload is too large.');
  }
  if (
    command.expectedVersion !== undefined &&
    (!Number.isSafeInteger(command.expectedVersion) || command.expectedVersion < 1)
  ) {
    throw invalid('expectedVersion must be a whole number from 1.');
  }
  if (
    command.idempotencyKey !== undefined &&
    (typeof command.idempotencyKey !== 'string' ||
      command.idempotencyKey.length < 1 ||
      command.idempotencyKey.length > 200)
  ) {
    throw invalid('idempotencyKey must be 1 to 200 characters.');
  }
}

/** The same command repeated hashes the same, whatever order its payload's keys came in. */
export function hashRequest(type: string, payload: unknown): string {
  return createHash('sha256').update(stableJson({ type, payload })).digest('hex');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
