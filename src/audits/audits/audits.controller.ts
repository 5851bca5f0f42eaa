import {
  Body,
  Controller,
  DefaultValuePipe,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiHeader, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentAccess, Permission } from '../../access/access.decorators';
import type { AccessContext } from '../../access/access-context';
import {
  INSTANCE_STATUSES,
  type InstanceStatus,
} from '../../engine/persistence/workflow-instance.entity';
import { auditActor } from '../audit-actor';
import { AuditErrorCode, AuditException } from '../audit.exception';
import { entityTag, parseIdempotencyKey, parseIfMatch } from '../../common/preconditions';
import type { AuditToolVersionView } from '../tools/audit-tools.service';
import { AuditsService, type AuditSummary, type AuditView } from './audits.service';
import { AgreePlanDto } from './dto/agree-plan.dto';
import { AuditEventDto } from './dto/audit-event.dto';
import { CreateAuditDto } from './dto/create-audit.dto';

const AUDIT_VERSION = {
  name: 'If-Match',
  required: false,
  description: 'The audit’s version as last read (its ETag), e.g. "4". A stale one gets 409.',
};

/** Opening and listing a partnership's case file audits. */
@ApiTags('audits')
@Controller('api/partnerships/:partnershipId/audits')
export class PartnershipAuditsController {
  constructor(private readonly audits: AuditsService) {}

  /** Opens an audit: a case-file-audit workflow in planning, pinned to the tool's latest version. */
  @Post()
  @Permission('instances.create')
  create(@CurrentAccess() access: AccessContext, @Body() body: CreateAuditDto): Promise<AuditView> {
    return this.audits.create(auditActor(access), body);
  }

  @Get()
  @Permission('instances.list')
  @ApiQuery({ name: 'status', required: false, enum: INSTANCE_STATUSES })
  list(
    @CurrentAccess() access: AccessContext,
    @Query('limit', new DefaultValuePipe(50), ParseIntPipe) limit: number,
    @Query('offset', new DefaultValuePipe(0), ParseIntPipe) offset: number,
    @Query('status') status?: string,
  ): Promise<AuditSummary[]> {
    if (status !== undefined && !(INSTANCE_STATUSES as readonly string[]).includes(status)) {
      throw new AuditException(
        AuditErrorCode.InvalidAudit,
        'status must be live, closed or broken',
        {
          errors: [{ field: 'status', message: 'status must be live, closed or broken' }],
        },
      );
    }
    return this.audits.list(auditActor(access), {
      status: status as InstanceStatus | undefined,
      limit,
      offset,
    });
  }
}

/** One audit: read it whole, agree its plan, send its general steps. */
@ApiTags('audits')
@Controller('api/audits/:instanceId')
export class AuditsController {
  constructor(private readonly audits: AuditsService) {}

  /** State, stage, tasks, members, cases, returns, concerns and timeline. */
  @Get()
  @Permission('instance.read')
  async get(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AuditView> {
    const view = await this.audits.get(auditActor(access), instanceId);
    response.setHeader('ETag', entityTag(view.version));
    return view;
  }

  /** The audit tool version this audit pinned: its domains, questions and grade scale. */
  @Get('tool')
  @Permission('instance.read')
  tool(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
  ): Promise<AuditToolVersionView> {
    return this.audits.tool(auditActor(access), instanceId);
  }

  @Post('plan/agree')
  @HttpCode(200)
  @Permission('instance.send-event')
  @ApiHeader(AUDIT_VERSION)
  async agreePlan(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Body() body: AgreePlanDto,
    @Res({ passthrough: true }) response: Response,
    @Headers('if-match') ifMatch?: string,
  ): Promise<AuditView> {
    const view = await this.audits.agreePlan(
      auditActor(access),
      instanceId,
      body,
      parseIfMatch(ifMatch),
    );
    response.setHeader('ETag', entityTag(view.version));
    return view;
  }

  /**
   * A workflow step that carries no records of the audit's own: moving the meeting, closing the
   * single-agency audits, the report's approval round, the action plan, learning shared, closure,
   * cancellation, due date changes.
   */
  @Post('events')
  @HttpCode(200)
  @Permission('instance.send-event')
  @ApiHeader(AUDIT_VERSION)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Repeating a request with the same key applies it once.',
  })
  async sendEvent(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Body() body: AuditEventDto,
    @Res({ passthrough: true }) response: Response,
    @Headers('if-match') ifMatch?: string,
    @Headers('idempotency-key') key?: string,
  ): Promise<AuditView> {
    const view = await this.audits.sendEvent(auditActor(access), instanceId, body, {
      expectedVersion: parseIfMatch(ifMatch),
      idempotencyKey: parseIdempotencyKey(key),
    });
    response.setHeader('ETag', entityTag(view.version));
    return view;
  }
}
