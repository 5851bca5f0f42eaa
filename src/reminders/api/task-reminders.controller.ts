import { Body, Controller, Logger, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CurrentAccess, Permission } from '../../access/access.decorators';
import { actingPartnershipId, type AccessContext } from '../../access/access-context';
import { Clock } from '../../common/clock';
import { inScope } from '../../database/tenancy';
import { ReminderScheduler } from '../delivery/reminder-scheduler';
import { TaskRemindersDto, TaskRemindersViewDto } from './dto/task-reminders.dto';
import { TaskRemindersService, type TaskRemindersView } from './task-reminders.service';

@ApiTags('reminders')
@Controller('api/partnerships/:partnershipId/tasks/:taskId/reminders')
export class TaskRemindersController {
  private readonly logger = new Logger('TaskReminders');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly taskReminders: TaskRemindersService,
    private readonly scheduler: ReminderScheduler,
    private readonly clock: Clock,
  ) {}

  /** Exempts one open task from reminders and escalations, or chases it again. */
  @Put()
  @Permission('reminder-settings.manage')
  @ApiOkResponse({ type: TaskRemindersViewDto })
  async set(
    @CurrentAccess() access: AccessContext,
    @Param('taskId', new ParseUUIDPipe()) taskId: string,
    @Body() body: TaskRemindersDto,
  ): Promise<TaskRemindersView> {
    const { view, changes } = await inScope(this.dataSource, access.scope, (manager) =>
      this.taskReminders.setExempt(
        manager,
        actingPartnershipId(access),
        taskId,
        body.exempt,
        this.clock.now(),
      ),
    );
    this.logger.log(
      { taskId, exempt: view.exempt, by: access.principal.personId },
      'task reminder exemption changed',
    );
    // If Redis is unreachable the reconcile sweep still mirrors the planned rows.
    await this.scheduler.apply(changes).catch(() => undefined);
    return view;
  }
}
