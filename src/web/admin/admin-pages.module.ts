import { Module } from '@nestjs/common';
import { AuditsModule } from '../../audits/audits.module';
import { InstanceMembers } from '../../instances/instance-members.service';
import { PeopleModule } from '../../people/people.module';
import { RemindersModule } from '../../reminders/reminders.module';
import { ReviewsModule } from '../../reviews/reviews.module';
import { AccessLogPageController } from './access-log/access-log-page.controller';
import { AdminIndexController } from './admin-index.controller';
import { AuditToolPagesController } from './audit-tools/audit-tool-pages.controller';
import { FailedEmailsPageController } from './failed-emails/failed-emails-page.controller';
import { InstanceMembersPagesController } from './members/instance-members-pages.controller';
import { MembershipsPageController } from './members/memberships-page.controller';
import { PeoplePagesController } from './people/people-pages.controller';
import { ReminderSettingsPageController } from './reminder-settings/reminder-settings-page.controller';

/**
 * Administration for the business unit: people and agencies, members of audits and reviews, audit
 * tools, reminder settings, failed emails and the access log. Each page calls its feature's own
 * service in the signed-in person's scope.
 */
@Module({
  imports: [PeopleModule, AuditsModule, ReviewsModule, RemindersModule],
  controllers: [
    AdminIndexController,
    PeoplePagesController,
    MembershipsPageController,
    InstanceMembersPagesController,
    AuditToolPagesController,
    ReminderSettingsPageController,
    FailedEmailsPageController,
    AccessLogPageController,
  ],
  // The engine (global) does the work; the REST API's module keeps its own copy private.
  providers: [InstanceMembers],
})
export class AdminPagesModule {}
