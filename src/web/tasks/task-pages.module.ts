import { Module } from '@nestjs/common';
import { TaskPagesController } from './task-pages.controller';

/**
 * My tasks, and /tasks/:id (where reminder links point) opening the step. The engine's reader,
 * clock and business calendar come from the global engine module.
 */
@Module({
  controllers: [TaskPagesController],
})
export class TaskPagesModule {}
