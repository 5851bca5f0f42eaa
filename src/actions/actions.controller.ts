import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource, EntityManager } from 'typeorm';
import { CurrentAccess, Permission } from '../access/access.decorators';
import type { AccessContext } from '../access/access-context';
import { inScope } from '../database/tenancy';
import { ActionsService } from './actions.service';
import { AgreeClosureDto } from './dto/agree-closure.dto';
import { ActionView } from './dto/action.view';
import { DeclineClosureDto } from './dto/decline-closure.dto';
import { ReportProgressDto } from './dto/report-progress.dto';
import { RequestClosureDto } from './dto/request-closure.dto';
import { UpdateActionDto } from './dto/update-action.dto';
import { entityTag, parseIfMatch, requireIfMatch } from '../common/preconditions';
import { instanceActor } from './instance-actor';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The version you read, e.g. "3": refused with 409 when the action has moved on.',
};

/**
 * One action of an audit's or review's action plan. Nested under its instance so the access guard
 * scopes it like every instance route: someone who may not see the audit or review gets 404.
 */
@ApiTags('recommendations and actions')
@Controller('api/instances/:instanceId/actions/:actionId')
export class ActionsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly actions: ActionsService,
  ) {}

  @Get()
  @Permission('instance.read')
  @ApiOperation({ summary: 'An action with its computed status and RAG, and its history' })
  @ApiOkResponse({ type: ActionView, description: 'With its version as the ETag.' })
  get(
    @CurrentAccess() access: AccessContext,
    @Param('actionId') actionId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActionView> {
    return this.respond(access, response, (manager) =>
      this.actions.get(manager, instanceActor(access).instanceId, actionId),
    );
  }

  @Patch()
  @Permission('recommendations.manage')
  @ApiOperation({ summary: 'Change an action’s wording, owner agency, lead or due date' })
  @ApiHeader({ ...IF_MATCH, required: true })
  @ApiOkResponse({ type: ActionView })
  @ApiResponse({ status: 409, description: 'Stale If-Match, or the action is complete.' })
  @ApiResponse({ status: 428, description: 'If-Match missing.' })
  update(
    @CurrentAccess() access: AccessContext,
    @Param('actionId') actionId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateActionDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActionView> {
    const version = requireIfMatch(ifMatch);
    return this.respond(access, response, (manager) =>
      this.actions.update(manager, instanceActor(access), actionId, version, body),
    );
  }

  @Post('updates')
  @Permission('actions.report-progress')
  @ApiOperation({ summary: 'Report progress, with any evidence of impact (the action’s owner)' })
  @ApiHeader(IF_MATCH)
  @ApiCreatedResponse({ type: ActionView })
  @ApiResponse({ status: 403, description: 'Not the action’s owner.' })
  reportProgress(
    @CurrentAccess() access: AccessContext,
    @Param('actionId') actionId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: ReportProgressDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActionView> {
    const version = parseIfMatch(ifMatch);
    return this.respond(access, response, (manager) =>
      this.actions.reportProgress(manager, instanceActor(access), actionId, version, body),
    );
  }

  @Post('request-closure')
  @HttpCode(200)
  @Permission('actions.report-progress')
  @ApiOperation({ summary: 'Ask the subgroup to close the action (the action’s owner)' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ActionView })
  requestClosure(
    @CurrentAccess() access: AccessContext,
    @Param('actionId') actionId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RequestClosureDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActionView> {
    const version = parseIfMatch(ifMatch);
    return this.respond(access, response, (manager) =>
      this.actions.requestClosure(manager, instanceActor(access), actionId, version, body),
    );
  }

  @Post('agree-closure')
  @HttpCode(200)
  @Permission('actions.decide-closure')
  @ApiOperation({
    summary:
      'Agree closure for the subgroup, recording where it was agreed; the action is complete',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ActionView })
  @ApiResponse({ status: 403, description: 'Not the subgroup, or the action’s own owner.' })
  agreeClosure(
    @CurrentAccess() access: AccessContext,
    @Param('actionId') actionId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: AgreeClosureDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActionView> {
    const version = parseIfMatch(ifMatch);
    return this.respond(access, response, (manager) =>
      this.actions.agreeClosure(manager, instanceActor(access), actionId, version, body.agreement),
    );
  }

  @Post('decline-closure')
  @HttpCode(200)
  @Permission('actions.decide-closure')
  @ApiOperation({ summary: 'Decline closure for the subgroup, with the reason; back in progress' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ActionView })
  declineClosure(
    @CurrentAccess() access: AccessContext,
    @Param('actionId') actionId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: DeclineClosureDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActionView> {
    const version = parseIfMatch(ifMatch);
    return this.respond(access, response, (manager) =>
      this.actions.declineClosure(manager, instanceActor(access), actionId, version, body.reason),
    );
  }

  /** Runs the work in the person's scope and sends the action's version as its ETag. */
  private async respond(
    access: AccessContext,
    response: Response,
    work: (manager: EntityManager) => Promise<ActionView>,
  ): Promise<ActionView> {
    const action = await inScope(this.dataSource, access.scope, work);
    response.setHeader('ETag', entityTag(action.version));
    return action;
  }
}
