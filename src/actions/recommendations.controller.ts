import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { CurrentAccess, Permission } from '../access/access.decorators';
import type { AccessContext } from '../access/access-context';
import { inScope } from '../database/tenancy';
import { ActionsService } from './actions.service';
import { ActionView } from './dto/action.view';
import { CreateActionDto } from './dto/create-action.dto';
import { CreateRecommendationDto } from './dto/create-recommendation.dto';
import { RecommendationView } from './dto/recommendation.view';
import { entityTag } from '../common/preconditions';
import { instanceActor } from './instance-actor';
import { RecommendationsService } from './recommendations.service';

/** An audit's or review's recommendations and the actions each becomes. */
@ApiTags('recommendations and actions')
@Controller('api/instances/:instanceId/recommendations')
export class RecommendationsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recommendations: RecommendationsService,
    private readonly actions: ActionsService,
  ) {}

  @Post()
  @Permission('recommendations.manage')
  @ApiOperation({ summary: 'Add a recommendation the audit or review made' })
  @ApiCreatedResponse({ type: RecommendationView })
  @ApiResponse({ status: 409, description: 'That number is taken.' })
  create(
    @CurrentAccess() access: AccessContext,
    @Body() body: CreateRecommendationDto,
  ): Promise<RecommendationView> {
    return inScope(this.dataSource, access.scope, (manager) =>
      this.recommendations.create(manager, instanceActor(access), body),
    );
  }

  @Get()
  @Permission('instance.read')
  @ApiOperation({ summary: 'The recommendations in number order, each with its actions' })
  @ApiOkResponse({ type: [RecommendationView] })
  list(@CurrentAccess() access: AccessContext): Promise<RecommendationView[]> {
    return inScope(this.dataSource, access.scope, (manager) =>
      this.recommendations.list(manager, instanceActor(access).instanceId),
    );
  }

  @Post(':recommendationId/actions')
  @Permission('recommendations.manage')
  @ApiOperation({
    summary: 'Add an action to a recommendation',
    description:
      'Opens a follow-up task for the lead, due on the due date, which the reminder system chases.',
  })
  @ApiCreatedResponse({ type: ActionView, description: 'With its version as the ETag.' })
  @ApiResponse({ status: 422, description: 'The agency or lead does not fit.' })
  async addAction(
    @CurrentAccess() access: AccessContext,
    @Param('recommendationId') recommendationId: string,
    @Body() body: CreateActionDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActionView> {
    const action = await inScope(this.dataSource, access.scope, (manager) =>
      this.actions.create(manager, instanceActor(access), recommendationId, body),
    );
    response.setHeader('ETag', entityTag(action.version));
    return action;
  }
}
