import { Controller, Get, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { CurrentAccess, Permission } from '../../access/access.decorators';
import { actingPartnershipId, type AccessContext } from '../../access/access-context';
import { AccessException } from '../../access/access.exception';
import { PERMISSION_TABLE } from '../../access/permission-table';
import { inScope } from '../../database/tenancy';
import { PartnershipAdminService } from '../../people/partnership-admin.service';
import { ADMIN_PAGES, adminPath, mayIn } from './admin-pages';

/**
 * Where administration starts: `/admin` takes a person to their partnership's administration (or
 * lets them choose, when they administer several), and each partnership's index lists the pages
 * their roles open there.
 */
@ApiExcludeController()
@Controller()
export class AdminIndexController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly partnerships: PartnershipAdminService,
  ) {}

  @Get('admin')
  @Permission('own-account')
  async start(@CurrentAccess() access: AccessContext, @Res() response: Response): Promise<void> {
    const memberships = access.principal.memberships;
    const administered = memberships.filter((membership) =>
      mayIn(access.principal, membership.partnershipId, 'people.read'),
    );
    if (administered.length > 1) {
      const partnerships = await inScope(this.dataSource, access.scope, async (manager) => {
        const found: Array<{ name: string; href: string }> = [];
        for (const membership of administered) {
          const partnership = await this.partnerships.find(manager, membership.partnershipId);
          found.push({ name: partnership.name, href: adminPath(partnership.id) });
        }
        return found.sort((a, b) => a.name.localeCompare(b.name));
      });
      response.render('admin/choose-partnership', { partnerships });
      return;
    }
    // With nothing to administer, their partnership's own page refuses, giving the reason.
    const target = administered[0] ?? memberships[0];
    if (!target) throw new AccessException('forbidden', PERMISSION_TABLE['people.read'].refusal);
    response.redirect(303, adminPath(target.partnershipId));
  }

  @Get('partnerships/:partnershipId/admin')
  @Permission('people.read')
  @Render('admin/index')
  async index(@CurrentAccess() access: AccessContext): Promise<object> {
    const partnershipId = actingPartnershipId(access);
    const partnership = await inScope(this.dataSource, access.scope, (manager) =>
      this.partnerships.find(manager, partnershipId),
    );
    return {
      partnership,
      pages: ADMIN_PAGES.filter((page) => mayIn(access.principal, partnershipId, page.action)).map(
        (page) => ({ ...page, href: adminPath(partnershipId, page.path) }),
      ),
    };
  }
}
