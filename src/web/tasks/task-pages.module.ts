import { Module } from '@nestjs/common';

/** My tasks, and /tasks/:id (where reminder links point) opening the step. */
@Module({})
export class TaskPagesModule {}
