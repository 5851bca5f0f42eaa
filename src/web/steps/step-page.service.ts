import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AccessContext } from '../../access/access-context';
import { inScope } from '../../database/tenancy';
import { DefinitionRegistry } from '../../engine/definitions/definition-registry';
import type { InstanceView, TaskDetail } from '../../engine/engine.types';
import { InstanceReader } from '../../engine/instance-reader.service';
import { AgenciesService } from '../../people/agencies.service';
import { stepFormFor, type StepForm } from './step-forms';

/** How people are named for the roles a task can be assigned to. */
const ROLE_WORDS: Readonly<Record<string, string>> = {
  'business-manager': 'the business manager',
  'business-officer': 'a business officer',
  'partnership-chair': 'the partnership chair',
  'lead-safeguarding-partner': 'the lead safeguarding partners',
  'board-member': 'a board member',
  'panel-chair': 'the chair',
  'panel-member': 'the panel members',
  'independent-reviewer': 'the independent reviewer',
  'audit-group-member': 'the audit group members',
  'agency-safeguarding-lead': 'the agency safeguarding lead',
  'action-owner': 'the action owner',
};

/** Everything a step's page shows around its form. */
export interface StepPage {
  instance: InstanceView;
  task: TaskDetail;
  stepForm: StepForm;
  /** e.g. "Northshire Police (its safeguarding lead and auditors on this audit): Sam Policelead". */
  whose: string;
  /** The agency an each-agency task is for. */
  agency: { id: string; name: string } | null;
  /** The viewer holds the open task. */
  canAct: boolean;
  /** Why the viewer sees the task read-only; null when they can act. */
  readOnlyReason: string | null;
}

/**
 * Loads a task and its audit or review for the step page, as the viewer sees them: 404 when they
 * may not see the instance or it has no such task. Says whose task it is and whether the viewer
 * holds it.
 */
@Injectable()
export class StepPageService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reader: InstanceReader,
    private readonly agencies: AgenciesService,
    private readonly registry: DefinitionRegistry,
  ) {}

  async load(access: AccessContext, instanceId: string, taskId: string): Promise<StepPage> {
    const viewer = { personId: access.principal.personId };
    const [instance, task] = await Promise.all([
      this.reader.getInstance(viewer, instanceId),
      this.reader.task(viewer, instanceId, taskId),
    ]);
    const agencyId = task.assignee.agencyId;
    const agency = agencyId
      ? ((
          await inScope(this.dataSource, access.scope, (manager) =>
            this.agencies.list(manager, instance.partnershipId),
          )
        ).find((entry) => entry.id === agencyId) ?? null)
      : null;
    const holders = task.holders ?? [];
    const canAct =
      task.status === 'open' &&
      holders.some((holder) => holder.personId === access.principal.personId);
    const whose = whoseTask(task, agency?.name ?? null);
    return {
      instance,
      task,
      stepForm: stepFormFor(instance.definition.key, task.stepKey),
      whose,
      agency: agency ? { id: agency.id, name: agency.name } : null,
      canAct,
      readOnlyReason: canAct ? null : readOnlyReason(task, whose),
    };
  }

  /** The name of one of the partnership's agencies, or null when there is none such. */
  async agencyName(
    access: AccessContext,
    partnershipId: string,
    agencyId: string,
  ): Promise<string | null> {
    const agencies = await inScope(this.dataSource, access.scope, (manager) =>
      this.agencies.list(manager, partnershipId),
    );
    return agencies.find((agency) => agency.id === agencyId)?.name ?? null;
  }

  /** The workflow's own words for why this viewer may not send the event. */
  refusalReason(instance: Pick<InstanceView, 'definition'>, eventType: string): string {
    const definition = this.registry.find(instance.definition.key, instance.definition.version);
    return definition?.permissions[eventType]?.reason ?? 'You cannot take this step at this stage.';
  }

  /** `refusalReason` for an instance known by its id. */
  async refusalOn(access: AccessContext, instanceId: string, eventType: string): Promise<string> {
    const viewer = { personId: access.principal.personId };
    return this.refusalReason(await this.reader.getInstance(viewer, instanceId), eventType);
  }
}

function whoseTask(task: TaskDetail, agencyName: string | null): string {
  const names = (task.holders ?? []).map((holder) => holder.displayName);
  const { assignee } = task;
  let role: string;
  switch (assignee.kind) {
    case 'each-agency':
      role = `${agencyName ?? 'An agency'} (its safeguarding lead and auditors on this audit or review)`;
      break;
    case 'person':
      role = names.length > 0 ? '' : 'A named person, not yet appointed';
      break;
    case 'instance-role':
    case 'partnership-role':
      role = capitalise(ROLE_WORDS[assignee.role ?? ''] ?? 'Someone in the business unit');
      break;
  }
  if (!role) return names.join(', ');
  return names.length > 0 && task.status === 'open' ? `${role}: ${names.join(', ')}` : role;
}

function readOnlyReason(task: TaskDetail, whose: string): string {
  if (task.status === 'completed') {
    const by = task.closedBy?.displayName;
    return by ? `This task is done: ${by} completed it.` : 'This task is done.';
  }
  if (task.status === 'cancelled') return 'This task was cancelled: it is no longer needed.';
  return `This task is for ${lowerFirst(whose)}. You can see it, but only they can do it.`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function lowerFirst(text: string): string {
  return /^(The|A|An) /.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}
