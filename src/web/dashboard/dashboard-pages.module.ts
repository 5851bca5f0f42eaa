import { Module } from '@nestjs/common';

/** The dashboard of every live audit and review, for chairs and the business unit. */
@Module({})
export class DashboardPagesModule {}
