import { Module } from '@nestjs/common';
import { ActionsModule } from '../../actions/actions.module';
import { AuditsModule } from '../../audits/audits.module';
import { PeopleModule } from '../../people/people.module';
import { ReviewsModule } from '../../reviews/reviews.module';
import { InstancePageService } from './instance-page.service';
import { InstancePagesController } from './instance-pages.controller';

/** One audit or review: summary, stages, tasks, timescales, members, actions, timeline. */
@Module({
  imports: [ReviewsModule, AuditsModule, ActionsModule, PeopleModule],
  controllers: [InstancePagesController],
  providers: [InstancePageService],
})
export class InstancePagesModule {}
