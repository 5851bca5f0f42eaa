import { Module } from '@nestjs/common';
import { ActionsModule } from '../../actions/actions.module';
import { AuditsModule } from '../../audits/audits.module';
import { PeopleModule } from '../../people/people.module';
import { ReviewsModule } from '../../reviews/reviews.module';
import { CaseIdentifierPagesController } from './case-identifier-pages.controller';
import { InstancePageService } from './instance-page.service';
import { InstancePagesController } from './instance-pages.controller';

/**
 * One audit or review: summary, stages, tasks, timescales, members, actions, timeline; and an
 * audit case's identifying details for those allowed.
 */
@Module({
  imports: [ReviewsModule, AuditsModule, ActionsModule, PeopleModule],
  controllers: [InstancePagesController, CaseIdentifierPagesController],
  providers: [InstancePageService],
})
export class InstancePagesModule {}
