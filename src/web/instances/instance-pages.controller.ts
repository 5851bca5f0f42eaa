import { Controller, Get, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CurrentAccess, Permission } from '../../access/access.decorators';
import type { AccessContext } from '../../access/access-context';
import { InstancePageService, type InstancePage } from './instance-page.service';

/** An audit's or review's own page. Someone who may not see it gets the page-not-found page. */
@ApiExcludeController()
@Controller('instances/:instanceId')
export class InstancePagesController {
  constructor(private readonly pages: InstancePageService) {}

  @Get()
  @Permission('instance.read')
  @Render('instances/instance')
  async show(@CurrentAccess() access: AccessContext): Promise<{ instance: InstancePage }> {
    return { instance: await this.pages.page(access) };
  }
}
