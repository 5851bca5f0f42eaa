import { Module } from '@nestjs/common';

/** Administration for the business unit. */
@Module({})
export class AdminPagesModule {}
