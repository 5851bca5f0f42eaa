import { Module } from '@nestjs/common';
import { ActionListService } from './action-list.service';
import { ActionsController } from './actions.controller';
import { ActionsService } from './actions.service';
import { PartnershipActionsController } from './partnership-actions.controller';
import { RecommendationsController } from './recommendations.controller';
import { RecommendationsService } from './recommendations.service';

/**
 * Recommendations from audits and reviews, their actions and the partnership-wide action view.
 * Uses the global engine module (engine, clock, calendar, definitions) for follow-up tasks.
 */
@Module({
  controllers: [RecommendationsController, ActionsController, PartnershipActionsController],
  providers: [RecommendationsService, ActionsService, ActionListService],
  exports: [RecommendationsService, ActionsService, ActionListService],
})
export class ActionsModule {}
