import type { Server } from 'node:http';
import { ModulesContainer } from '@nestjs/core';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { PartnershipRole } from '../../../workflows/shared/roles';
import { BusinessCalendar, type IsoDate } from '../../../src/calendar';
import { adminServices } from '../../../src/cli/commands';
import { Clock, SettableClock } from '../../../src/common/clock';
import { inScope, SYSTEM_SCOPE } from '../../../src/database/tenancy';
import { EngineModule } from '../../../src/engine/engine.module';
import type { AgencyKind } from '../../../src/partnerships/agency.entity';
import { apiToken, dataSourceOf, httpServer } from '../../access/support/access-fixtures';
import { startApp, type AppHarness } from '../../support/app-harness';

export type AgencyKey = 'police' | 'health' | 'council';

const AGENCIES: Record<AgencyKey, [string, AgencyKind]> = {
  police: ['Police', 'police'],
  health: ['Integrated Care Board', 'health'],
  council: ['Council Children’s Services', 'local-authority'],
};

/** Everyone the review tests act as; agency people belong to their agency in the partnership. */
const PEOPLE = {
  manager: { name: 'Asha Manager', roles: ['business-manager'] },
  officer: { name: 'Tom Officer', roles: ['business-officer'] },
  chair: { name: 'Helen Chair', roles: ['partnership-chair'] },
  partner: { name: 'Grace Partner', roles: ['lead-safeguarding-partner'] },
  board: { name: 'Peter Board', roles: ['board-member'] },
  panelChair: { name: 'Cara Panelchair', roles: [] },
  panelMember: { name: 'Mo Panelmember', roles: [] },
  reviewer: { name: 'Morgan Reviewer', roles: [] },
  policeLead: { name: 'Sam Policelead', roles: [], agency: 'police' },
  healthLead: { name: 'Priya Healthlead', roles: [], agency: 'health' },
  outsider: { name: 'Olu Outsider', roles: [] },
} satisfies Record<string, { name: string; roles: PartnershipRole[]; agency?: AgencyKey }>;

export type PersonKey = keyof typeof PEOPLE;

/** Calls the API as one person, with their own API token. */
export class Api {
  constructor(
    private readonly server: Server,
    private readonly token: string,
  ) {}

  get(path: string): request.Test {
    return this.with(request(this.server).get(path));
  }

  post(path: string, body: object = {}, headers: Record<string, string> = {}): request.Test {
    return this.with(request(this.server).post(path), headers).send(body);
  }

  put(path: string, body: object, headers: Record<string, string> = {}): request.Test {
    return this.with(request(this.server).put(path), headers).send(body);
  }

  /** A workflow step on a review, optionally naming the version it expects. */
  event(instanceId: string, type: string, payload: object = {}, version?: number): request.Test {
    return this.post(
      `/api/reviews/${instanceId}/events`,
      { type, payload },
      version === undefined ? {} : { 'If-Match': `"${version}"` },
    );
  }

  private with(test: request.Test, headers: Record<string, string> = {}): request.Test {
    let call = test.set('Authorization', `Bearer ${this.token}`);
    for (const [name, value] of Object.entries(headers)) call = call.set(name, value);
    return call;
  }
}

export interface Person {
  id: string;
  email: string;
  name: string;
  api: Api;
}

export interface ReviewPartnership {
  id: string;
  code: string;
  agencies: Record<AgencyKey, string>;
  people: Record<PersonKey, Person>;
}

export interface ReviewWorld extends ReviewPartnership {
  harness: AppHarness;
  dataSource: DataSource;
  /** The clock the engine and the reviews module read: set it, never sleep. */
  clock: SettableClock;
  calendar: BusinessCalendar;
  /** Sets the engine's clock to 10:00 in London on `date`. */
  on(date: IsoDate): void;
  /** Another partnership of the same deployment, with its own agencies and people. */
  partnership(code: string): Promise<ReviewPartnership>;
  close(): Promise<void>;
}

/**
 * The real HTTP app on a fresh database with a partnership for reviews, everyone in it holding an
 * API token, and the engine's clock under the test's control (sign-in keeps the real time).
 */
export async function startReviewWorld(
  options: { code?: string; start?: string; env?: Record<string, string> } = {},
): Promise<ReviewWorld> {
  const harness = await startApp(options.env ?? {});
  const dataSource = dataSourceOf(harness);
  const calendar = new BusinessCalendar();
  const clock = new SettableClock(options.start ?? new Date());
  jest.spyOn(engineClockOf(harness), 'now').mockImplementation(() => clock.now());
  const made = await makePartnership(harness, options.code ?? 'MSCP');
  return {
    ...made,
    harness,
    dataSource,
    clock,
    calendar,
    on: (date) => clock.set(calendar.londonWallClockToUtc(date, 10)),
    partnership: (code) => makePartnership(harness, code),
    close: () => harness.close(),
  };
}

async function makePartnership(harness: AppHarness, code: string): Promise<ReviewPartnership> {
  const dataSource = dataSourceOf(harness);
  const services = adminServices(dataSource);
  const made = await inScope(dataSource, SYSTEM_SCOPE, async (manager) => {
    const partnership = await services.partnerships.create(manager, {
      code,
      name: `${code} Safeguarding Children Partnership`,
    });
    const agencies = {} as Record<AgencyKey, string>;
    for (const [key, [name, kind]] of Object.entries(AGENCIES) as Array<
      [AgencyKey, [string, AgencyKind]]
    >) {
      agencies[key] = (
        await services.agencies.create(manager, partnership.id, { name: `${code} ${name}`, kind })
      ).id;
    }
    const people = {} as Record<PersonKey, { id: string; email: string; name: string }>;
    for (const [key, person] of Object.entries(PEOPLE) as Array<
      [PersonKey, { name: string; roles: PartnershipRole[]; agency?: AgencyKey }]
    >) {
      const email = `${key.toLowerCase()}@${code.toLowerCase()}.example`;
      const member = await services.people.addMember(manager, partnership.id, {
        email,
        displayName: `${person.name} (${code})`,
        agencyId: person.agency ? agencies[person.agency] : null,
      });
      if (person.roles.length > 0) {
        await services.people.setRoles(manager, partnership.id, member.personId, person.roles);
      }
      people[key] = { id: member.personId, email, name: person.name };
    }
    return { id: partnership.id, code, agencies, people };
  });
  const server = httpServer(harness);
  const people = {} as Record<PersonKey, Person>;
  for (const [key, person] of Object.entries(made.people) as Array<
    [PersonKey, { id: string; email: string; name: string }]
  >) {
    people[key] = { ...person, api: new Api(server, await apiToken(harness, person.id)) };
  }
  return { ...made, people };
}

/** The clock the (global, dynamic) engine module provides to the engine and feature modules. */
function engineClockOf(harness: AppHarness): Clock {
  const engineModule = [...harness.app.get(ModulesContainer).values()].find(
    (module) => module.metatype === EngineModule,
  );
  const clock: unknown = engineModule?.getProviderByKey(Clock)?.instance;
  if (!(clock instanceof Clock)) throw new Error('The app has no engine clock');
  return clock;
}

/** The details a practice review starts from. */
export function incident(awareOn: IsoDate, pseudonym = 'Child H'): Record<string, unknown> {
  return { pseudonym, awareOn, childLookedAfter: false, incidentKind: 'serious-harm' };
}

/** Fictional identifying details: no real child's. */
export const FICTIONAL_CHILD = {
  fullName: 'Harry Example',
  dateOfBirth: '2015-04-01',
  address: '1 Example Street, Exampletown',
};

/** The open tasks of a review, by step key, with their due dates (and agency, for agency tasks). */
export function tasksOf(view: {
  openTasks: Array<{
    stepKey: string;
    dueOn: string | null;
    assignee: { agencyId: string | null };
  }>;
}): Array<[string, string | null, string | null]> {
  return view.openTasks
    .map((task): [string, string | null, string | null] => [
      task.stepKey,
      task.dueOn,
      task.assignee.agencyId,
    ])
    .sort(byStepThenAgency);
}

function byStepThenAgency(
  a: [string, string | null, string | null],
  b: [string, string | null, string | null],
): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  return (a[2] ?? '') < (b[2] ?? '') ? -1 : (a[2] ?? '') > (b[2] ?? '') ? 1 : 0;
}

/** Polls `read` until `done` holds for what it returns (never a fixed sleep), or fails. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Not done within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A Redis database of the test file's own, so workers of other test files never take its jobs. */
export function isolatedRedisUrl(database: number): string {
  const url = new URL(process.env.REDIS_URL ?? '');
  url.pathname = `/${database}`;
  return url.toString();
}

/** A review as `GET /api/reviews/:instanceId` returns it, as far as the tests read it. */
export interface ReviewBody {
  id: string;
  partnershipId: string;
  reference: string;
  kind: string;
  title: string;
  pseudonym: string | null;
  status: string;
  stage: string | null;
  version: number;
  rag: string | null;
  dates: Record<string, string>;
  timescales: Array<{ key: string; label: string; rag: string; running: boolean }>;
  openTasks: Array<{
    stepKey: string;
    dueOn: string | null;
    assignee: { agencyId: string | null };
  }>;
  deadlines: Array<{ stepKey: string; dueOn: string; overdue: boolean; workingDaysLeft: number }>;
  timeline: Array<{ type: string }>;
  members: Array<{ personId: string; displayName: string; role: string }>;
  linkedReviews: Array<{
    relation: string;
    id: string;
    visible: boolean;
    reference: string | null;
    kind: string | null;
    timeline: Array<{ type: string }>;
  }>;
  contributingPartnerships: Array<{ partnershipId: string; code: string; name: string }>;
}

export async function readReview(person: Person, id: string): Promise<ReviewBody> {
  return (await person.api.get(`/api/reviews/${id}`).expect(200)).body as ReviewBody;
}

/** The fields a problem response names. */
export function fieldsOf(body: unknown): string[] {
  return ((body as { errors?: Array<{ field: string }> }).errors ?? []).map((error) => error.field);
}

/** The event types of a timeline, in order. */
export function typesOf(timeline: ReadonlyArray<{ type: string }>): string[] {
  return timeline.map((entry) => entry.type);
}
