import { Controller, Get, NotFoundException, Param, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentAccess, Permission } from '../../access/access.decorators';
import type { AccessContext } from '../../access/access-context';
import { NOT_FOUND_DETAIL } from '../../access/access.exception';
import { BusinessCalendar } from '../../calendar';
import { Clock } from '../../common/clock';
import { problem } from '../../common/problem-details.filter';
import { InstanceReader } from '../../engine/instance-reader.service';
import { groupMyTasks } from '../../instances/my-tasks';
import { myTasksPage, type MyTasksPage } from './my-tasks-page';

/** As many open tasks as `GET /api/me/tasks` lists; more are flagged as not shown. */
const MY_TASKS_LIMIT = 500;

/** My tasks, and `/tasks/:taskId`, where every reminder email's link points. */
@ApiExcludeController()
@Controller('tasks')
export class TaskPagesController {
  constructor(
    private readonly reader: InstanceReader,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendar,
  ) {}

  @Get()
  @Permission('own-account')
  @Render('tasks/my-tasks')
  async myTasks(@CurrentAccess() access: AccessContext): Promise<MyTasksPage> {
    const asOf = this.calendar.todayInLondon(this.clock.now());
    const assigned = await this.reader.tasksAssignedTo(access.principal.personId, {
      limit: MY_TASKS_LIMIT + 1,
    });
    const shown = assigned.slice(0, MY_TASKS_LIMIT);
    return myTasksPage(
      groupMyTasks(shown, asOf, this.calendar, assigned.length > MY_TASKS_LIMIT),
      shown,
      access.principal.memberships.length,
    );
  }

  /**
   * Opens the step of a task the person holds or whose audit or review they may see. Anything
   * else, a task that does not exist included, is the same "page not found".
   */
  @Get(':taskId')
  @Permission('own-account')
  async openTask(
    @CurrentAccess() access: AccessContext,
    @Param('taskId') taskId: string,
    @Res() response: Response,
  ): Promise<void> {
    const id = taskId.toLowerCase();
    const instanceId = await this.reader.instanceIdOfTask(access.principal.personId, id);
    if (instanceId === null) throw new NotFoundException(problem(404, NOT_FOUND_DETAIL));
    response.redirect(303, `/instances/${instanceId}/tasks/${id}`);
  }
}
