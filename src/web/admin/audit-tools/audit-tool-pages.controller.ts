import {
  Body,
  Controller,
  Get,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
  Query,
  Render,
  Res,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { CurrentAccess, Permission } from '../../../access/access.decorators';
import { actingPartnershipId, type AccessContext } from '../../../access/access-context';
import { AuditErrorCode, AuditException } from '../../../audits/audit.exception';
import { AuditToolsService, type AuditToolView } from '../../../audits/tools/audit-tools.service';
import { Clock } from '../../../common/clock';
import { inScope } from '../../../database/tenancy';
import { formView, type FormView } from '../../forms/form-errors';
import { formWithErrors, renderInvalid, seeOther, type FormBody } from '../admin-forms';
import { adminPath } from '../admin-pages';
import { readToolVersion, toolVersionRows, toolVersionValues } from './tool-version-form';

/**
 * Audit tools for the business unit: each tool with its versions, what a version asks, and a new
 * version made by editing the latest one's domains and questions. Versions are never changed in
 * place, so an audit already running keeps the version it started with.
 */
@ApiExcludeController()
@Controller('partnerships/:partnershipId/admin/audit-tools')
export class AuditToolPagesController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tools: AuditToolsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Permission('audit-tools.manage')
  @Render('admin/audit-tools')
  async list(
    @CurrentAccess() access: AccessContext,
    @Query('done') done?: string,
    @Query('tool') toolId?: string,
  ): Promise<object> {
    const partnershipId = actingPartnershipId(access);
    const tools = await inScope(this.dataSource, access.scope, (manager) =>
      this.tools.list(manager, partnershipId),
    );
    const published = tools.find((tool) => tool.id === toolId);
    return {
      basePath: adminPath(partnershipId),
      toolsPath: adminPath(partnershipId, 'audit-tools'),
      tools: tools.map((tool) => ({
        ...tool,
        versions: [...tool.versions].reverse(),
      })),
      banner:
        done === 'published' && published
          ? `Version ${published.latestVersion} of ${published.name} has been published`
          : undefined,
    };
  }

  @Get(':toolId/versions/new')
  @Permission('audit-tools.manage')
  @Render('admin/audit-tool-version-new')
  async newVersion(
    @CurrentAccess() access: AccessContext,
    @Param('toolId', new ParseUUIDPipe()) toolId: string,
  ): Promise<object> {
    const tool = await this.tool(access, toolId);
    return this.editPage(access, tool, formView(toolVersionValues(tool.latest)));
  }

  @Post(':toolId/versions')
  @Permission('audit-tools.manage')
  async publish(
    @CurrentAccess() access: AccessContext,
    @Param('toolId', new ParseUUIDPipe()) toolId: string,
    @Body() body: FormBody,
    @Res() response: Response,
  ): Promise<void> {
    const partnershipId = actingPartnershipId(access);
    const tool = await this.tool(access, toolId);
    const read = readToolVersion(body);
    let form = read.ok ? undefined : read.form;
    if (read.ok) {
      try {
        await inScope(this.dataSource, access.scope, (manager) =>
          this.tools.publish(
            manager,
            partnershipId,
            toolId,
            access.principal.personId,
            { domains: read.domains, gradeScale: tool.latest.gradeScale },
            this.clock.now(),
          ),
        );
        seeOther(response, adminPath(partnershipId, 'audit-tools'), {
          done: 'published',
          tool: toolId,
        });
        return;
      } catch (error) {
        if (!(error instanceof AuditException && error.code === AuditErrorCode.InvalidTool)) {
          throw error;
        }
        form = formWithErrors(toolVersionRows(body), { 'domains-0-title': error.message });
      }
    }
    renderInvalid(response, 'admin/audit-tool-version-new', this.editPage(access, tool, form));
  }

  @Get(':toolId/versions/:version')
  @Permission('audit-tools.manage')
  @Render('admin/audit-tool-version')
  async version(
    @CurrentAccess() access: AccessContext,
    @Param('toolId', new ParseUUIDPipe()) toolId: string,
    @Param('version', new ParseIntPipe()) version: number,
  ): Promise<object> {
    const partnershipId = actingPartnershipId(access);
    const shown = await inScope(this.dataSource, access.scope, (manager) =>
      this.tools.version(manager, partnershipId, toolId, version),
    );
    return {
      basePath: adminPath(partnershipId),
      toolsPath: adminPath(partnershipId, 'audit-tools'),
      version: shown,
    };
  }

  private tool(access: AccessContext, toolId: string): Promise<AuditToolView> {
    return inScope(this.dataSource, access.scope, (manager) =>
      this.tools.get(manager, actingPartnershipId(access), toolId),
    );
  }

  private editPage(access: AccessContext, tool: AuditToolView, form: FormView | undefined): object {
    const partnershipId = actingPartnershipId(access);
    return {
      basePath: adminPath(partnershipId),
      toolsPath: adminPath(partnershipId, 'audit-tools'),
      tool: { id: tool.id, name: tool.name, latestVersion: tool.latestVersion },
      form: form ?? formView(toolVersionValues(tool.latest)),
    };
  }
}
