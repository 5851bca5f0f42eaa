import { Module } from '@nestjs/common';

/** Doing a step: returns, comments, decisions, concerns, action progress. */
@Module({})
export class StepPagesModule {}
