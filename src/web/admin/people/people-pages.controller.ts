import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Render,
  Res,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ClassConstructor } from 'class-transformer';
import type { Response } from 'express';
import { DataSource, type EntityManager } from 'typeorm';
import { CurrentAccess, Permission } from '../../../access/access.decorators';
import { actingPartnershipId, type AccessContext } from '../../../access/access-context';
import { inScope } from '../../../database/tenancy';
import { AgenciesService, type AgencyView } from '../../../people/agencies.service';
import { PeopleException } from '../../../people/people.exception';
import { PeopleService, type MemberView } from '../../../people/people.service';
import { formView, type FormView } from '../../forms/form-errors';
import {
  formWithErrors,
  renderInvalid,
  seeOther,
  validateForm,
  type FormBody,
} from '../admin-forms';
import { adminPath, mayIn } from '../admin-pages';
import { AGENCY_KIND_LABELS, optionsOf, PARTNERSHIP_ROLE_LABELS } from '../labels';
import { AddAgencyForm, AddPersonForm, ChangeAgencyForm, RolesForm } from './people-forms';

const PERSON_DONE = {
  added: 'has been added to the partnership',
  agency: 'now represents the agency shown',
  roles: 'now has the roles shown',
} as const;

/** Refusals a person can fix: the field each is shown at, and what it says there. */
type Refusals = Partial<Record<PeopleException['code'], [string, string]>>;

/** The lists a change on these pages returns to. */
type AdminList = 'people' | 'agencies';

interface PersonRow extends MemberView {
  agencyName: string | null;
  roleLabels: string[];
}

/**
 * The partnership's people and agencies for its business unit: who belongs, with which agency and
 * roles; adding people and agencies; changing a person's agency; granting and withdrawing roles.
 */
@ApiExcludeController()
@Controller('partnerships/:partnershipId/admin')
export class PeoplePagesController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly people: PeopleService,
    private readonly agencies: AgenciesService,
  ) {}

  @Get('people')
  @Permission('people.read')
  @Render('admin/people')
  async list(
    @CurrentAccess() access: AccessContext,
    @Query('done') done?: string,
    @Query('person') personId?: string,
  ): Promise<object> {
    const partnershipId = actingPartnershipId(access);
    const people = await this.scoped(access, async (manager) => {
      const agencies = await this.agencies.list(manager, partnershipId);
      return (await this.people.listMembers(manager, partnershipId)).map((member) =>
        personRow(member, agencies),
      );
    });
    const named = people.find((person) => person.personId === personId);
    const message = PERSON_DONE[done as keyof typeof PERSON_DONE];
    return {
      basePath: adminPath(partnershipId),
      people,
      mayManage: mayIn(access.principal, partnershipId, 'people.manage'),
      mayGrantRoles: mayIn(access.principal, partnershipId, 'people.grant-roles'),
      banner: named && message ? `${named.displayName} ${message}` : undefined,
    };
  }

  @Get('people/new')
  @Permission('people.manage')
  @Render('admin/person-new')
  async newPerson(@CurrentAccess() access: AccessContext): Promise<object> {
    return this.personNewPage(access, formView());
  }

  @Post('people')
  @Permission('people.manage')
  async addPerson(
    @CurrentAccess() access: AccessContext,
    @Body() body: FormBody,
    @Res() response: Response,
  ): Promise<void> {
    const partnershipId = actingPartnershipId(access);
    await this.submit(response, access, body, {
      type: AddPersonForm,
      view: 'admin/person-new',
      page: (form) => this.personNewPage(access, form),
      refusals: {
        'already-a-member': ['email', 'This person is already a member of the partnership'],
        'agency-not-found': ['agencyId', 'Select an agency from the list'],
      },
      change: async (manager, { displayName, email, agencyId }) => {
        const added = await this.people.addMember(manager, partnershipId, {
          displayName,
          email,
          agencyId,
        });
        return ['people', { done: 'added', person: added.personId }];
      },
    });
  }

  @Get('people/:personId/agency')
  @Permission('people.manage')
  @Render('admin/person-agency')
  async agencyForm(
    @CurrentAccess() access: AccessContext,
    @Param('personId', new ParseUUIDPipe()) personId: string,
  ): Promise<object> {
    return this.agencyPage(access, personId, undefined);
  }

  @Post('people/:personId/agency')
  @Permission('people.manage')
  async changeAgency(
    @CurrentAccess() access: AccessContext,
    @Param('personId', new ParseUUIDPipe()) personId: string,
    @Body() body: FormBody,
    @Res() response: Response,
  ): Promise<void> {
    const partnershipId = actingPartnershipId(access);
    await this.submit(response, access, body, {
      type: ChangeAgencyForm,
      view: 'admin/person-agency',
      page: (form) => this.agencyPage(access, personId, form),
      refusals: { 'agency-not-found': ['agencyId', 'Select an agency from the list'] },
      change: async (manager, { agencyId }) => {
        await this.people.setAgency(manager, partnershipId, personId, agencyId ?? null);
        return ['people', { done: 'agency', person: personId }];
      },
    });
  }

  @Get('people/:personId/roles')
  @Permission('people.grant-roles')
  @Render('admin/person-roles')
  async rolesForm(
    @CurrentAccess() access: AccessContext,
    @Param('personId', new ParseUUIDPipe()) personId: string,
  ): Promise<object> {
    return this.rolesPage(access, personId, undefined);
  }

  @Post('people/:personId/roles')
  @Permission('people.grant-roles')
  async setRoles(
    @CurrentAccess() access: AccessContext,
    @Param('personId', new ParseUUIDPipe()) personId: string,
    @Body() body: FormBody,
    @Res() response: Response,
  ): Promise<void> {
    const partnershipId = actingPartnershipId(access);
    await this.submit(response, access, body, {
      type: RolesForm,
      view: 'admin/person-roles',
      page: (form) => this.rolesPage(access, personId, form),
      refusals: {
        'last-business-manager': [
          'roles',
          'The partnership must keep a business manager. Give the role to someone else first',
        ],
      },
      change: async (manager, { roles }) => {
        await this.people.setRoles(manager, partnershipId, personId, roles ?? []);
        return ['people', { done: 'roles', person: personId }];
      },
    });
  }

  @Get('agencies')
  @Permission('people.read')
  @Render('admin/agencies')
  async agencyList(
    @CurrentAccess() access: AccessContext,
    @Query('done') done?: string,
  ): Promise<object> {
    const partnershipId = actingPartnershipId(access);
    const agencies = await this.scoped(access, (manager) =>
      this.agencies.list(manager, partnershipId),
    );
    return {
      basePath: adminPath(partnershipId),
      agencies: agencies.map((agency) => ({
        ...agency,
        kindLabel: AGENCY_KIND_LABELS[agency.kind],
      })),
      mayManage: mayIn(access.principal, partnershipId, 'people.manage'),
      banner: done === 'added' ? 'The agency has been added' : undefined,
    };
  }

  @Get('agencies/new')
  @Permission('people.manage')
  @Render('admin/agency-new')
  newAgency(@CurrentAccess() access: AccessContext): object {
    return this.agencyNewPage(access, formView());
  }

  @Post('agencies')
  @Permission('people.manage')
  async addAgency(
    @CurrentAccess() access: AccessContext,
    @Body() body: FormBody,
    @Res() response: Response,
  ): Promise<void> {
    const partnershipId = actingPartnershipId(access);
    await this.submit(response, access, body, {
      type: AddAgencyForm,
      view: 'admin/agency-new',
      page: (form) => this.agencyNewPage(access, form),
      refusals: {
        'agency-name-taken': ['name', 'The partnership already has an agency with this name'],
      },
      change: async (manager, value) => {
        await this.agencies.create(manager, partnershipId, value);
        return ['agencies', { done: 'added' }];
      },
    });
  }

  /**
   * A form post on these pages: checked, then the change made in the partnership's scope and 303
   * to the list it shows on (with the banner's query); invalid input, or a refusal the person can
   * fix, shows the form's page again with 422.
   */
  private async submit<T extends object>(
    response: Response,
    access: AccessContext,
    body: FormBody,
    form: {
      type: ClassConstructor<T>;
      view: string;
      page: (form: FormView | undefined) => object | Promise<object>;
      refusals: Refusals;
      change: (manager: EntityManager, value: T) => Promise<[AdminList, Record<string, string>]>;
    },
  ): Promise<void> {
    const checked = validateForm(form.type, body);
    let shown = checked.ok ? undefined : checked.form;
    if (checked.ok) {
      try {
        const [list, query] = await this.scoped(access, (manager) =>
          form.change(manager, checked.value),
        );
        seeOther(response, adminPath(actingPartnershipId(access), list), query);
        return;
      } catch (error) {
        shown = this.refusedForm(error, body, form.refusals);
      }
    }
    renderInvalid(response, form.view, await form.page(shown));
  }

  private scoped<T>(
    access: AccessContext,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    return inScope(this.dataSource, access.scope, work);
  }

  /** A refusal the person can fix, shown at its field; anything else goes to the error page. */
  private refusedForm(error: unknown, body: FormBody, fields: Refusals): FormView {
    const field = error instanceof PeopleException ? fields[error.code] : undefined;
    if (!field) throw error;
    return formWithErrors(body, { [field[0]]: field[1] });
  }

  private async personNewPage(access: AccessContext, form: FormView | undefined): Promise<object> {
    const partnershipId = actingPartnershipId(access);
    const agencies = await this.scoped(access, (manager) =>
      this.agencies.list(manager, partnershipId),
    );
    return {
      basePath: adminPath(partnershipId),
      form: form ?? formView(),
      agencyItems: agencyItems(agencies),
    };
  }

  private async agencyPage(
    access: AccessContext,
    personId: string,
    form: FormView | undefined,
  ): Promise<object> {
    const partnershipId = actingPartnershipId(access);
    const { person, agencies } = await this.scoped(access, async (manager) => ({
      person: await this.people.member(manager, partnershipId, personId),
      agencies: await this.agencies.list(manager, partnershipId),
    }));
    return {
      basePath: adminPath(partnershipId),
      person,
      form: form ?? formView({ agencyId: person.agencyId ?? '' }),
      agencyItems: agencyItems(agencies),
    };
  }

  private async rolesPage(
    access: AccessContext,
    personId: string,
    form: FormView | undefined,
  ): Promise<object> {
    const partnershipId = actingPartnershipId(access);
    const person = await this.scoped(access, (manager) =>
      this.people.member(manager, partnershipId, personId),
    );
    const shown = form ?? formView({ roles: person.roles });
    const raw = shown.values.roles;
    const checked = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    return {
      basePath: adminPath(partnershipId),
      person,
      form: shown,
      roleItems: optionsOf(PARTNERSHIP_ROLE_LABELS).map((item) => ({
        ...item,
        checked: checked.includes(item.value),
      })),
    };
  }

  private agencyNewPage(access: AccessContext, form: FormView | undefined): object {
    return {
      basePath: adminPath(actingPartnershipId(access)),
      form: form ?? formView(),
      kindItems: optionsOf(AGENCY_KIND_LABELS),
    };
  }
}

function personRow(member: MemberView, agencies: readonly AgencyView[]): PersonRow {
  return {
    ...member,
    agencyName: agencies.find((agency) => agency.id === member.agencyId)?.name ?? null,
    roleLabels: member.roles.map((role) => PARTNERSHIP_ROLE_LABELS[role]),
  };
}

/** Options for the agency select, starting with "none". */
function agencyItems(agencies: readonly AgencyView[]): Array<{ value: string; text: string }> {
  return [
    { value: '', text: 'No agency' },
    ...agencies.map((agency) => ({ value: agency.id, text: agency.name })),
  ];
}
