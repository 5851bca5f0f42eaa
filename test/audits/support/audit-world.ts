import type { Server } from 'node:http';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { PartnershipRole } from '../../../workflows/shared/roles';
import { BusinessCalendar, type IsoDate } from '../../../src/calendar';
import { adminServices } from '../../../src/cli/commands';
import { inScope, SYSTEM_SCOPE } from '../../../src/database/tenancy';
import { DEFAULT_AUDIT_TOOL } from '../../../src/audits/tools/default-audit-tool';
import type { AgencyKind } from '../../../src/partnerships/agency.entity';
import { apiToken, dataSourceOf, httpServer } from '../../access/support/access-fixtures';
import type { AppHarness } from '../../support/app-harness';

type AgencyKey = 'police' | 'health' | 'council';

const AGENCIES: Record<AgencyKey, [string, AgencyKind]> = {
  police: ['Northshire Police', 'police'],
  health: ['Northshire Integrated Care Board', 'health'],
  council: ['Northshire Council Children’s Services', 'local-authority'],
};

/** Everyone the audit tests act as. Agency people belong to their agency in the partnership. */
const PEOPLE = {
  manager: { name: 'Asha Manager', roles: ['business-manager'] },
  officer: { name: 'Tom Officer', roles: ['business-officer'] },
  chair: { name: 'Helen Chair', roles: ['partnership-chair'] },
  auditChair: { name: 'Cara Groupchair', roles: [] },
  policeLead: { name: 'Sam Policelead', roles: [], agency: 'police' },
  policeAuditor: { name: 'Pat Policeauditor', roles: [], agency: 'police' },
  healthLead: { name: 'Priya Healthlead', roles: [], agency: 'health' },
  councilLead: { name: 'Chris Councillead', roles: [], agency: 'council' },
  panelMember: { name: 'Mo Panelmember', roles: [] },
  outsider: { name: 'Olu Outsider', roles: [] },
} satisfies Record<string, { name: string; roles: PartnershipRole[]; agency?: AgencyKey }>;

export type PersonKey = keyof typeof PEOPLE;

export interface WorldPerson {
  id: string;
  email: string;
  name: string;
  api: ApiClient;
}

/** Calls the API as one person, with their own API token. */
export class ApiClient {
  constructor(
    private readonly server: Server,
    private readonly token: string,
  ) {}

  get(path: string): request.Test {
    return request(this.server).get(path).set('Authorization', `Bearer ${this.token}`);
  }

  post(path: string, body: object = {}): request.Test {
    return request(this.server).post(path).set('Authorization', `Bearer ${this.token}`).send(body);
  }

  put(path: string, body: object): request.Test {
    return request(this.server).put(path).set('Authorization', `Bearer ${this.token}`).send(body);
  }
}

export interface AuditWorld {
  partnershipId: string;
  agencies: Record<AgencyKey, string>;
  people: Record<PersonKey, WorldPerson>;
  /** The business manager of another partnership. */
  stranger: WorldPerson;
  dataSource: DataSource;
}

/**
 * A partnership with three agencies and a person for every part an audit needs, each with an API
 * token, made through the same services as the command-line tool.
 */
export async function buildAuditWorld(harness: AppHarness, code = 'NSCP'): Promise<AuditWorld> {
  const dataSource = dataSourceOf(harness);
  const services = adminServices(dataSource);
  const server = httpServer(harness);
  const made = await inScope(dataSource, SYSTEM_SCOPE, async (manager) => {
    const partnership = await services.partnerships.create(manager, {
      code,
      name: `${code} Safeguarding Children Partnership`,
    });
    const agencies = {} as Record<AgencyKey, string>;
    for (const [key, [name, kind]] of Object.entries(AGENCIES) as [
      AgencyKey,
      [string, AgencyKind],
    ][]) {
      agencies[key] = (await services.agencies.create(manager, partnership.id, { name, kind })).id;
    }
    const people = {} as Record<PersonKey, { id: string; email: string; name: string }>;
    for (const [key, person] of Object.entries(PEOPLE) as [
      PersonKey,
      { name: string; roles: PartnershipRole[]; agency?: AgencyKey },
    ][]) {
      const email = `${key.toLowerCase()}@${code.toLowerCase()}.example`;
      const member = await services.people.addMember(manager, partnership.id, {
        email,
        displayName: person.name,
        agencyId: person.agency ? agencies[person.agency] : null,
      });
      if (person.roles.length > 0) {
        await services.people.setRoles(manager, partnership.id, member.personId, person.roles);
      }
      people[key] = { id: member.personId, email, name: person.name };
    }
    const away = await services.partnerships.create(manager, {
      code: `X${code}`,
      name: `Away ${code} Safeguarding Children Partnership`,
    });
    const strangerEmail = `manager@away-${code.toLowerCase()}.example`;
    const stranger = await services.people.addMember(manager, away.id, {
      email: strangerEmail,
      displayName: 'Away Manager',
    });
    await services.people.setRoles(manager, away.id, stranger.personId, ['business-manager']);
    return {
      partnershipId: partnership.id,
      agencies,
      people,
      stranger: { id: stranger.personId, email: strangerEmail, name: 'Away Manager' },
    };
  });
  const withApi = async (person: { id: string; email: string; name: string }) => ({
    ...person,
    api: new ApiClient(server, await apiToken(harness, person.id)),
  });
  const people = {} as Record<PersonKey, WorldPerson>;
  for (const key of Object.keys(made.people) as PersonKey[]) {
    people[key] = await withApi(made.people[key]);
  }
  return {
    partnershipId: made.partnershipId,
    agencies: made.agencies,
    people,
    stranger: await withApi(made.stranger),
    dataSource,
  };
}

/** The default audit tool's content, as a request body. */
export function toolBody(name: string): object {
  return { name, ...DEFAULT_AUDIT_TOOL };
}

/** A working day `workingDays` after today (London). */
export function workingDaysFromToday(workingDays: number): IsoDate {
  const calendar = new BusinessCalendar();
  return calendar.addWorkingDays(calendar.todayInLondon(new Date()), workingDays);
}

export function todayInLondon(): IsoDate {
  return new BusinessCalendar().todayInLondon(new Date());
}

/** A complete return for the default tool. */
export function completeReturn(overall = 'good'): object {
  return {
    domainGrades: Object.fromEntries(
      DEFAULT_AUDIT_TOOL.domains.map((domain, index) => [
        domain.key,
        index % 2 === 0 ? 'good' : 'requires-improvement',
      ]),
    ),
    overallGrade: overall,
    answers: Object.fromEntries(
      DEFAULT_AUDIT_TOOL.domains.flatMap((domain) =>
        domain.questions.map((question) => [question.key, 'Seen and recorded in the file.']),
      ),
    ),
    strengths: 'Timely home visits and good recording.',
    areasForDevelopment: 'Share strategy discussion minutes with health.',
    freeText: 'No further comment.',
  };
}

/** Fictional identifying details for the test cases. */
export const CHILDREN = [
  {
    fullName: 'Amelia Testchild',
    dateOfBirth: '2014-03-09',
    address: '1 Fictional Row, Northshire',
  },
  { fullName: 'Ben Testchild', dateOfBirth: '2016-11-21', address: '2 Fictional Row, Northshire' },
  { fullName: 'Cleo Testchild', dateOfBirth: '2012-06-30', address: '3 Fictional Row, Northshire' },
  { fullName: 'Dara Testchild', dateOfBirth: '2019-01-15', address: '4 Fictional Row, Northshire' },
];

/** A JSON response field read as a list of the shape the test expects. */
export function list<T>(value: unknown): T[] {
  if (!Array.isArray(value)) throw new Error('Expected a list in the response');
  return value as T[];
}
