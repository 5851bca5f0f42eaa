import { Module } from '@nestjs/common';
import { ActionsModule } from '../../actions/actions.module';
import { InstancesModule } from '../../instances/instances.module';
import { PeopleModule } from '../../people/people.module';
import { DashboardPagesController } from './dashboard-pages.controller';
import { DashboardService } from './dashboard.service';

/** The dashboard of every live audit and review, for chairs and the business unit. */
@Module({
  imports: [InstancesModule, ActionsModule, PeopleModule],
  controllers: [DashboardPagesController],
  providers: [DashboardService],
})
export class DashboardPagesModule {}
