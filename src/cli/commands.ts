import { HttpException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { PARTNERSHIP_ROLES, PartnershipRole } from '../../workflows/shared/roles';
import { ApiTokenService } from '../auth/api-token.service';
import { MAX_TOKEN_DAYS } from '../auth/auth.settings';
import { CreateApiTokenDto } from '../auth/dto/create-api-token.dto';
import { Clock, SystemClock } from '../common/clock';
import { inScope, SYSTEM_SCOPE } from '../database/tenancy';
import { AGENCY_KINDS } from '../partnerships/agency.entity';
import { AgenciesService } from '../people/agencies.service';
import { AddPersonDto } from '../people/dto/add-person.dto';
import { CreateAgencyDto } from '../people/dto/create-agency.dto';
import { CreatePartnershipDto } from '../people/dto/create-partnership.dto';
import { SetRolesDto } from '../people/dto/set-roles.dto';
import { PartnershipAdminService } from '../people/partnership-admin.service';
import { PeopleService } from '../people/people.service';
import { CliUsageError, CommandSpec, ParsedOptions, parseOptions } from './cli-args';

/** What commands write to: results on `out`, explanations on `note` (stdout and stderr). */
export interface CliOutput {
  out(line: string): void;
  note(line: string): void;
}

/** The services the API uses, built for a plain DataSource. */
export interface AdminServices {
  dataSource: DataSource;
  partnerships: PartnershipAdminService;
  agencies: AgenciesService;
  people: PeopleService;
  tokens: ApiTokenService;
}

export function adminServices(
  dataSource: DataSource,
  clock: Clock = new SystemClock(),
): AdminServices {
  return {
    dataSource,
    partnerships: new PartnershipAdminService(),
    agencies: new AgenciesService(),
    people: new PeopleService(),
    tokens: new ApiTokenService(dataSource, clock),
  };
}

/** Validates with the same DTO the API uses, reporting each problem as the option it came from. */
function validated<T extends object>(
  dto: new () => T,
  plain: Record<string, unknown>,
  option: Record<string, string>,
): T {
  const instance = plainToInstance(dto, plain);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    const messages = errors.flatMap((error) =>
      Object.values(error.constraints ?? {}).map(
        (message) => `--${option[error.property] ?? error.property}: ${message}`,
      ),
    );
    throw new CliUsageError(messages.join('\n'));
  }
  return instance;
}

function single(values: ParsedOptions, name: string): string | undefined {
  const value = values[name];
  return Array.isArray(value) ? value[value.length - 1] : value;
}

function list(values: ParsedOptions, name: string): string[] {
  const value = values[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function required(values: ParsedOptions, name: string): string {
  const value = single(values, name);
  if (value === undefined) throw new CliUsageError(`missing --${name}`);
  return value;
}

function roles(values: ParsedOptions): PartnershipRole[] {
  return validated(SetRolesDto, { roles: list(values, 'role') }, { roles: 'role' }).roles;
}

interface Command extends CommandSpec {
  run(
    services: AdminServices,
    manager: EntityManager,
    values: ParsedOptions,
    output: CliOutput,
  ): Promise<void>;
}

const PARTNERSHIP_OPTION = { description: 'partnership code (e.g. RSCP) or id', required: true };
const ROLE_LIST = `one of ${PARTNERSHIP_ROLES.join(', ')}`;

export const COMMANDS: Readonly<Record<string, Command>> = {
  'create-partnership': {
    summary: 'Create a partnership',
    options: {
      code: { description: 'short code used in reference numbers, e.g. RSCP', required: true },
      name: { description: 'full name', required: true },
    },
    async run(services, manager, values, output) {
      const input = validated(
        CreatePartnershipDto,
        { code: required(values, 'code'), name: required(values, 'name') },
        {},
      );
      const partnership = await services.partnerships.create(manager, input);
      output.out(`${partnership.id}\t${partnership.code}\t${partnership.name}`);
    },
  },
  'create-agency': {
    summary: 'Add an agency to a partnership',
    options: {
      partnership: PARTNERSHIP_OPTION,
      name: { description: 'the agency’s name', required: true },
      kind: { description: `one of ${AGENCY_KINDS.join(', ')}`, required: true },
    },
    async run(services, manager, values, output) {
      const partnership = await services.partnerships.find(
        manager,
        required(values, 'partnership'),
      );
      const input = validated(
        CreateAgencyDto,
        { name: required(values, 'name'), kind: required(values, 'kind') },
        {},
      );
      const agency = await services.agencies.create(manager, partnership.id, input);
      output.out(`${agency.id}\t${agency.kind}\t${agency.name}`);
    },
  },
  'create-person': {
    summary: 'Add a person to a partnership (the same person if the email is known already)',
    options: {
      partnership: PARTNERSHIP_OPTION,
      email: { description: 'their email address, used to sign in', required: true },
      name: { description: 'their name as shown to others', required: true },
      agency: { description: 'the agency they represent, by name or id' },
      role: { description: `a partnership role: ${ROLE_LIST}`, multiple: true },
    },
    async run(services, manager, values, output) {
      const partnership = await services.partnerships.find(
        manager,
        required(values, 'partnership'),
      );
      const agencyName = single(values, 'agency');
      const agency =
        agencyName === undefined
          ? undefined
          : await services.agencies.find(manager, partnership.id, agencyName);
      const input = validated(
        AddPersonDto,
        {
          email: required(values, 'email'),
          displayName: required(values, 'name'),
          agencyId: agency?.id,
        },
        { displayName: 'name', agencyId: 'agency' },
      );
      const wanted = roles(values);
      let member = await services.people.addMember(manager, partnership.id, input);
      if (wanted.length > 0) {
        member = await services.people.setRoles(manager, partnership.id, member.personId, wanted);
      }
      output.out(`${member.personId}\t${member.email}\t${member.roles.join(',') || '-'}`);
    },
  },
  'grant-role': {
    summary: 'Grant partnership roles to a member (roles they hold already stay)',
    options: {
      partnership: PARTNERSHIP_OPTION,
      email: { description: 'the member’s email address', required: true },
      role: { description: ROLE_LIST, required: true, multiple: true },
    },
    async run(services, manager, values, output) {
      const partnership = await services.partnerships.find(
        manager,
        required(values, 'partnership'),
      );
      const personId = await services.people.personIdByEmail(manager, required(values, 'email'));
      const member = await services.people.grantRoles(
        manager,
        partnership.id,
        personId,
        roles(values),
      );
      output.out(`${member.personId}\t${member.email}\t${member.roles.join(',')}`);
    },
  },
  'issue-token': {
    summary: 'Issue an API token for a person; printed once, on standard output',
    options: {
      email: {
        description: 'whose token it is; it carries their permissions only',
        required: true,
      },
      name: { description: 'what it is for, e.g. "nightly export"', required: true },
      days: { description: `days until it expires, 1 to ${MAX_TOKEN_DAYS} (default 90)` },
    },
    async run(services, manager, values, output) {
      const input = validated(
        CreateApiTokenDto,
        { name: required(values, 'name'), expiresInDays: single(values, 'days') ?? '90' },
        { expiresInDays: 'days' },
      );
      const personId = await services.people.personIdByEmail(manager, required(values, 'email'));
      const issued = await services.tokens.issue(
        personId,
        input.name,
        input.expiresInDays,
        manager,
      );
      output.out(issued.token);
      output.note(
        `Token "${issued.name}" (${issued.prefix}…) expires ${issued.expiresAt.toISOString()}. ` +
          'This is the only time it is shown: store it somewhere safe.',
      );
    },
  },
  'list-people': {
    summary: 'List a partnership’s people, their agencies and roles',
    options: { partnership: PARTNERSHIP_OPTION },
    async run(services, manager, values, output) {
      const partnership = await services.partnerships.find(
        manager,
        required(values, 'partnership'),
      );
      const agencies = new Map(
        (await services.agencies.list(manager, partnership.id)).map((agency) => [
          agency.id,
          agency.name,
        ]),
      );
      for (const member of await services.people.listMembers(manager, partnership.id)) {
        output.out(
          [
            member.email,
            member.displayName,
            member.agencyId ? (agencies.get(member.agencyId) ?? '-') : '-',
            member.roles.join(',') || '-',
            member.active ? 'active' : 'deactivated',
          ].join('\t'),
        );
      }
    },
  },
};

/**
 * Runs one command in one system-scope transaction: it applies whole or not at all. Service
 * refusals (a taken code, an unknown agency) come back as their problem detail.
 */
export async function runCommand(
  services: AdminServices,
  argv: string[],
  output: CliOutput,
): Promise<void> {
  const [name, ...rest] = argv;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    throw new CliUsageError(name === undefined ? 'no command given' : `unknown command "${name}"`);
  }
  const values = parseOptions(name, command, rest);
  try {
    await inScope(services.dataSource, SYSTEM_SCOPE, (manager) =>
      command.run(services, manager, values, output),
    );
  } catch (error) {
    if (error instanceof HttpException) {
      const response = error.getResponse() as { detail?: string };
      throw new CliFailure(`${name}: ${response.detail ?? error.message}`);
    }
    throw error;
  }
}

/** A command that ran but was refused (e.g. a duplicate); exit status 1. */
export class CliFailure extends Error {}
