import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentAccess, Permission } from '../../access/access.decorators';
import type { AccessContext } from '../../access/access-context';
import { auditActor } from '../audit-actor';
import type { AuditView } from '../audits/audits.service';
import { AuditProgrammesService, type ProgrammeView } from './audit-programmes.service';
import { CreateProgrammeDto, StartProgrammeEntryDto } from './dto/programme.dto';

/** A partnership's programme of audits for the year. */
@ApiTags('audit programmes')
@Controller('api/partnerships/:partnershipId/audit-programmes')
export class AuditProgrammesController {
  constructor(private readonly programmes: AuditProgrammesService) {}

  @Get()
  @Permission('instances.list')
  list(@CurrentAccess() access: AccessContext): Promise<ProgrammeView[]> {
    return this.programmes.list(auditActor(access));
  }

  /** Plans the programme: meeting dates at a steady rhythm, each on a working day. */
  @Post()
  @Permission('instances.create')
  create(
    @CurrentAccess() access: AccessContext,
    @Body() body: CreateProgrammeDto,
  ): Promise<ProgrammeView> {
    return this.programmes.create(auditActor(access), body);
  }

  @Get(':programmeId')
  @Permission('instances.list')
  get(
    @CurrentAccess() access: AccessContext,
    @Param('programmeId', new ParseUUIDPipe()) programmeId: string,
  ): Promise<ProgrammeView> {
    return this.programmes.get(auditActor(access), programmeId);
  }

  /** Starts a planned audit as a case file audit meeting on its planned date. */
  @Post(':programmeId/entries/:entryId/start')
  @Permission('instances.create')
  start(
    @CurrentAccess() access: AccessContext,
    @Param('programmeId', new ParseUUIDPipe()) programmeId: string,
    @Param('entryId', new ParseUUIDPipe()) entryId: string,
    @Body() body: StartProgrammeEntryDto,
  ): Promise<AuditView> {
    return this.programmes.startEntry(auditActor(access), programmeId, entryId, body);
  }
}
