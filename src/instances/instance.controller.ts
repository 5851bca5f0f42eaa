import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentAccess, Permission } from '../access/access.decorators';
import type { AccessContext } from '../access/access-context';
import type { CommandResult, InstanceView, TimelineEntry } from '../engine/engine.types';
import { InstanceReader } from '../engine/instance-reader.service';
import { WorkflowEngine } from '../engine/workflow-engine.service';
import { ApiRefusals } from './api-responses';
import { ApiCommandHeaders, CommandHeaders, VersionEtagInterceptor } from './command-headers';
import {
  CommandResultDto,
  InstanceViewDto,
  MembershipDto,
  TimelineEntryDto,
} from './dto/instance-responses.dto';
import { PutMemberDto, RemoveMemberQueryDto } from './dto/member.dto';
import { SendEventDto } from './dto/send-event.dto';
import { InstanceMembers } from './instance-members.service';

/**
 * One audit or review: read it and its timeline, take workflow steps, manage who is on it. Thin:
 * the access guard has authorised the route; the engine applies the workflow's own rules and its
 * refusals reach the caller as problem details.
 */
@ApiTags('instances')
@Controller('api/instances/:instanceId')
@UseInterceptors(VersionEtagInterceptor)
export class InstanceController {
  constructor(
    private readonly engine: WorkflowEngine,
    private readonly reader: InstanceReader,
    private readonly members: InstanceMembers,
  ) {}

  @Get()
  @Permission('instance.read')
  @ApiOperation({
    summary: 'See an audit or review',
    description:
      'Its state and stage, open tasks with due dates and holders, members, the events it accepts and those you may send. The version is also the ETag.',
  })
  @ApiOkResponse({ type: InstanceViewDto })
  @ApiRefusals()
  read(@CurrentAccess() access: AccessContext): Promise<InstanceView> {
    return this.reader.getInstance(actorOf(access), instanceIdOf(access));
  }

  @Get('timeline')
  @Permission('instance.read')
  @ApiOperation({ summary: 'Who did what when, and from which state to which' })
  @ApiOkResponse({ type: [TimelineEntryDto] })
  @ApiRefusals()
  timeline(@CurrentAccess() access: AccessContext): Promise<TimelineEntry[]> {
    return this.reader.timeline(actorOf(access), instanceIdOf(access));
  }

  @Post('events')
  @HttpCode(200)
  @Permission('instance.send-event')
  @ApiOperation({
    summary: 'Take a workflow step',
    description:
      'The workflow decides who may send which event (403 with the reason), whether this stage accepts it (409 with `acceptedEvents`) and whether its checks pass (422 with the reason).',
  })
  @ApiCommandHeaders()
  @ApiOkResponse({ type: CommandResultDto })
  @ApiRefusals(403, 422)
  send(
    @CurrentAccess() access: AccessContext,
    @CommandHeaders() headers: CommandHeaders,
    @Body() body: SendEventDto,
  ): Promise<CommandResult> {
    return this.engine.send(actorOf(access), instanceIdOf(access), {
      type: body.type,
      payload: body.payload,
      expectedVersion: headers.expectedVersion,
      idempotencyKey: headers.idempotencyKey,
    });
  }

  @Put('members/:personId')
  @Permission('instance.manage-members')
  @ApiOperation({
    summary: 'Give a person a role on the audit or review',
    description:
      '201 when added; 200 when they already hold the role with that agency (nothing written). Tasks of that role pass to them too.',
  })
  @ApiCommandHeaders()
  @ApiResponse({ status: 201, type: MembershipDto, description: 'Added' })
  @ApiOkResponse({ type: MembershipDto, description: 'Already so' })
  @ApiRefusals(403, 422)
  async putMember(
    @CurrentAccess() access: AccessContext,
    @Param('personId', new ParseUUIDPipe()) personId: string,
    @CommandHeaders() headers: CommandHeaders,
    @Body() body: PutMemberDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MembershipDto> {
    const membership = await this.members.put(
      actorOf(access),
      instanceIdOf(access),
      { personId: personId.toLowerCase(), role: body.role, agencyId: body.agencyId },
      headers.expectedVersion,
    );
    response.status(membership.changed ? 201 : 200);
    return membership;
  }

  @Delete('members/:personId')
  @Permission('instance.manage-members')
  @ApiOperation({
    summary: 'Take a role on the audit or review away from a person',
    description: '`changed` is false when they did not hold it (nothing written).',
  })
  @ApiCommandHeaders()
  @ApiOkResponse({ type: MembershipDto })
  @ApiRefusals(403)
  removeMember(
    @CurrentAccess() access: AccessContext,
    @Param('personId', new ParseUUIDPipe()) personId: string,
    @CommandHeaders() headers: CommandHeaders,
    @Query() query: RemoveMemberQueryDto,
  ): Promise<MembershipDto> {
    return this.members.remove(
      actorOf(access),
      instanceIdOf(access),
      { personId: personId.toLowerCase(), role: query.role },
      headers.expectedVersion,
    );
  }
}

function actorOf(access: AccessContext): { personId: string } {
  return { personId: access.principal.personId };
}

function instanceIdOf(access: AccessContext): string {
  if (!access.instance) throw new Error(`${access.action} is not an instance action`);
  return access.instance.id;
}
