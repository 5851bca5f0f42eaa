import { Body, Controller, Get, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { CurrentAccess, Permission } from '../../../access/access.decorators';
import { actingPartnershipId, type AccessContext } from '../../../access/access-context';
import { inScope } from '../../../database/tenancy';
import { InstanceReader } from '../../../engine/instance-reader.service';
import { InstanceMembers } from '../../../instances/instance-members.service';
import { AgenciesService } from '../../../people/agencies.service';
import { PeopleService, type MemberView } from '../../../people/people.service';
import { formView, type FormView } from '../../forms/form-errors';
import {
  formWithErrors,
  renderInvalid,
  seeOther,
  validateForm,
  type FormBody,
} from '../admin-forms';
import { adminPath } from '../admin-pages';
import { INSTANCE_ROLE_LABELS, instanceRoleLabel, optionsOf } from '../labels';
import { AddMemberForm, RemoveMemberForm } from './member-forms';

/** Who sits on one audit or review, in which role: listed, added and removed by the business unit. */
@ApiExcludeController()
@Controller('instances/:instanceId/members')
export class InstanceMembersPagesController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reader: InstanceReader,
    private readonly members: InstanceMembers,
    private readonly people: PeopleService,
    private readonly agencies: AgenciesService,
  ) {}

  @Get()
  @Permission('instance.manage-members')
  @Render('admin/members')
  async list(
    @CurrentAccess() access: AccessContext,
    @Query('done') done?: string,
    @Query('person') personId?: string,
    @Query('role') role?: string,
  ): Promise<object> {
    const page = await this.page(access, undefined);
    const name = page.people.find((person) => person.personId === personId)?.displayName;
    const roleLabel = instanceRoleLabel(role)?.toLowerCase();
    const banner =
      name && roleLabel
        ? done === 'added'
          ? `${name} has been added as ${roleLabel}`
          : done === 'removed'
            ? `${name} is no longer ${roleLabel}`
            : undefined
        : undefined;
    return { ...page, banner };
  }

  @Post()
  @Permission('instance.manage-members')
  async add(
    @CurrentAccess() access: AccessContext,
    @Body() body: FormBody,
    @Res() response: Response,
  ): Promise<void> {
    const checked = validateForm(AddMemberForm, body);
    let form = checked.ok ? undefined : checked.form;
    if (checked.ok) {
      const { personId, role } = checked.value;
      const person = (await this.partnershipPeople(access)).find(
        (entry) => entry.personId === personId.toLowerCase(),
      );
      if (!person) {
        form = formWithErrors(body, { personId: 'Select a person from the list' });
      } else {
        const membership = await this.members.put(
          actorOf(access),
          instanceIdOf(access),
          { personId: person.personId, role, agencyId: person.agencyId },
          undefined,
        );
        if (membership.changed) {
          seeOther(response, membersPath(access), {
            done: 'added',
            person: person.personId,
            role,
          });
          return;
        }
        form = formWithErrors(body, {
          role: `${person.displayName} is already ${INSTANCE_ROLE_LABELS[role].toLowerCase()} here`,
        });
      }
    }
    renderInvalid(response, 'admin/members', await this.page(access, form));
  }

  @Post('remove')
  @Permission('instance.manage-members')
  async remove(
    @CurrentAccess() access: AccessContext,
    @Body() body: FormBody,
    @Res() response: Response,
  ): Promise<void> {
    const checked = validateForm(RemoveMemberForm, body);
    if (!checked.ok) {
      renderInvalid(response, 'admin/members', await this.page(access, checked.form));
      return;
    }
    const { personId, role } = checked.value;
    await this.members.remove(
      actorOf(access),
      instanceIdOf(access),
      { personId: personId.toLowerCase(), role },
      undefined,
    );
    seeOther(response, membersPath(access), { done: 'removed', person: personId, role });
  }

  private async partnershipPeople(access: AccessContext): Promise<MemberView[]> {
    return inScope(this.dataSource, access.scope, (manager) =>
      this.people.listMembers(manager, actingPartnershipId(access)),
    );
  }

  private async page(access: AccessContext, form: FormView | undefined) {
    const partnershipId = actingPartnershipId(access);
    const instance = await this.reader.getInstance(actorOf(access), instanceIdOf(access));
    const { people, agencies } = await inScope(this.dataSource, access.scope, async (manager) => ({
      people: await this.people.listMembers(manager, partnershipId),
      agencies: await this.agencies.list(manager, partnershipId),
    }));
    const agencyName = (id: string | null): string | null =>
      agencies.find((agency) => agency.id === id)?.name ?? null;
    const shown = form ?? formView();
    return {
      basePath: adminPath(partnershipId),
      membersPath: membersPath(access),
      instance: { id: instance.id, reference: instance.reference, title: instance.title },
      members: instance.members.map((member) => ({
        ...member,
        roleLabel: INSTANCE_ROLE_LABELS[member.role],
        agencyName: agencyName(member.agencyId),
      })),
      people,
      form: shown,
      personItems: [
        { value: '', text: 'Choose a person' },
        ...people
          .filter((person) => person.active)
          .map((person) => ({
            value: person.personId,
            text: person.agencyId
              ? `${person.displayName} (${agencyName(person.agencyId) ?? 'no agency'})`
              : person.displayName,
          })),
      ],
      roleItems: optionsOf(INSTANCE_ROLE_LABELS),
    };
  }
}

function actorOf(access: AccessContext): { personId: string } {
  return { personId: access.principal.personId };
}

function instanceIdOf(access: AccessContext): string {
  if (!access.instance) throw new Error(`${access.action} is not an instance action`);
  return access.instance.id;
}

function membersPath(access: AccessContext): string {
  return `/instances/${instanceIdOf(access)}/members`;
}
