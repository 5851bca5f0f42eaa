import { Module } from '@nestjs/common';

/** One audit or review: summary, stages, tasks, timescales, members, actions, timeline. */
@Module({})
export class InstancePagesModule {}
