import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
} from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentAccess, Permission } from '../../access/access.decorators';
import type { AccessContext } from '../../access/access-context';
import { auditActor } from '../audit-actor';
import { parseIdempotencyKey } from '../../common/preconditions';
import { AuditConcernsService, type ConcernView } from './audit-concerns.service';
import { ConcernActionedDto, RaiseConcernDto } from './dto/concern.dto';

/** Immediate concerns about a child: raised at any step, tracked until actioned. */
@ApiTags('audits')
@Controller('api/audits/:instanceId/concerns')
export class AuditConcernsController {
  constructor(private readonly concerns: AuditConcernsService) {}

  @Get()
  @Permission('instance.read')
  list(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
  ): Promise<ConcernView[]> {
    return this.concerns.list(auditActor(access), instanceId);
  }

  /** Raises a concern: the business manager and the chairs are emailed at once (no case content). */
  @Post()
  @Permission('instance.send-event')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Repeating a request with the same key returns the first concern (200).',
  })
  async raise(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Body() body: RaiseConcernDto,
    @Res({ passthrough: true }) response: Response,
    @Headers('idempotency-key') key?: string,
  ): Promise<ConcernView> {
    const result = await this.concerns.raise(
      auditActor(access),
      instanceId,
      body,
      parseIdempotencyKey(key),
    );
    response.status(result.replayed ? 200 : 201);
    return result.concern;
  }

  /** Records what was done about the concern. */
  @Post(':concernId/actioned')
  @HttpCode(200)
  @Permission('instance.send-event')
  actioned(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Param('concernId', new ParseUUIDPipe()) concernId: string,
    @Body() body: ConcernActionedDto,
  ): Promise<ConcernView> {
    return this.concerns.actioned(auditActor(access), instanceId, concernId.toLowerCase(), body);
  }
}
