import { Controller, Get, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CurrentAccess, Permission } from '../../../access/access.decorators';
import { actingPartnershipId, type AccessContext } from '../../../access/access-context';
import { InstanceReader } from '../../../engine/instance-reader.service';
import { adminPath } from '../admin-pages';

const SHOWN = 200;

/** The way in to each audit's or review's members: the live ones, most recently changed first. */
@ApiExcludeController()
@Controller('partnerships/:partnershipId/admin/memberships')
export class MembershipsPageController {
  constructor(private readonly reader: InstanceReader) {}

  @Get()
  @Permission('instances.list')
  @Render('admin/memberships')
  async list(@CurrentAccess() access: AccessContext): Promise<object> {
    const partnershipId = actingPartnershipId(access);
    const page = await this.reader.pageInstances(
      { personId: access.principal.personId },
      { partnershipId, status: 'live', limit: SHOWN },
    );
    return {
      basePath: adminPath(partnershipId),
      instances: page.items.map((instance) => ({
        reference: instance.reference,
        title: instance.title,
        stage: instance.stage,
        membersHref: `/instances/${instance.id}/members`,
      })),
      more: page.total > page.items.length ? page.total - page.items.length : 0,
    };
  }
}
