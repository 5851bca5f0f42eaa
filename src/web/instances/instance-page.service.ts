import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AccessContext } from '../../access/access-context';
import { decide } from '../../access/decide';
import { rolesIn } from '../../access/principal';
import type { RecommendationView } from '../../actions/dto/recommendation.view';
import { RecommendationsService } from '../../actions/recommendations.service';
import { auditActor } from '../../audits/audit-actor';
import { AuditsService, type AuditView } from '../../audits/audits/audits.service';
import { BusinessCalendar, type IsoDate, type Rag } from '../../calendar';
import { Clock } from '../../common/clock';
import { inScope } from '../../database/tenancy';
import { DefinitionRegistry } from '../../engine/definitions/definition-registry';
import type { MemberView, TaskView, TimelineEntry } from '../../engine/engine.types';
import { InstanceReader } from '../../engine/instance-reader.service';
import { stageNodes, stageOfStateValue } from '../../engine/instance-stage-sql';
import { AgenciesService } from '../../people/agencies.service';
import { worstRag, type TimescaleView } from '../../reviews/review-progress';
import { isReviewKind } from '../../reviews/review-kinds';
import { ReviewViewService, type ReviewView } from '../../reviews/reviews/review-view.service';
import { dueRag, instanceRag } from './instance-rag';
import { dateLabel, eventInWords, kindName, roleInWords } from './instance-words';
import { stageOutline, stageProgress, type StageProgress } from './stage-outline';

export interface OpenTaskRow {
  id: string;
  title: string;
  dueOn: IsoDate | null;
  rag: Rag | null;
  /** Who holds it, in words: people by name, an agency's task by the agency's name first. */
  heldBy: string;
  /** The viewer holds it: the page links to doing it. */
  viewerHolds: boolean;
}

export interface DeadlineRow {
  title: string;
  dueOn: IsoDate;
  rag: Rag;
}

export interface TimelineRow {
  event: string;
  actor: string;
  occurredAt: Date;
  fromStage: string | null;
  toStage: string | null;
}

export interface LinkedRow {
  relation: string;
  id: string;
  visible: boolean;
  reference: string | null;
  kind: string | null;
  stage: string | null;
}

/** One audit's or review's page, everything formatted but dates (the templates write those). */
export interface InstancePage {
  id: string;
  reference: string;
  kind: 'audit' | 'review';
  kindName: string;
  workflowTitle: string;
  /** The pseudonym (a review) or the theme (an audit): never identifying details. */
  title: string;
  live: boolean;
  status: string;
  stage: string | null;
  rag: Rag | null;
  openedAt: Date;
  closedAt: Date | null;
  /** Named dates recorded so far, in words. */
  dates: Array<{ label: string; on: string }>;
  stages: StageProgress[];
  openTasks: OpenTaskRow[];
  /** Reviews: statutory timescales from the reviews module. */
  timescales: TimescaleView[];
  /** Audits: the audit's own due dates. */
  deadlines: DeadlineRow[];
  linkedReviews: LinkedRow[];
  members: Array<{ name: string; role: string; agency: string | null }>;
  recommendations: RecommendationView[];
  timeline: TimelineRow[];
  audit: {
    scope: string;
    lookBackMonths: number;
    meetingOn: IsoDate;
    meetingHeldOn: IsoDate | null;
    toolName: string;
    /** Each case by pseudonym; the link to its identifying details only for those allowed. */
    cases: Array<{ pseudonym: string; identifiersPath: string | null }>;
    returns: Array<{ agency: string; case: string; status: string; late: boolean }>;
    openConcerns: number;
  } | null;
  /** The viewer may raise an immediate concern now (audits). */
  canRaiseConcern: boolean;
}

const RETURN_STATUS: Readonly<Record<string, string>> = {
  'not-started': 'Not started',
  draft: 'Draft',
  submitted: 'Submitted',
  reopened: 'Reopened',
};

/**
 * Builds an audit's or review's page from the feature modules' own reads (the reviews module's
 * view with its timescales, the audits module's view, the engine's tasks, members and history,
 * the recommendations with their actions). The access guard has established the viewer may see it.
 */
@Injectable()
export class InstancePageService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reader: InstanceReader,
    private readonly registry: DefinitionRegistry,
    private readonly reviews: ReviewViewService,
    private readonly audits: AuditsService,
    private readonly recommendations: RecommendationsService,
    private readonly agencies: AgenciesService,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendar,
  ) {}

  async page(access: AccessContext): Promise<InstancePage> {
    if (!access.instance) throw new Error(`${access.action} is not an instance action`);
    const instanceId = access.instance.id;
    const viewerId = access.principal.personId;
    const today = this.calendar.todayInLondon(this.clock.now());
    const instance = await this.reader.getInstance({ personId: viewerId }, instanceId);
    const definitionKey = instance.definition.key;
    const review = isReviewKind(definitionKey) ? await this.reviews.read(access, instanceId) : null;
    const audit = review ? null : await this.audits.get(auditActor(access), instanceId);
    const shared: {
      openTasks: TaskView[];
      members: MemberView[];
      timeline: TimelineEntry[];
      availableEvents: string[];
    } = review ?? (audit as AuditView);
    const { recommendations, agencyNames } = await inScope(
      this.dataSource,
      access.scope,
      async (manager) => ({
        recommendations: await this.recommendations.list(manager, instanceId),
        agencyNames: new Map(
          (await this.agencies.list(manager, instance.partnershipId)).map((agency) => [
            agency.id,
            agency.name,
          ]),
        ),
      }),
    );
    const agencyName = (id: string | null): string | null =>
      id === null ? null : (agencyNames.get(id) ?? 'An agency of another partnership');

    const definition = this.registry.find(definitionKey, instance.definition.version);
    const nodes = definition ? stageNodes(definition) : [];
    const timeline = shared.timeline.map((entry) => ({
      event: eventInWords(entry.type),
      actor: entry.actor.displayName ?? (entry.actor.kind === 'system' ? 'The system' : 'Someone'),
      occurredAt: new Date(entry.occurredAt),
      fromStage: entry.from === null ? null : stageOfStateValue(nodes, entry.from),
      toStage: entry.to === null ? null : stageOfStateValue(nodes, entry.to),
    }));
    const live = instance.status === 'live';
    const stages = definition
      ? stageProgress(
          stageOutline(definition),
          { stage: instance.stage, live },
          timeline,
          shared.openTasks,
        )
      : [];

    const openTasks = shared.openTasks.map((task) =>
      this.taskRow(task, viewerId, agencyName, today),
    );
    const deadlines = audit ? this.deadlines(openTasks) : [];
    const soonest = this.nextDue(shared.openTasks.find((task) => task.dueOn !== null));
    const rag = live ? instanceRag(review?.rag ?? null, soonest, today, this.calendar) : null;

    return {
      id: instance.id,
      reference: instance.reference,
      kind: review ? 'review' : 'audit',
      kindName: kindName(definitionKey),
      workflowTitle: instance.definition.title ?? kindName(definitionKey),
      title: review ? (review.pseudonym ?? instance.title) : instance.title,
      live,
      status: instance.status,
      stage: instance.stage,
      rag,
      openedAt: new Date(instance.createdAt),
      closedAt: instance.closedAt ? new Date(instance.closedAt) : null,
      dates: review
        ? Object.entries(review.dates).flatMap(([key, on]) =>
            on ? [{ label: dateLabel(key), on }] : [],
          )
        : [],
      stages,
      openTasks,
      timescales: review?.timescales ?? [],
      deadlines,
      linkedReviews: review ? this.linked(review) : [],
      members: shared.members.map((member) => ({
        name: member.displayName,
        role: roleInWords(member.role),
        agency: agencyName(member.agencyId),
      })),
      recommendations,
      timeline,
      audit: audit ? this.auditPart(audit, mayViewIdentifiers(access)) : null,
      canRaiseConcern: audit !== null && live && shared.availableEvents.includes('CONCERN_RAISED'),
    };
  }

  private nextDue(task: TaskView | undefined): { dueOn: IsoDate; openedOn: IsoDate } | null {
    if (!task?.dueOn) return null;
    return { dueOn: task.dueOn, openedOn: this.calendar.londonDateOf(new Date(task.openedAt)) };
  }

  private taskRow(
    task: TaskView,
    viewerId: string,
    agencyName: (id: string | null) => string | null,
    today: IsoDate,
  ): OpenTaskRow {
    const holders = task.holders ?? [];
    const names = holders.map((holder) => holder.displayName).join(', ');
    const agency = task.assignee.kind === 'each-agency' ? agencyName(task.assignee.agencyId) : null;
    const role = task.assignee.role ? roleInWords(task.assignee.role) : null;
    const nobody = `${role ?? 'Nobody'}${role ? ' (nobody holds this role yet)' : ' yet'}`;
    const people = names || nobody;
    const next = this.nextDue(task);
    return {
      id: task.id,
      title: task.title,
      dueOn: task.dueOn,
      rag: next ? dueRag(next.openedOn, next.dueOn, today, this.calendar) : null,
      heldBy: agency ? `${agency}: ${people}` : people,
      viewerHolds: holders.some((holder) => holder.personId === viewerId),
    };
  }

  /** An audit's own due dates: one per step still open (an agency's tasks share theirs). */
  private deadlines(tasks: readonly OpenTaskRow[]): DeadlineRow[] {
    const seen = new Map<string, DeadlineRow>();
    for (const task of tasks) {
      if (task.dueOn === null || task.rag === null) continue;
      const key = `${task.title}|${task.dueOn}`;
      const known = seen.get(key);
      if (!known || worstRag([known.rag, task.rag]) !== known.rag) {
        seen.set(key, { title: task.title, dueOn: task.dueOn, rag: task.rag });
      }
    }
    return [...seen.values()].sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
  }

  private linked(review: ReviewView): LinkedRow[] {
    return review.linkedReviews.map((link) => ({
      relation: link.relation === 'stepped-down-to' ? 'Stepped down to' : 'Stepped down from',
      id: link.id,
      visible: link.visible,
      reference: link.reference,
      kind: link.kind ? kindName(link.kind) : null,
      stage: link.stage,
    }));
  }

  private auditPart(
    audit: AuditView,
    viewsIdentifiers: boolean,
  ): NonNullable<InstancePage['audit']> {
    return {
      scope: audit.plan.scope,
      lookBackMonths: audit.plan.lookBackMonths,
      meetingOn: audit.plan.meetingOn,
      meetingHeldOn: audit.meeting.heldOn,
      toolName: `${audit.plan.tool.name} (version ${audit.plan.tool.version})`,
      cases: audit.cases.map((entry) => ({
        pseudonym: entry.pseudonym,
        identifiersPath: viewsIdentifiers ? caseIdentifiersPath(audit.instanceId, entry.key) : null,
      })),
      returns: audit.returns.map((entry) => ({
        agency: entry.agencyName,
        case:
          audit.cases.find((c) => c.key === entry.caseKey)?.pseudonym ?? `Case ${entry.caseKey}`,
        status: RETURN_STATUS[entry.status] ?? entry.status,
        late: entry.late,
      })),
      openConcerns: audit.concerns.filter((concern) => concern.status === 'open').length,
    };
  }
}

/** The path of a case's identifying details page; case keys are lower case in addresses. */
function caseIdentifiersPath(instanceId: string, caseKey: string): string {
  return `/instances/${instanceId}/cases/${caseKey.toLowerCase()}/identifiers`;
}

/** The access guard's own decision on the viewer's standing towards this audit. */
function mayViewIdentifiers(access: AccessContext): boolean {
  const partnershipRoles =
    access.partnershipId === undefined ? null : rolesIn(access.principal, access.partnershipId);
  return (
    decide('case-identifiers.view', {
      // Out of area (no place in the partnership): only their roles on this audit count.
      partnershipRoles: partnershipRoles ?? [],
      instanceRoles: access.instance?.roles ?? [],
    }).outcome === 'allow'
  );
}
