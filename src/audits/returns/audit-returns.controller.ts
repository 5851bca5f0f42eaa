import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Res,
} from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentAccess, Permission } from '../../access/access.decorators';
import type { AccessContext } from '../../access/access-context';
import { auditActor } from '../audit-actor';
import { requireCaseKey } from '../cases/audit-cases.service';
import { entityTag, parseIfMatch, requireIfMatch } from '../../common/preconditions';
import {
  AuditReturnsService,
  type AuditReturnSummary,
  type AuditReturnView,
} from './audit-returns.service';
import { ConfirmInvolvementDto, ReopenReturnDto, SaveReturnDto } from './dto/return.dto';

const RETURN_VERSION = {
  name: 'If-Match',
  required: true,
  description: 'The return’s version as last read (its ETag), e.g. "2". A stale one gets 409.',
};

/** Agencies' involvement answers and their audit returns, one per agency and case. */
@ApiTags('audits')
@Controller('api/audits/:instanceId')
export class AuditReturnsController {
  constructor(private readonly returns: AuditReturnsService) {}

  /** The agency's answer to the involvement check. */
  @Post('involvement')
  @HttpCode(200)
  @Permission('instance.send-event')
  @ApiHeader({ name: 'If-Match', required: false, description: 'The audit’s version, e.g. "4"' })
  confirmInvolvement(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Body() body: ConfirmInvolvementDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<AuditReturnSummary[]> {
    return this.returns.confirmInvolvement(
      auditActor(access),
      instanceId,
      body,
      parseIfMatch(ifMatch),
    );
  }

  @Get('returns')
  @Permission('instance.read')
  list(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
  ): Promise<AuditReturnSummary[]> {
    return this.returns.list(auditActor(access), instanceId);
  }

  @Get('returns/:agencyId/:caseKey')
  @Permission('instance.read')
  async get(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Param('agencyId', new ParseUUIDPipe()) agencyId: string,
    @Param('caseKey') caseKey: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AuditReturnView> {
    const view = await this.returns.get(
      auditActor(access),
      instanceId,
      agencyId.toLowerCase(),
      requireCaseKey(caseKey),
    );
    response.setHeader('ETag', entityTag(view.version));
    return view;
  }

  /** Saves the draft. */
  @Put('returns/:agencyId/:caseKey')
  @Permission('instance.send-event')
  @ApiHeader(RETURN_VERSION)
  async save(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Param('agencyId', new ParseUUIDPipe()) agencyId: string,
    @Param('caseKey') caseKey: string,
    @Body() body: SaveReturnDto,
    @Res({ passthrough: true }) response: Response,
    @Headers('if-match') ifMatch?: string,
  ): Promise<AuditReturnView> {
    const view = await this.returns.save(
      auditActor(access),
      instanceId,
      agencyId.toLowerCase(),
      requireCaseKey(caseKey),
      requireIfMatch(ifMatch),
      body,
    );
    response.setHeader('ETag', entityTag(view.version));
    return view;
  }

  /** Submits the return; refused with every missing field named while it is incomplete. */
  @Post('returns/:agencyId/:caseKey/submit')
  @HttpCode(200)
  @Permission('instance.send-event')
  @ApiHeader(RETURN_VERSION)
  async submit(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Param('agencyId', new ParseUUIDPipe()) agencyId: string,
    @Param('caseKey') caseKey: string,
    @Res({ passthrough: true }) response: Response,
    @Headers('if-match') ifMatch?: string,
  ): Promise<AuditReturnView> {
    const view = await this.returns.submit(
      auditActor(access),
      instanceId,
      agencyId.toLowerCase(),
      requireCaseKey(caseKey),
      requireIfMatch(ifMatch),
    );
    response.setHeader('ETag', entityTag(view.version));
    return view;
  }

  /** Reopens a submitted return (business unit only), with the reason. */
  @Post('returns/:agencyId/:caseKey/reopen')
  @HttpCode(200)
  @Permission('instance.send-event')
  @ApiHeader({ ...RETURN_VERSION, required: false })
  async reopen(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Param('agencyId', new ParseUUIDPipe()) agencyId: string,
    @Param('caseKey') caseKey: string,
    @Body() body: ReopenReturnDto,
    @Res({ passthrough: true }) response: Response,
    @Headers('if-match') ifMatch?: string,
  ): Promise<AuditReturnView> {
    const view = await this.returns.reopen(
      auditActor(access),
      instanceId,
      agencyId.toLowerCase(),
      requireCaseKey(caseKey),
      parseIfMatch(ifMatch),
      body.reason,
    );
    response.setHeader('ETag', entityTag(view.version));
    return view;
  }
}
