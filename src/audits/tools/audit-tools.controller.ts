import { Body, Controller, Get, Param, ParseIntPipe, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentAccess, Permission } from '../../access/access.decorators';
import type { AccessContext } from '../../access/access-context';
import { auditActor } from '../audit-actor';
import { AuditCommands } from '../audit-commands.service';
import {
  AuditToolsService,
  type AuditToolVersionView,
  type AuditToolView,
} from './audit-tools.service';
import { CreateAuditToolDto, PublishAuditToolVersionDto } from './dto/audit-tool.dto';

/** A partnership's audit tools, for its business unit: create, publish new versions, list. */
@ApiTags('audit tools')
@Controller('api/partnerships/:partnershipId/audit-tools')
export class AuditToolsController {
  constructor(
    private readonly commands: AuditCommands,
    private readonly tools: AuditToolsService,
  ) {}

  @Get()
  @Permission('audit-tools.manage')
  list(@CurrentAccess() access: AccessContext): Promise<AuditToolView[]> {
    const actor = auditActor(access);
    return this.commands.scoped(actor, (manager) => this.tools.list(manager, actor.partnershipId));
  }

  @Post()
  @Permission('audit-tools.manage')
  create(
    @CurrentAccess() access: AccessContext,
    @Body() body: CreateAuditToolDto,
  ): Promise<AuditToolView> {
    const actor = auditActor(access);
    return this.commands.scoped(actor, (manager) =>
      this.tools.create(manager, actor.partnershipId, actor.personId, body, this.commands.now()),
    );
  }

  @Get(':toolId')
  @Permission('audit-tools.manage')
  get(
    @CurrentAccess() access: AccessContext,
    @Param('toolId', new ParseUUIDPipe()) toolId: string,
  ): Promise<AuditToolView> {
    const actor = auditActor(access);
    return this.commands.scoped(actor, (manager) =>
      this.tools.get(manager, actor.partnershipId, toolId),
    );
  }

  @Get(':toolId/versions/:version')
  @Permission('audit-tools.manage')
  version(
    @CurrentAccess() access: AccessContext,
    @Param('toolId', new ParseUUIDPipe()) toolId: string,
    @Param('version', new ParseIntPipe()) version: number,
  ): Promise<AuditToolVersionView> {
    const actor = auditActor(access);
    return this.commands.scoped(actor, (manager) =>
      this.tools.version(manager, actor.partnershipId, toolId, version),
    );
  }

  /** Publishes a new version of the tool's questions and domains. */
  @Post(':toolId/versions')
  @Permission('audit-tools.manage')
  publish(
    @CurrentAccess() access: AccessContext,
    @Param('toolId', new ParseUUIDPipe()) toolId: string,
    @Body() body: PublishAuditToolVersionDto,
  ): Promise<AuditToolView> {
    const actor = auditActor(access);
    return this.commands.scoped(actor, (manager) =>
      this.tools.publish(
        manager,
        actor.partnershipId,
        toolId,
        actor.personId,
        body,
        this.commands.now(),
      ),
    );
  }
}
