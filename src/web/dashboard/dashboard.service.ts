import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actingPartnershipId, type AccessContext } from '../../access/access-context';
import { decide } from '../../access/decide';
import { rolesIn } from '../../access/principal';
import { ActionListService } from '../../actions/action-list.service';
import type { OverdueActionsOfAgency } from '../../actions/action-queries';
import { BusinessCalendar, type IsoDate } from '../../calendar';
import { Clock } from '../../common/clock';
import { inScope } from '../../database/tenancy';
import { DefinitionRegistry } from '../../engine/definitions/definition-registry';
import { InstanceReader } from '../../engine/instance-reader.service';
import {
  InstanceOverview,
  type LiveInstance,
  type OverdueTasksOfAgency,
} from '../../instances/instance-overview.service';
import {
  PartnershipAdminService,
  type PartnershipView,
} from '../../people/partnership-admin.service';
import { isReviewKind } from '../../reviews/review-kinds';
import { reviewProgress } from '../../reviews/review-progress';
import { instanceRag } from '../instances/instance-rag';
import { kindName } from '../instances/instance-words';
import {
  filterAndSort,
  parseDashboardQuery,
  type DashboardQuery,
  type DashboardRow,
} from './dashboard-table';

/** Counts for those who read the partnership's reports: no case details. */
export interface DashboardCounts {
  live: number;
  liveOverdue: number;
  overdueTasks: OverdueTasksOfAgency[];
  overdueActions: OverdueActionsOfAgency[];
}

export interface DashboardPage {
  partnership: PartnershipView;
  today: IsoDate;
  query: DashboardQuery;
  /** Every row the person may see, before filtering. */
  total: number;
  rows: DashboardRow[];
  kinds: Array<{ value: string; text: string }>;
  stages: string[];
  /** Null unless the person's role reads the partnership's reports. */
  counts: DashboardCounts | null;
}

/**
 * The partnership's dashboard: every live audit and review the person may see (the engine's
 * visibility rule: all of them for roles that oversee the partnership, otherwise those they are a
 * member of) with stage, next due date and RAG, read in one statement and filtered and sorted
 * here; and, for roles that read reports, counts of what is overdue by agency.
 */
@Injectable()
export class DashboardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly overview: InstanceOverview,
    private readonly reader: InstanceReader,
    private readonly actions: ActionListService,
    private readonly partnerships: PartnershipAdminService,
    private readonly registry: DefinitionRegistry,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendar,
  ) {}

  async page(access: AccessContext, rawQuery: Record<string, unknown>): Promise<DashboardPage> {
    const partnershipId = actingPartnershipId(access);
    const personId = access.principal.personId;
    const today = this.calendar.todayInLondon(this.clock.now());
    const readsReports =
      decide('reports.read', {
        partnershipRoles: rolesIn(access.principal, partnershipId),
        instanceRoles: [],
      }).outcome === 'allow';
    const [partnership, live, counts] = await Promise.all([
      inScope(this.dataSource, access.scope, (manager) =>
        this.partnerships.find(manager, partnershipId),
      ),
      this.overview.liveInstances(personId, partnershipId, today),
      readsReports ? this.counts(access, partnershipId, today) : Promise.resolve(null),
    ]);
    const rows = live.map((instance) => this.row(instance, today));
    const kinds = this.kinds();
    const stages = [...new Set(rows.flatMap((row) => (row.stage ? [row.stage] : [])))].sort();
    const query = parseDashboardQuery(rawQuery, {
      kinds: kinds.map((kind) => kind.value),
      stages,
    });
    return {
      partnership,
      today,
      query,
      total: rows.length,
      rows: filterAndSort(rows, query),
      kinds,
      stages,
      counts,
    };
  }

  private row(instance: LiveInstance, today: IsoDate): DashboardRow {
    const timescalesRag = isReviewKind(instance.definitionKey)
      ? reviewProgress(instance.definitionKey, instance.context, today, this.calendar).rag
      : null;
    const dueOn = instance.nextDue?.dueOn ?? null;
    return {
      id: instance.id,
      reference: instance.reference,
      definitionKey: instance.definitionKey,
      kindName: kindName(instance.definitionKey),
      stage: instance.stage,
      nextDueOn: dueOn,
      workingDaysLeft:
        dueOn === null
          ? null
          : dueOn < today
            ? -this.calendar.workingDaysBetween(dueOn, today)
            : this.calendar.workingDaysBetween(today, dueOn),
      overdue: instance.overdueTasks > 0,
      rag: instanceRag(timescalesRag, instance.nextDue, today, this.calendar),
    };
  }

  /** Every workflow the engine runs, once each, by its short name. */
  private kinds(): Array<{ value: string; text: string }> {
    const keys = [...new Set(this.registry.all().map((definition) => definition.key))];
    return keys
      .map((key) => ({ value: key, text: kindName(key) }))
      .sort((a, b) => (a.text < b.text ? -1 : 1));
  }

  private async counts(
    access: AccessContext,
    partnershipId: string,
    today: IsoDate,
  ): Promise<DashboardCounts> {
    const personId = access.principal.personId;
    const [instances, overdueTasks, overdueActions] = await Promise.all([
      this.reader.countInstances({ personId }, partnershipId, today),
      this.overview.overdueTasksByAgency(personId, partnershipId, today),
      inScope(this.dataSource, access.scope, (manager) =>
        this.actions.overdueByAgency(manager, partnershipId),
      ),
    ]);
    const live = instances.filter((count) => count.status === 'live');
    return {
      live: live.reduce((sum, count) => sum + count.instances, 0),
      liveOverdue: live.reduce((sum, count) => sum + count.overdue, 0),
      overdueTasks,
      overdueActions,
    };
  }
}
