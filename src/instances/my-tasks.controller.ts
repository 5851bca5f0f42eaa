import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentAccess, Permission } from '../access/access.decorators';
import type { AccessContext } from '../access/access-context';
import { BusinessCalendar } from '../calendar';
import { Clock } from '../common/clock';
import { InstanceReader } from '../engine/instance-reader.service';
import { MyTasksDto } from './dto/instance-responses.dto';
import { groupMyTasks, type MyTasks } from './my-tasks';

/** How many open tasks the list holds; more is flagged `truncated`. */
const MY_TASKS_LIMIT = 500;

@ApiTags('me')
@Controller('api/me/tasks')
export class MyTasksController {
  constructor(
    private readonly reader: InstanceReader,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendar,
  ) {}

  @Get()
  @Permission('own-account')
  @ApiOperation({
    summary: 'Every open task assigned to me, across my partnerships',
    description:
      'Grouped into overdue, due this week (today or within 5 working days) and later (or undated), soonest due first, each with its audit’s or review’s reference and title.',
  })
  @ApiOkResponse({ type: MyTasksDto })
  @ApiResponse({ status: 401, description: 'Not signed in.' })
  async list(@CurrentAccess() access: AccessContext): Promise<MyTasks> {
    const asOf = this.calendar.todayInLondon(this.clock.now());
    const tasks = await this.reader.tasksAssignedTo(access.principal.personId, {
      limit: MY_TASKS_LIMIT + 1,
    });
    return groupMyTasks(
      tasks.slice(0, MY_TASKS_LIMIT),
      asOf,
      this.calendar,
      tasks.length > MY_TASKS_LIMIT,
    );
  }
}
