import { Body, Controller, Get, Headers, Param, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentAccess, Permission } from '../../access/access.decorators';
import type { AccessContext } from '../../access/access-context';
import { auditActor } from '../audit-actor';
import { parseIfMatch } from '../../common/preconditions';
import {
  AuditCasesService,
  requireCaseKey,
  type AuditCaseView,
  type CaseIdentifiersView,
} from './audit-cases.service';
import { SelectCasesDto } from './dto/select-cases.dto';

/** An audit's cases by pseudonym, and their identifying details for those allowed (logged). */
@ApiTags('audits')
@Controller('api/audits/:instanceId')
export class AuditCasesController {
  constructor(private readonly cases: AuditCasesService) {}

  @Get('cases')
  @Permission('instance.read')
  list(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
  ): Promise<AuditCaseView[]> {
    return this.cases.list(auditActor(access), instanceId);
  }

  /** Selects the sample (Case A, Case B...) with each child's identifying details. */
  @Post('cases')
  @Permission('instance.send-event')
  @ApiHeader({ name: 'If-Match', required: false, description: 'The audit’s version, e.g. "4"' })
  select(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Body() body: SelectCasesDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<AuditCaseView[]> {
    return this.cases.select(auditActor(access), instanceId, body, parseIfMatch(ifMatch));
  }

  /** Who the child is. Every view is logged. */
  @Get('cases/:caseKey/identifiers')
  @Permission('case-identifiers.view')
  async identifiers(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Param('caseKey') caseKey: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseIdentifiersView> {
    const view = await this.cases.viewIdentifiers(access, instanceId, requireCaseKey(caseKey));
    response.setHeader('Cache-Control', 'no-store');
    return view;
  }

  /** Every case's identifying details as CSV. Every export is logged. */
  @Get('identifiers/export')
  @Permission('case-identifiers.export')
  @ApiProduces('text/csv')
  async exportIdentifiers(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const csv = await this.cases.exportIdentifiers(access, instanceId);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', 'attachment; filename="audit-case-identifiers.csv"');
    response.setHeader('Cache-Control', 'no-store');
    return csv;
  }
}
