import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BusinessCalendar } from '../calendar';
import { Clock } from '../common/clock';
import { DefinitionRegistry } from '../engine/definitions/definition-registry';
import {
  countOverdueActionsByAgency,
  listActions,
  type ActionListFilter,
  type OverdueActionsOfAgency,
} from './action-queries';
import { ragThresholds } from './action-rag';
import { AUDIT_DEFINITION_KEYS } from './action-source';
import { ActionsErrorCode, ActionsException } from './actions.exception';
import type { ActionPageView } from './dto/action.view';
import type { ListActionsQuery } from './dto/list-actions.query';

export interface ActionListViewer {
  partnershipId: string;
  personId: string;
  /** True when their role reads the partnership's reports: every audit's and review's actions. */
  readsWholePartnership: boolean;
}

/**
 * The partnership-wide view of actions across audits and reviews: everything for those who read
 * the partnership's reports, otherwise the actions of the audits and reviews the person may see.
 */
@Injectable()
export class ActionListService {
  constructor(
    private readonly registry: DefinitionRegistry,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendar,
  ) {}

  async list(
    manager: EntityManager,
    viewer: ActionListViewer,
    query: ListActionsQuery,
  ): Promise<ActionPageView> {
    const filter: ActionListFilter = {
      partnershipId: viewer.partnershipId,
      visibleTo: viewer.readsWholePartnership ? null : viewer.personId,
      agencyId: query.agencyId,
      ...this.sourceFilter(query.source),
      status: query.status,
      rag: query.rag,
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    };
    return listActions(manager, filter, ragThresholds(this.clock.now(), this.calendar));
  }

  /** Overdue actions of the whole partnership by owner agency, for those who read its reports. */
  overdueByAgency(
    manager: EntityManager,
    partnershipId: string,
  ): Promise<OverdueActionsOfAgency[]> {
    return countOverdueActionsByAgency(
      manager,
      partnershipId,
      ragThresholds(this.clock.now(), this.calendar),
    );
  }

  private sourceFilter(
    source: string | undefined,
  ): Pick<ActionListFilter, 'definitionKeys' | 'excludeDefinitions'> {
    if (source === undefined) return {};
    if (source === 'audit') return { definitionKeys: AUDIT_DEFINITION_KEYS };
    if (source === 'review')
      return { definitionKeys: AUDIT_DEFINITION_KEYS, excludeDefinitions: true };
    if (this.registry.latest(source)) return { definitionKeys: [source] };
    throw new ActionsException(ActionsErrorCode.UnknownSource);
  }
}
