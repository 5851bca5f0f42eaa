import { Module } from '@nestjs/common';
import { ActionsModule } from '../../actions/actions.module';
import { AuditsModule } from '../../audits/audits.module';
import { PeopleModule } from '../../people/people.module';
import { ReviewsModule } from '../../reviews/reviews.module';
import { ActionProgressPagesController } from './action-progress-pages.controller';
import { AuditReturnPagesController } from './audit-return-pages.controller';
import { ConcernPagesController } from './concern-pages.controller';
import { StepEventSender } from './step-event.sender';
import { StepPageService } from './step-page.service';
import { StepPagesController } from './step-pages.controller';

/** Doing a step: returns, comments, decisions, concerns, action progress. */
@Module({
  imports: [AuditsModule, ReviewsModule, ActionsModule, PeopleModule],
  controllers: [
    StepPagesController,
    AuditReturnPagesController,
    ConcernPagesController,
    ActionProgressPagesController,
  ],
  providers: [StepPageService, StepEventSender],
})
export class StepPagesModule {}
