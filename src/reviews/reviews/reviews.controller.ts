import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentAccess, Permission } from '../../access/access.decorators';
import { actingPartnershipId, type AccessContext } from '../../access/access-context';
import { entityTag, parseIdempotencyKey, parseIfMatch } from '../../common/preconditions';
import { IDEMPOTENCY_KEY_HEADER, IF_MATCH_HEADER } from '../http/request-headers';
import { ListReviewsQuery } from './dto/list-reviews.query';
import { SendReviewEventDto } from './dto/send-review-event.dto';
import { StartReviewDto } from './dto/start-review.dto';
import { ReviewListService, type ReviewPage } from './review-list.service';
import { ReviewViewService, type ReviewView } from './review-view.service';
import { ReviewsService, type ReviewCommandView } from './reviews.service';

/** Recording incidents (opening reviews) and listing a partnership's reviews. */
@ApiTags('reviews')
@Controller('api/partnerships/:partnershipId/reviews')
export class PartnershipReviewsController {
  constructor(
    private readonly reviews: ReviewsService,
    private readonly list: ReviewListService,
  ) {}

  @Post()
  @Permission('instances.create')
  @ApiOperation({
    summary:
      'Record a serious incident (practice review, serious case review) or a referral (learning review) and open the review',
  })
  async start(
    @CurrentAccess() access: AccessContext,
    @Body() body: StartReviewDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ReviewCommandView> {
    const started = await this.reviews.start(access, body);
    response.setHeader('Location', `/api/reviews/${started.id}`);
    response.setHeader('ETag', entityTag(started.version));
    return started;
  }

  @Get()
  @Permission('instances.list')
  @ApiOperation({
    summary:
      'The partnership’s reviews you may see (and those it contributes to), filtered by type, state, stage, overdue and RAG, a page at a time',
  })
  find(
    @CurrentAccess() access: AccessContext,
    @Query() query: ListReviewsQuery,
  ): Promise<ReviewPage> {
    return this.list.list(access.principal.personId, actingPartnershipId(access), query);
  }
}

/** One review: read it whole, take its workflow steps. */
@ApiTags('reviews')
@Controller('api/reviews/:instanceId')
export class ReviewsController {
  constructor(
    private readonly reviews: ReviewsService,
    private readonly views: ReviewViewService,
  ) {}

  @Get()
  @Permission('instance.read')
  @ApiOperation({
    summary:
      'State, stage, open tasks, deadlines, progress against timescales with RAG, timeline, linked reviews and contributing partnerships',
  })
  async read(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ReviewView> {
    const view = await this.views.read(access, instanceId);
    response.setHeader('ETag', entityTag(view.version));
    return view;
  }

  @Post('events')
  @HttpCode(200)
  @Permission('instance.send-event')
  @ApiHeader(IF_MATCH_HEADER)
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  @ApiOperation({
    summary:
      'Take a workflow step; the workflow decides who may (403 with the reason) and whether it is right (422 with the reason)',
  })
  async send(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Body() body: SendReviewEventDto,
    @Res({ passthrough: true }) response: Response,
    @Headers('if-match') ifMatch?: string,
    @Headers('idempotency-key') key?: string,
  ): Promise<ReviewCommandView> {
    const result = await this.reviews.send(access, instanceId, body, {
      expectedVersion: parseIfMatch(ifMatch),
      idempotencyKey: parseIdempotencyKey(key),
    });
    response.setHeader('ETag', entityTag(result.version));
    return result;
  }
}
