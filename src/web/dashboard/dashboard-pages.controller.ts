import { Controller, Get, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { CurrentAccess, Permission } from '../../access/access.decorators';
import type { AccessContext } from '../../access/access-context';
import { inScope } from '../../database/tenancy';
import { PartnershipAdminService } from '../../people/partnership-admin.service';
import { DashboardService, type DashboardPage } from './dashboard.service';

/** The dashboard of a partnership's live audits and reviews, and the way to it. */
@ApiExcludeController()
@Controller()
export class DashboardPagesController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly dashboards: DashboardService,
    private readonly partnerships: PartnershipAdminService,
  ) {}

  /** Straight to the dashboard of a person's one partnership; a choice when they have several. */
  @Get('dashboard')
  @Permission('own-account')
  async choose(@CurrentAccess() access: AccessContext, @Res() response: Response): Promise<void> {
    const memberships = access.principal.memberships;
    if (memberships.length === 1) {
      response.redirect(303, `/partnerships/${memberships[0].partnershipId}/dashboard`);
      return;
    }
    const partnerships = await inScope(this.dataSource, access.scope, async (manager) => {
      const found = [];
      for (const membership of memberships) {
        found.push(await this.partnerships.find(manager, membership.partnershipId));
      }
      return found.sort((a, b) => (a.name < b.name ? -1 : 1));
    });
    response.render('dashboard/choose', { partnerships });
  }

  @Get('partnerships/:partnershipId/dashboard')
  @Permission('instances.list')
  @Render('dashboard/dashboard')
  async show(
    @CurrentAccess() access: AccessContext,
    @Query() query: Record<string, unknown>,
  ): Promise<{ dashboard: DashboardPage }> {
    return { dashboard: await this.dashboards.page(access, query) };
  }
}
