import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentAccess, Permission } from '../../access/access.decorators';
import type { AccessContext } from '../../access/access-context';
import { idParam } from '../http/id-param';
import {
  entityTag,
  parseIdempotencyKey,
  parseIfMatch,
  requireIfMatch,
} from '../../common/preconditions';
import { IDEMPOTENCY_KEY_HEADER, IF_MATCH_HEADER } from '../http/request-headers';
import { ReviewsErrorCode } from '../reviews.exception';
import { CreateReturnDto, UpdateDraftDto } from './dto/return.dto';
import { ReviewReturnsService, type ReturnView } from './review-returns.service';

const RETURN_ID = idParam(ReviewsErrorCode.ReturnNotFound);

/** Agencies' information returns: chronologies, summaries, agency reports, IMRs. */
@ApiTags('reviews')
@Controller('api/reviews/:instanceId/returns')
export class ReviewReturnsController {
  constructor(private readonly returns: ReviewReturnsService) {}

  @Get()
  @Permission('instance.read')
  @ApiOperation({ summary: 'Submitted returns, and the drafts you may prepare' })
  list(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
  ): Promise<ReturnView[]> {
    return this.returns.list(access, instanceId);
  }

  @Get(':returnId')
  @Permission('instance.read')
  async get(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Param('returnId', RETURN_ID) returnId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ReturnView> {
    const view = await this.returns.get(access, instanceId, returnId);
    response.setHeader('ETag', entityTag(view.version));
    return view;
  }

  @Post()
  @Permission('instance.send-event')
  @ApiOperation({
    summary:
      'Start a draft return for an agency asked for it (that agency’s safeguarding lead on the review, or the business unit)',
  })
  async create(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Body() body: CreateReturnDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ReturnView> {
    const view = await this.returns.create(access, instanceId, body);
    response.setHeader('Location', `/api/reviews/${instanceId}/returns/${view.id}`);
    response.setHeader('ETag', entityTag(view.version));
    return view;
  }

  @Put(':returnId')
  @Permission('instance.send-event')
  @ApiHeader({ ...IF_MATCH_HEADER, required: true })
  @ApiOperation({ summary: 'Change a draft return; If-Match must name the version you loaded' })
  async update(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Param('returnId', RETURN_ID) returnId: string,
    @Body() body: UpdateDraftDto,
    @Res({ passthrough: true }) response: Response,
    @Headers('if-match') ifMatch?: string,
  ): Promise<ReturnView> {
    const view = await this.returns.update(
      access,
      instanceId,
      returnId,
      body,
      requireIfMatch(ifMatch),
    );
    response.setHeader('ETag', entityTag(view.version));
    return view;
  }

  @Post(':returnId/submit')
  @HttpCode(200)
  @Permission('instance.send-event')
  @ApiHeader(IF_MATCH_HEADER)
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  @ApiOperation({
    summary:
      'Submit the return: the review records it as received in the same transaction (403 or 422 with the reason when it may not)',
  })
  async submit(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Param('returnId', RETURN_ID) returnId: string,
    @Res({ passthrough: true }) response: Response,
    @Headers('if-match') ifMatch?: string,
    @Headers('idempotency-key') key?: string,
  ): Promise<ReturnView> {
    const view = await this.returns.submit(access, instanceId, returnId, {
      expectedVersion: parseIfMatch(ifMatch),
      idempotencyKey: parseIdempotencyKey(key),
    });
    response.setHeader('ETag', entityTag(view.version));
    return view;
  }
}
