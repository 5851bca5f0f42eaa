import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CurrentAccess, Permission } from '../access/access.decorators';
import { actingPartnershipId, AccessContext } from '../access/access-context';
import { inScope } from '../database/tenancy';
import { AddPersonDto } from './dto/add-person.dto';
import { SetRolesDto } from './dto/set-roles.dto';
import { MemberView, PeopleService } from './people.service';

/** A partnership's people, for its business unit. Row-level security holds every query to it. */
@ApiTags('people')
@Controller('api/partnerships/:partnershipId/people')
export class PeopleController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly people: PeopleService,
  ) {}

  @Get()
  @Permission('people.read')
  list(@CurrentAccess() access: AccessContext): Promise<MemberView[]> {
    return inScope(this.dataSource, access.scope, (manager) =>
      this.people.listMembers(manager, actingPartnershipId(access)),
    );
  }

  @Post()
  @Permission('people.manage')
  add(@CurrentAccess() access: AccessContext, @Body() body: AddPersonDto): Promise<MemberView> {
    return inScope(this.dataSource, access.scope, (manager) =>
      this.people.addMember(manager, actingPartnershipId(access), body),
    );
  }

  @Put(':personId/roles')
  @Permission('people.grant-roles')
  setRoles(
    @CurrentAccess() access: AccessContext,
    @Param('personId', new ParseUUIDPipe()) personId: string,
    @Body() body: SetRolesDto,
  ): Promise<MemberView> {
    return inScope(this.dataSource, access.scope, (manager) =>
      this.people.setRoles(manager, actingPartnershipId(access), personId, body.roles),
    );
  }
}
