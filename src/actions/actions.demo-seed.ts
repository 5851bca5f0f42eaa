import type { DataSource, EntityManager } from 'typeorm';
import { WORKFLOW_DEFINITIONS } from '../../workflows';
import { BusinessCalendar } from '../calendar';
import { SystemClock, type Clock } from '../common/clock';
import { inScope, partnershipScope, SYSTEM_SCOPE } from '../database/tenancy';
import { DefinitionRegistry } from '../engine/definitions/definition-registry';
import { SYSTEM } from '../engine/engine.types';
import { WorkflowEngine } from '../engine/workflow-engine.service';
import { ActionsService } from './actions.service';
import { RecommendationsService, type InstanceActor } from './recommendations.service';

export interface ActionsDemo {
  recommendationIds: [string, string];
  actionIds: { overdue: string; inProgress: string; complete: string };
}

interface DemoPeople {
  partnershipId: string;
  manager: string;
  /** People without a partnership role who represent an agency: the actions' leads. */
  leads: Array<{ personId: string; agencyId: string }>;
}

const DAY_MS = 86_400_000;

/**
 * Adds a live action plan to an audit or review of the demo partnership: two recommendations
 * with three actions, one overdue and not started, one in progress with a progress update, and
 * one complete (its owner asked, the business manager agreed for the subgroup). The leads are
 * the partnership's agency people without a partnership role, added to the instance as action
 * owners so they can see it. Everything goes through the same services as the API. Returns null,
 * changing nothing, when the instance already has recommendations.
 */
export async function seedActionsDemo(
  dataSource: DataSource,
  ids: { instanceId: string },
  options: { clock?: Clock } = {},
): Promise<ActionsDemo | null> {
  const clock = options.clock ?? new SystemClock();
  const calendar = new BusinessCalendar();
  const engine = new WorkflowEngine(
    dataSource,
    new DefinitionRegistry(WORKFLOW_DEFINITIONS),
    clock,
    calendar,
  );
  const recommendations = new RecommendationsService(clock, calendar);
  const actions = new ActionsService(engine, clock, calendar);

  const people = await inScope(dataSource, SYSTEM_SCOPE, (manager) =>
    demoPeople(manager, ids.instanceId),
  );
  if (!people) return null;
  for (const lead of people.leads) {
    const onInstance: unknown[] = await dataSource.query(
      `SELECT 1 FROM instance_members WHERE instance_id = $1 AND person_id = $2 AND role = 'action-owner'`,
      [ids.instanceId, lead.personId],
    );
    if (onInstance.length === 0) {
      await engine.addMember(SYSTEM, ids.instanceId, {
        personId: lead.personId,
        role: 'action-owner',
        agencyId: lead.agencyId,
      });
    }
  }

  const today = calendar.todayInLondon(clock.now());
  const daysFromToday = (days: number) =>
    calendar.londonDateOf(
      new Date(calendar.londonWallClockToUtc(today, 12).getTime() + days * DAY_MS),
    );
  const [first, second] = [people.leads[0], people.leads[1] ?? people.leads[0]];
  const as = (personId: string): InstanceActor => ({
    personId,
    partnershipId: people.partnershipId,
    instanceId: ids.instanceId,
  });
  const manager = as(people.manager);

  return inScope(dataSource, partnershipScope([people.partnershipId]), async (tx) => {
    const voice = await recommendations.create(tx, manager, {
      text: 'Agencies should make sure practitioners record what children say and how they seem, and act on it.',
    });
    const escalation = await recommendations.create(tx, manager, {
      text: 'The partnership should refresh its escalation protocol so practitioners challenge each other when a plan is not working.',
    });
    const overdue = await actions.create(tx, manager, voice.id, {
      description: 'Add the child’s recorded views to every strategy discussion template.',
      ownerAgencyId: first.agencyId,
      leadPersonId: first.personId,
      dueOn: daysFromToday(-21),
    });
    const inProgress = await actions.create(tx, manager, voice.id, {
      description: 'Deliver briefings on the voice of the child to frontline health staff.',
      ownerAgencyId: second.agencyId,
      leadPersonId: second.personId,
      dueOn: daysFromToday(60),
    });
    await actions.reportProgress(tx, as(second.personId), inProgress.id, undefined, {
      note: 'Two of five briefings delivered; the rest are booked.',
      evidenceOfImpact: 'Attendees’ case notes sampled next quarter.',
    });
    const complete = await actions.create(tx, manager, escalation.id, {
      description: 'Publish the revised escalation protocol and brief team managers.',
      ownerAgencyId: first.agencyId,
      leadPersonId: first.personId,
      dueOn: daysFromToday(30),
    });
    await actions.requestClosure(tx, as(first.personId), complete.id, undefined, {
      note: 'Protocol published and briefed to all team managers.',
      evidenceOfImpact: 'Escalations recorded rose from 2 to 9 in the following quarter.',
    });
    await actions.agreeClosure(
      tx,
      manager,
      complete.id,
      undefined,
      'Learning and Improvement Subgroup, demo meeting, minute 3',
    );
    return {
      recommendationIds: [voice.id, escalation.id],
      actionIds: { overdue: overdue.id, inProgress: inProgress.id, complete: complete.id },
    };
  });
}

async function demoPeople(manager: EntityManager, instanceId: string): Promise<DemoPeople | null> {
  const [instance] = await manager.query<Array<{ partnership_id: string; planned: boolean }>>(
    `SELECT i.partnership_id, EXISTS (SELECT 1 FROM recommendations r WHERE r.instance_id = i.id) AS planned
       FROM workflow_instances i WHERE i.id = $1`,
    [instanceId],
  );
  if (!instance) throw new Error('There is no such instance to add the demo action plan to');
  if (instance.planned) return null;
  const members = await manager.query<
    Array<{ person_id: string; agency_id: string | null; roles: string[] }>
  >(
    `SELECT pm.person_id, pm.agency_id, pm.roles FROM partnership_members pm
       JOIN people p ON p.id = pm.person_id
      WHERE pm.partnership_id = $1 ORDER BY p.display_name`,
    [instance.partnership_id],
  );
  const managerId = members.find((m) => m.roles.includes('business-manager'))?.person_id;
  if (!managerId) throw new Error('The demo partnership has no business manager');
  const leads = members
    .filter((m) => m.roles.length === 0 && m.agency_id !== null)
    .slice(0, 2)
    .map((m) => ({ personId: m.person_id, agencyId: m.agency_id as string }));
  if (leads.length === 0) throw new Error('The demo partnership has nobody to lead its actions');
  return { partnershipId: instance.partnership_id, manager: managerId, leads };
}
