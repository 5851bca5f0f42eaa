import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BusinessCalendar } from '../calendar';
import { Clock } from '../common/clock';
import { instanceVisibleToSql } from '../engine/instance-visibility';
import { WorkflowEngine } from '../engine/workflow-engine.service';
import { followUpTaskKey, followUpTaskTitle } from './action-follow-up';
import { readAction } from './action-queries';
import { ragThresholds } from './action-rag';
import type { ActionStatus, ActionUpdateKind } from './action-status';
import { ActionUpdate } from './action-update.entity';
import { PlanAction } from './action.entity';
import { ActionsErrorCode, ActionsException } from './actions.exception';
import type { ActionView } from './dto/action.view';
import type { CreateActionDto } from './dto/create-action.dto';
import type { UpdateActionDto } from './dto/update-action.dto';
import type { InstanceActor } from './recommendations.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The action row as a command works with it, locked for the rest of the transaction. */
interface LockedAction {
  id: string;
  recommendation_id: string;
  recommendation_number: number;
  number: number;
  status: ActionStatus;
  version: number;
  lead_person_id: string;
  owner_agency_id: string;
  due_on: string;
  closure_requested_by_person_id: string | null;
}

/**
 * An action's life: added to a recommendation with its follow-up task, edited by the business
 * unit, progress reported by its owner, closure asked for by the owner and agreed or declined by
 * the subgroup. Each command locks the action row, checks who may (403), the `If-Match` version
 * (409) and the state (409), then writes the action, its history and its task in the caller's
 * transaction. Nothing from an action's wording goes into a log line, an email or an error.
 */
@Injectable()
export class ActionsService {
  constructor(
    private readonly engine: WorkflowEngine,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendar,
  ) {}

  async create(
    manager: EntityManager,
    actor: InstanceActor,
    recommendationId: string,
    input: CreateActionDto,
  ): Promise<ActionView> {
    if (!UUID.test(recommendationId)) {
      throw new ActionsException(ActionsErrorCode.RecommendationNotFound);
    }
    const [recommendation] = await manager.query<Array<{ id: string; number: number }>>(
      `SELECT id, number FROM recommendations WHERE id = $1 AND instance_id = $2 FOR UPDATE`,
      [recommendationId, actor.instanceId],
    );
    if (!recommendation) throw new ActionsException(ActionsErrorCode.RecommendationNotFound);
    await this.requireAgency(manager, actor.partnershipId, input.ownerAgencyId);
    await this.requireLeadSeesInstance(manager, actor.instanceId, input.leadPersonId);
    const [{ next }] = await manager.query<Array<{ next: number }>>(
      `SELECT coalesce(max(number), 0)::int + 1 AS next FROM actions WHERE recommendation_id = $1`,
      [recommendation.id],
    );
    const now = this.clock.now();
    const id = randomUUID();
    await manager.insert(PlanAction, {
      id,
      partnershipId: actor.partnershipId,
      recommendationId: recommendation.id,
      instanceId: actor.instanceId,
      number: next,
      description: input.description.trim(),
      ownerAgencyId: input.ownerAgencyId,
      leadPersonId: input.leadPersonId.toLowerCase(),
      dueOn: input.dueOn,
      status: 'not-started',
      version: 1,
      createdByPersonId: actor.personId,
      createdAt: now,
      updatedAt: now,
    });
    await this.refreshRecommendation(manager, recommendation.id);
    await this.engine.openAdHocTask(manager, {
      actor: { personId: actor.personId },
      instanceId: actor.instanceId,
      key: followUpTaskKey(id),
      title: followUpTaskTitle(`${recommendation.number}.${next}`),
      assigneePersonId: input.leadPersonId,
      dueOn: input.dueOn,
    });
    return this.view(manager, actor.instanceId, id);
  }

  async get(manager: EntityManager, instanceId: string, actionId: string): Promise<ActionView> {
    if (!UUID.test(actionId)) throw notFound();
    return this.view(manager, instanceId, actionId);
  }

  /** The business unit's edit; a new due date re-dates the follow-up task, a new lead takes it over. */
  async update(
    manager: EntityManager,
    actor: InstanceActor,
    actionId: string,
    expectedVersion: number,
    input: UpdateActionDto,
  ): Promise<ActionView> {
    const action = await this.lock(manager, actor.instanceId, actionId);
    checkVersion(action, expectedVersion);
    if (action.status === 'complete') throw new ActionsException(ActionsErrorCode.ActionComplete);
    const description = input.description?.trim();
    const ownerAgencyId = changed(input.ownerAgencyId?.toLowerCase(), action.owner_agency_id);
    const leadPersonId = changed(input.leadPersonId?.toLowerCase(), action.lead_person_id);
    const dueOn = changed(input.dueOn, action.due_on);
    if (ownerAgencyId) await this.requireAgency(manager, actor.partnershipId, ownerAgencyId);
    if (leadPersonId) await this.requireLeadSeesInstance(manager, actor.instanceId, leadPersonId);
    if (description === undefined && !ownerAgencyId && !leadPersonId && !dueOn) {
      return this.view(manager, actor.instanceId, action.id);
    }
    await manager.query(
      `UPDATE actions SET description = coalesce($2, description),
         owner_agency_id = coalesce($3, owner_agency_id), lead_person_id = coalesce($4, lead_person_id),
         due_on = coalesce($5::date, due_on), version = version + 1, updated_at = $6
       WHERE id = $1`,
      [action.id, description ?? null, ownerAgencyId, leadPersonId, dueOn, this.clock.now()],
    );
    if (leadPersonId || dueOn) {
      await this.engine.updateAdHocTask(manager, {
        actor: { personId: actor.personId },
        instanceId: actor.instanceId,
        key: followUpTaskKey(action.id),
        ...(dueOn ? { dueOn } : {}),
        ...(leadPersonId ? { assigneePersonId: leadPersonId } : {}),
      });
    }
    return this.view(manager, actor.instanceId, action.id);
  }

  /** The owner's progress note; the first one moves a not-started action to in progress. */
  async reportProgress(
    manager: EntityManager,
    actor: InstanceActor,
    actionId: string,
    expectedVersion: number | undefined,
    input: { note: string; evidenceOfImpact?: string },
  ): Promise<ActionView> {
    const action = await this.lock(manager, actor.instanceId, actionId);
    await this.requireOwner(manager, actor, action);
    checkVersion(action, expectedVersion);
    if (action.status === 'complete') throw new ActionsException(ActionsErrorCode.ActionComplete);
    await this.record(manager, actor, action, 'progress', input.note, input.evidenceOfImpact);
    await this.bump(manager, action, {
      status: action.status === 'not-started' ? 'in-progress' : action.status,
    });
    return this.view(manager, actor.instanceId, action.id);
  }

  /** The owner says it is done and shows the evidence; the subgroup then agrees or declines. */
  async requestClosure(
    manager: EntityManager,
    actor: InstanceActor,
    actionId: string,
    expectedVersion: number | undefined,
    input: { note: string; evidenceOfImpact: string },
  ): Promise<ActionView> {
    const action = await this.lock(manager, actor.instanceId, actionId);
    await this.requireOwner(manager, actor, action);
    checkVersion(action, expectedVersion);
    if (action.status === 'complete') throw new ActionsException(ActionsErrorCode.ActionComplete);
    if (action.status === 'awaiting-closure') {
      throw new ActionsException(ActionsErrorCode.ClosureAlreadyRequested);
    }
    await this.record(
      manager,
      actor,
      action,
      'closure-requested',
      input.note,
      input.evidenceOfImpact,
    );
    await this.bump(manager, action, {
      status: 'awaiting-closure',
      closureRequestedAt: this.clock.now(),
      closureRequestedBy: actor.personId,
    });
    return this.view(manager, actor.instanceId, action.id);
  }

  /** The subgroup agrees: the action is complete, its follow-up task closes. */
  async agreeClosure(
    manager: EntityManager,
    actor: InstanceActor,
    actionId: string,
    expectedVersion: number | undefined,
    agreement: string,
  ): Promise<ActionView> {
    const action = await this.pendingClosure(manager, actor, actionId, expectedVersion);
    const now = this.clock.now();
    await this.record(manager, actor, action, 'closure-agreed', agreement);
    await manager.query(
      `UPDATE actions SET status = 'complete', closed_at = $2, closed_by_person_id = $3,
         closure_agreement = $4, version = version + 1, updated_at = $2
       WHERE id = $1`,
      [action.id, now, actor.personId, agreement.trim()],
    );
    await this.refreshRecommendation(manager, action.recommendation_id);
    await this.engine.closeAdHocTask(manager, {
      actor: { personId: actor.personId },
      instanceId: actor.instanceId,
      key: followUpTaskKey(action.id),
    });
    return this.view(manager, actor.instanceId, action.id);
  }

  /** The subgroup declines, with its reason: the action is back in progress, its task still open. */
  async declineClosure(
    manager: EntityManager,
    actor: InstanceActor,
    actionId: string,
    expectedVersion: number | undefined,
    reason: string,
  ): Promise<ActionView> {
    const action = await this.pendingClosure(manager, actor, actionId, expectedVersion);
    await this.record(manager, actor, action, 'closure-declined', reason);
    await this.bump(manager, action, {
      status: 'in-progress',
      closureRequestedAt: null,
      closureRequestedBy: null,
    });
    return this.view(manager, actor.instanceId, action.id);
  }

  /** For the subgroup's decision: its decider must not be an owner, and closure must be pending. */
  private async pendingClosure(
    manager: EntityManager,
    actor: InstanceActor,
    actionId: string,
    expectedVersion: number | undefined,
  ): Promise<LockedAction> {
    const action = await this.lock(manager, actor.instanceId, actionId);
    if (
      actor.personId === action.closure_requested_by_person_id ||
      (await this.isOwner(manager, actor, action))
    ) {
      throw new ActionsException(ActionsErrorCode.OwnerCannotAgree);
    }
    checkVersion(action, expectedVersion);
    if (action.status === 'complete') throw new ActionsException(ActionsErrorCode.ActionComplete);
    if (action.status !== 'awaiting-closure') {
      throw new ActionsException(ActionsErrorCode.ClosureNotRequested);
    }
    return action;
  }

  private async lock(
    manager: EntityManager,
    instanceId: string,
    actionId: string,
  ): Promise<LockedAction> {
    if (!UUID.test(actionId)) throw notFound();
    const [action] = await manager.query<LockedAction[]>(
      `SELECT a.id, a.recommendation_id, r.number AS recommendation_number, a.number, a.status,
              a.version, a.lead_person_id, a.owner_agency_id, a.due_on::text AS due_on,
              a.closure_requested_by_person_id
         FROM actions a JOIN recommendations r ON r.id = a.recommendation_id
        WHERE a.id = $1 AND a.instance_id = $2
        FOR UPDATE OF a`,
      [actionId, instanceId],
    );
    if (!action) throw notFound();
    return action;
  }

  /** Its lead, or someone on the audit or review for its owner agency. */
  private async isOwner(
    manager: EntityManager,
    actor: InstanceActor,
    action: LockedAction,
  ): Promise<boolean> {
    if (actor.personId === action.lead_person_id) return true;
    const [row] = await manager.query<Array<{ member: boolean }>>(
      `SELECT EXISTS (SELECT 1 FROM instance_members m
         WHERE m.instance_id = $1 AND m.person_id = $2 AND m.agency_id = $3) AS member`,
      [actor.instanceId, actor.personId, action.owner_agency_id],
    );
    return row.member;
  }

  private async requireOwner(
    manager: EntityManager,
    actor: InstanceActor,
    action: LockedAction,
  ): Promise<void> {
    if (!(await this.isOwner(manager, actor, action))) {
      throw new ActionsException(ActionsErrorCode.NotActionOwner);
    }
  }

  private async requireAgency(
    manager: EntityManager,
    partnershipId: string,
    agencyId: string,
  ): Promise<void> {
    const found = await manager.query<unknown[]>(
      `SELECT 1 FROM agencies WHERE id = $1 AND partnership_id = $2`,
      [agencyId, partnershipId],
    );
    if (found.length === 0) throw new ActionsException(ActionsErrorCode.AgencyNotFound);
  }

  /** The lead must be able to open the audit or review their task links to. */
  private async requireLeadSeesInstance(
    manager: EntityManager,
    instanceId: string,
    personId: string,
  ): Promise<void> {
    const found = await manager.query<unknown[]>(
      `SELECT 1 FROM workflow_instances i
        WHERE i.id = $1 AND ${instanceVisibleToSql('i', '$2')}
          AND NOT EXISTS (SELECT 1 FROM people p WHERE p.id = $2 AND p.deactivated_at IS NOT NULL)`,
      [instanceId, personId.toLowerCase()],
    );
    if (found.length === 0) throw new ActionsException(ActionsErrorCode.LeadCannotSeeInstance);
  }

  private async record(
    manager: EntityManager,
    actor: InstanceActor,
    action: LockedAction,
    kind: ActionUpdateKind,
    note: string,
    evidenceOfImpact?: string,
  ): Promise<void> {
    await manager.insert(ActionUpdate, {
      id: randomUUID(),
      partnershipId: actor.partnershipId,
      actionId: action.id,
      kind,
      note: note.trim(),
      evidenceOfImpact: evidenceOfImpact?.trim() ?? null,
      byPersonId: actor.personId,
      createdAt: this.clock.now(),
    });
  }

  private async bump(
    manager: EntityManager,
    action: LockedAction,
    change: {
      status: ActionStatus;
      closureRequestedAt?: Date | null;
      closureRequestedBy?: string | null;
    },
  ): Promise<void> {
    const touchesClosure = change.closureRequestedAt !== undefined;
    await manager.query(
      `UPDATE actions SET status = $2, version = version + 1, updated_at = $3
         ${touchesClosure ? ', closure_requested_at = $4, closure_requested_by_person_id = $5' : ''}
       WHERE id = $1`,
      [
        action.id,
        change.status,
        this.clock.now(),
        ...(touchesClosure ? [change.closureRequestedAt, change.closureRequestedBy ?? null] : []),
      ],
    );
  }

  /** Complete once it has actions and all are complete; open otherwise. */
  private async refreshRecommendation(
    manager: EntityManager,
    recommendationId: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE recommendations r SET status = CASE
         WHEN EXISTS (SELECT 1 FROM actions a WHERE a.recommendation_id = r.id)
          AND NOT EXISTS (SELECT 1 FROM actions a WHERE a.recommendation_id = r.id AND a.status <> 'complete')
         THEN 'complete' ELSE 'open' END
       WHERE r.id = $1`,
      [recommendationId],
    );
  }

  private async view(
    manager: EntityManager,
    instanceId: string,
    actionId: string,
  ): Promise<ActionView> {
    const view = await readAction(
      manager,
      instanceId,
      actionId,
      ragThresholds(this.clock.now(), this.calendar),
    );
    if (!view) throw notFound();
    return view;
  }
}

function notFound(): ActionsException {
  return new ActionsException(ActionsErrorCode.ActionNotFound);
}

function checkVersion(action: LockedAction, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && expectedVersion !== action.version) {
    throw new ActionsException(ActionsErrorCode.VersionConflict, {
      currentVersion: action.version,
      expectedVersion,
    });
  }
}

/** The new value when it differs from the current one; null when unchanged or not given. */
function changed(next: string | undefined, current: string): string | null {
  return next !== undefined && next !== current ? next : null;
}
