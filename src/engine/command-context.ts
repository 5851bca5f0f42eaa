import { randomUUID } from 'node:crypto';
import type { AnyMachineSnapshot } from 'xstate';
import type { EntityManager } from 'typeorm';
import type { WorkflowDefinition } from '../../workflows/shared/definition';
import { SYSTEM_ACTOR, type ActorContext } from '../../workflows/shared/roles';
import type { IsoDate } from '../../workflows/shared/due-rule';
import { EngineErrorCode, EngineException } from './engine.exception';
import type { CommandResult } from './engine.types';
import { DefinitionRegistry } from './definitions/definition-registry';
import type { InstanceMembership } from './runtime/actor-context';
import type { EngineTransaction } from './persistence/engine-transaction';
import type { PersonAccess } from './persistence/person-scope';
import {
  writeInstanceChanges,
  type InstanceRecord,
  type LockedInstance,
} from './persistence/instance-store';
import { buildChanges, type ChangeSet, type OutboxEntry } from './runtime/changes';
import { statusOf } from './runtime/decide';
import { persistSnapshot, restoreSnapshot, SnapshotMismatchError } from './runtime/snapshot';
import { desiredTasks, StepDataError } from './runtime/tasks';
import type { BusinessCalendar } from '../calendar';

/** The instance's snapshot no longer fits its machine; it must be reported, never reset. */
export class BrokenInstanceError extends Error {
  constructor(
    readonly instanceId: string,
    readonly definitionLabel: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** Everything one command works with, inside its transaction, with the instance row locked. */
export class CommandContext {
  constructor(
    readonly manager: EntityManager,
    readonly locked: LockedInstance,
    readonly actor: ActorContext,
    readonly access: PersonAccess | null,
    readonly now: Date,
    readonly today: IsoDate,
    private readonly registry: DefinitionRegistry,
    private readonly calendar: BusinessCalendar,
    /** The engine's own transaction; null inside a caller's. */
    private readonly transaction: EngineTransaction | null = null,
  ) {}

  get instance(): InstanceRecord {
    return this.locked.instance;
  }

  get memberships(): InstanceMembership[] {
    return this.access?.instanceMemberships ?? [];
  }

  get isSystem(): boolean {
    return this.actor === SYSTEM_ACTOR;
  }

  /** The pinned definition and the restored snapshot; throws BrokenInstanceError when unusable. */
  restore(): { definition: WorkflowDefinition; snapshot: AnyMachineSnapshot } {
    const { instance } = this;
    const label = `${instance.definitionKey}@${instance.definitionVersion}`;
    if (instance.status === 'broken') {
      throw new EngineException(
        EngineErrorCode.InstanceBroken,
        `${instance.reference} cannot be changed: its saved state no longer fits its workflow.`,
        { reference: instance.reference },
      );
    }
    const definition = this.registry.find(instance.definitionKey, instance.definitionVersion);
    if (!definition) {
      throw new BrokenInstanceError(instance.id, label, `workflow ${label} is not registered`);
    }
    try {
      return { definition, snapshot: restoreSnapshot(definition.machine, instance.snapshot) };
    } catch (error) {
      if (error instanceof SnapshotMismatchError) {
        throw new BrokenInstanceError(instance.id, label, error.message);
      }
      throw error;
    }
  }

  /**
   * Records `next` as the instance's new state: tasks, deadlines and outbox rows follow from it,
   * and the event row carries who, what, from and to. One statement; the transaction commits it.
   */
  async commit(args: {
    definition: WorkflowDefinition;
    before: unknown;
    next: AnyMachineSnapshot;
    eventType: string;
    payload: Record<string, unknown>;
    effects: readonly OutboxEntry[];
    closeAs: 'completed' | 'cancelled';
    idempotencyKey?: string | null;
    requestHash?: string | null;
    openTasks?: LockedInstance['openTasks'];
    /**
     * Nothing follows in this command: in the engine's own transaction, the write is sent with
     * the COMMIT (one round trip fewer), so no statement may be run after it.
     */
    last?: boolean;
  }): Promise<{ result: CommandResult; changes: ChangeSet }> {
    const { instance } = this;
    let desired;
    try {
      desired = desiredTasks(args.next, this.calendar);
    } catch (error) {
      if (error instanceof StepDataError) {
        throw new EngineException(EngineErrorCode.CheckFailed, error.message);
      }
      throw error;
    }
    const changes = buildChanges({
      instanceId: instance.id,
      openTasks: args.openTasks ?? this.locked.openTasks,
      desired,
      closeAs: args.closeAs,
      effects: args.effects,
      calendar: this.calendar,
    });
    const status = statusOf(args.next);
    const eventId = randomUUID();
    const version = instance.version + 1;
    const result: CommandResult = {
      instanceId: instance.id,
      reference: instance.reference,
      version,
      status,
      state: args.next.value,
      event: {
        id: eventId,
        type: args.eventType,
        version,
        from: args.before,
        to: args.next.value,
        occurredAt: this.now.toISOString(),
      },
      tasksOpened: changes.opened,
      tasksClosed: changes.closed,
      replayed: false,
    };
    const written = await writeInstanceChanges(
      this.manager,
      {
        kind: 'update',
        instanceId: instance.id,
        partnershipId: instance.partnershipId,
        expectedVersion: instance.version,
        definitionVersion: args.definition.version,
        snapshot: persistSnapshot(args.definition.machine, args.next),
        stateValue: args.next.value,
        status,
        closedAt: status === 'closed' ? (instance.closedAt ?? this.now) : null,
      },
      {
        id: eventId,
        type: args.eventType,
        payload: args.payload,
        actorKind: this.actor.kind,
        actorPersonId: this.actor.personId,
        fromState: args.before,
        toState: args.next.value,
        idempotencyKey: args.idempotencyKey ?? null,
        requestHash: args.requestHash ?? null,
        outcome: args.idempotencyKey ? result : null,
      },
      changes,
      this.now,
      args.last ? (this.transaction ?? undefined) : undefined,
    );
    if (!written) {
      // Unreachable while the row lock is held; kept so a lost lock can never half-apply (the
      // statement then wrote nothing, even when it was committed with it).
      throw new EngineException(
        EngineErrorCode.VersionConflict,
        `${instance.reference} has changed.`,
      );
    }
    return { result, changes };
  }
}
