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
import { UpdateDraftDto } from '../returns/dto/return.dto';
import { ReviewsErrorCode } from '../reviews.exception';
import { CreateCommentDto } from './dto/comment.dto';
import { ReviewCommentsService, type CommentView } from './review-comments.service';

const COMMENT_ID = idParam(ReviewsErrorCode.CommentNotFound);

/** Panel members' comments on the draft report, round by round. */
@ApiTags('reviews')
@Controller('api/reviews/:instanceId/comments')
export class ReviewCommentsController {
  constructor(private readonly comments: ReviewCommentsService) {}

  @Get()
  @Permission('instance.read')
  @ApiOperation({ summary: 'Submitted comments of every round, and your own drafts' })
  list(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
  ): Promise<CommentView[]> {
    return this.comments.list(access, instanceId);
  }

  @Post()
  @Permission('instance.send-event')
  @ApiOperation({ summary: 'Start your draft comments on the round open now (panel members)' })
  async create(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Body() body: CreateCommentDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommentView> {
    const view = await this.comments.create(access, instanceId, body);
    response.setHeader('Location', `/api/reviews/${instanceId}/comments/${view.id}`);
    response.setHeader('ETag', entityTag(view.version));
    return view;
  }

  @Put(':commentId')
  @Permission('instance.send-event')
  @ApiHeader({ ...IF_MATCH_HEADER, required: true })
  async update(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Param('commentId', COMMENT_ID) commentId: string,
    @Body() body: UpdateDraftDto,
    @Res({ passthrough: true }) response: Response,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CommentView> {
    const view = await this.comments.update(
      access,
      instanceId,
      commentId,
      body,
      requireIfMatch(ifMatch),
    );
    response.setHeader('ETag', entityTag(view.version));
    return view;
  }

  @Post(':commentId/submit')
  @HttpCode(200)
  @Permission('instance.send-event')
  @ApiHeader(IF_MATCH_HEADER)
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  @ApiOperation({
    summary: 'Submit your comments: the review records them in the same transaction',
  })
  async submit(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Param('commentId', COMMENT_ID) commentId: string,
    @Res({ passthrough: true }) response: Response,
    @Headers('if-match') ifMatch?: string,
    @Headers('idempotency-key') key?: string,
  ): Promise<CommentView> {
    const view = await this.comments.submit(access, instanceId, commentId, {
      expectedVersion: parseIfMatch(ifMatch),
      idempotencyKey: parseIdempotencyKey(key),
    });
    response.setHeader('ETag', entityTag(view.version));
    return view;
  }
}
