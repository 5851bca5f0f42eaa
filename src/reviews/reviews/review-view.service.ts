import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AccessContext } from '../../access/access-context';
import { BusinessCalendar, type IsoDate, type Rag } from '../../calendar';
import { EngineErrorCode, EngineException } from '../../engine/engine.exception';
import type { MemberView, TaskView, TimelineEntry } from '../../engine/engine.types';
import { InstanceReader } from '../../engine/instance-reader.service';
import { ReviewCommands } from '../review-commands.service';
import type { ReviewKind } from '../review-kinds';
import { reviewProgress, type TimescaleView } from '../review-progress';
import { topState } from '../review-stage';
import { loadReview } from '../review-store';

export interface DeadlineView {
  stepKey: string;
  title: string;
  dueOn: IsoDate;
  overdue: boolean;
  /** Working days from today to the due date; negative when past it. */
  workingDaysLeft: number;
}

export interface LinkedReviewView {
  relation: 'stepped-down-from' | 'stepped-down-to';
  id: string;
  /** False when the reader may not see the linked review; nothing else of it is shown then. */
  visible: boolean;
  reference: string | null;
  kind: string | null;
  status: string | null;
  stage: string | null;
  timeline: TimelineEntry[];
}

export interface ContributorView {
  partnershipId: string;
  code: string;
  name: string;
  addedAt: string;
}

export interface ReviewView {
  id: string;
  partnershipId: string;
  reference: string;
  kind: ReviewKind;
  title: string;
  pseudonym: string | null;
  status: string;
  state: unknown;
  topState: string | null;
  stage: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** Dates recorded so far (aware, notified, decision, publication...). */
  dates: Record<string, string | undefined>;
  openTasks: TaskView[];
  deadlines: DeadlineView[];
  rag: Rag | null;
  timescales: TimescaleView[];
  members: MemberView[];
  availableEvents: string[];
  timeline: TimelineEntry[];
  linkedReviews: LinkedReviewView[];
  contributingPartnerships: ContributorView[];
}

/**
 * One review as a page needs it: state and stage, open tasks and deadlines, progress against its
 * timescales, its history, the reviews it is linked to (each with its own history, when the reader
 * may see it) and the partnerships contributing to it.
 */
@Injectable()
export class ReviewViewService {
  constructor(
    private readonly reader: InstanceReader,
    private readonly calendar: BusinessCalendar,
    private readonly commands: ReviewCommands,
  ) {}

  async read(access: AccessContext, instanceId: string): Promise<ReviewView> {
    const viewer = { personId: access.principal.personId };
    const today = this.commands.today();
    const own = await this.commands.scoped(access.scope, async (manager) => ({
      review: await loadReview(manager, instanceId),
      links: await this.links(manager, instanceId),
      contributors: await this.contributors(manager, instanceId),
    }));
    const instance = await this.reader.getInstance(viewer, instanceId);
    const timeline = await this.reader.timeline(viewer, instanceId);
    const { review } = own;
    const progress = reviewProgress(
      review.kind,
      review.context,
      today,
      this.calendar,
      instance.status === 'live',
    );
    const linkedReviews: LinkedReviewView[] = [];
    for (const link of own.links) {
      linkedReviews.push(await this.linked(viewer, link.relation, link.id));
    }
    return {
      id: instance.id,
      partnershipId: instance.partnershipId,
      reference: instance.reference,
      kind: review.kind,
      title: instance.title,
      pseudonym: typeof review.context.pseudonym === 'string' ? review.context.pseudonym : null,
      status: instance.status,
      state: instance.state,
      topState: topState(instance.state),
      stage: instance.stage,
      version: instance.version,
      createdAt: instance.createdAt,
      updatedAt: instance.updatedAt,
      closedAt: instance.closedAt,
      dates: datesOf(review.context),
      openTasks: instance.openTasks,
      deadlines: this.deadlines(instance.openTasks, today),
      rag: progress.rag,
      timescales: progress.timescales,
      members: instance.members,
      availableEvents: instance.availableEvents,
      timeline,
      linkedReviews,
      contributingPartnerships: own.contributors,
    };
  }

  private deadlines(tasks: readonly TaskView[], today: IsoDate): DeadlineView[] {
    const byStep = new Map<string, DeadlineView>();
    for (const task of tasks) {
      if (task.dueOn === null || byStep.has(`${task.stepKey}|${task.dueOn}`)) continue;
      byStep.set(`${task.stepKey}|${task.dueOn}`, {
        stepKey: task.stepKey,
        title: task.title,
        dueOn: task.dueOn,
        overdue: task.dueOn < today,
        workingDaysLeft:
          task.dueOn < today
            ? -this.calendar.workingDaysBetween(task.dueOn, today)
            : this.calendar.workingDaysBetween(today, task.dueOn),
      });
    }
    return [...byStep.values()].sort((a, b) =>
      a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0,
    );
  }

  private async linked(
    viewer: { personId: string },
    relation: LinkedReviewView['relation'],
    id: string,
  ): Promise<LinkedReviewView> {
    try {
      const other = await this.reader.getInstance(viewer, id);
      return {
        relation,
        id,
        visible: true,
        reference: other.reference,
        kind: other.definition.key,
        status: other.status,
        stage: other.stage,
        timeline: await this.reader.timeline(viewer, id),
      };
    } catch (error) {
      if (error instanceof EngineException && error.code === EngineErrorCode.InstanceNotFound) {
        return {
          relation,
          id,
          visible: false,
          reference: null,
          kind: null,
          status: null,
          stage: null,
          timeline: [],
        };
      }
      throw error;
    }
  }

  private async links(
    manager: EntityManager,
    instanceId: string,
  ): Promise<Array<{ relation: LinkedReviewView['relation']; id: string }>> {
    const rows: Array<{ from_instance_id: string; to_instance_id: string }> = await manager.query(
      `SELECT from_instance_id, to_instance_id FROM review_links
        WHERE kind = 'stepped-down' AND (from_instance_id = $1 OR to_instance_id = $1)
        ORDER BY created_at`,
      [instanceId],
    );
    return rows.map((row) =>
      row.from_instance_id === instanceId
        ? { relation: 'stepped-down-to' as const, id: row.to_instance_id }
        : { relation: 'stepped-down-from' as const, id: row.from_instance_id },
    );
  }

  private async contributors(
    manager: EntityManager,
    instanceId: string,
  ): Promise<ContributorView[]> {
    const rows: Array<{
      contributing_partnership_id: string;
      contributing_code: string;
      contributing_name: string;
      added_at: Date;
    }> = await manager.query(
      `SELECT contributing_partnership_id, contributing_code, contributing_name, added_at
         FROM review_contributors WHERE instance_id = $1 ORDER BY added_at, contributing_code`,
      [instanceId],
    );
    return rows.map((row) => ({
      partnershipId: row.contributing_partnership_id,
      code: row.contributing_code,
      name: row.contributing_name,
      addedAt: row.added_at.toISOString(),
    }));
  }
}

function datesOf(context: Record<string, unknown>): Record<string, string | undefined> {
  const dates = context.dates;
  if (typeof dates !== 'object' || dates === null) return {};
  return Object.fromEntries(
    Object.entries(dates as Record<string, unknown>).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}
