import { ModulesContainer } from '@nestjs/core';
import request from 'supertest';
import type { InstanceRole, PartnershipRole } from '../../../workflows/shared/roles';
import { adminServices } from '../../../src/cli/commands';
import { Clock, SettableClock } from '../../../src/common/clock';
import { inScope, SYSTEM_SCOPE } from '../../../src/database/tenancy';
import { EngineModule } from '../../../src/engine/engine.module';
import { SYSTEM } from '../../../src/engine/engine.types';
import { WorkflowEngine } from '../../../src/engine/workflow-engine.service';
import { apiToken, dataSourceOf, httpServer } from '../../access/support/access-fixtures';
import { startApp, type AppHarness } from '../../support/app-harness';

export type Who =
  | 'manager'
  | 'officer'
  | 'chair'
  | 'board'
  | 'panelChair'
  | 'policeLead'
  | 'policeColleague'
  | 'healthLead'
  | 'bystander'
  | 'otherManager';

/** Where each person stands: partnership roles, and their membership of the review. */
const PEOPLE: Record<
  Who,
  {
    partnership: 'home' | 'other';
    roles: PartnershipRole[];
    onReview?: { role: InstanceRole; agency?: 'police' | 'health' };
  }
> = {
  manager: { partnership: 'home', roles: ['business-manager'] },
  officer: { partnership: 'home', roles: ['business-officer'] },
  chair: { partnership: 'home', roles: ['partnership-chair'] },
  board: { partnership: 'home', roles: ['board-member'] },
  panelChair: { partnership: 'home', roles: [], onReview: { role: 'panel-chair' } },
  policeLead: {
    partnership: 'home',
    roles: [],
    onReview: { role: 'action-owner', agency: 'police' },
  },
  policeColleague: {
    partnership: 'home',
    roles: [],
    onReview: { role: 'agency-safeguarding-lead', agency: 'police' },
  },
  healthLead: {
    partnership: 'home',
    roles: [],
    onReview: { role: 'agency-safeguarding-lead', agency: 'health' },
  },
  bystander: { partnership: 'home', roles: [] },
  otherManager: { partnership: 'other', roles: ['business-manager'] },
};

export interface ActionsWorld {
  harness: AppHarness;
  /** The clock the engine and the actions module read: set it, never sleep. */
  clock: SettableClock;
  partnershipId: string;
  otherPartnershipId: string;
  agencies: { police: string; health: string; council: string; otherPolice: string };
  people: Record<Who, string>;
  /** A practice review everyone above (but the bystander) is on, in their review role. */
  reviewId: string;
  /** A case file audit of the same partnership that only the business unit can see. */
  auditId: string;
  /** A practice review of the other partnership. */
  otherReviewId: string;
  as(who: Who): Caller;
  close(): Promise<void>;
}

export interface Caller {
  get(path: string): request.Test;
  post(path: string, body?: object, ifMatch?: string): request.Test;
  patch(path: string, body: object, ifMatch?: string): request.Test;
}

/** The real app on a fresh database with two partnerships, their people, agencies and instances. */
export async function buildActionsWorld(start = '2026-04-30T09:00:00Z'): Promise<ActionsWorld> {
  const harness = await startApp();
  const clock = new SettableClock(start);
  jest.spyOn(engineClockOf(harness), 'now').mockImplementation(() => clock.now());

  const dataSource = dataSourceOf(harness);
  const services = adminServices(dataSource);
  const { home, other, agencies, people } = await inScope(
    dataSource,
    SYSTEM_SCOPE,
    async (manager) => {
      const homePartnership = await services.partnerships.create(manager, {
        code: 'RSCP',
        name: 'Riverside Safeguarding Children Partnership',
      });
      const otherPartnership = await services.partnerships.create(manager, {
        code: 'OSCP',
        name: 'Otherton Safeguarding Children Partnership',
      });
      const agency = async (
        partnershipId: string,
        name: string,
        kind: 'police' | 'health' | 'local-authority',
      ) => (await services.agencies.create(manager, partnershipId, { name, kind })).id;
      const ids = {
        police: await agency(homePartnership.id, 'Riverside Police', 'police'),
        health: await agency(homePartnership.id, 'Riverside Health', 'health'),
        council: await agency(homePartnership.id, 'Riverside Council', 'local-authority'),
        otherPolice: await agency(otherPartnership.id, 'Otherton Police', 'police'),
      };
      const personIds = {} as Record<Who, string>;
      for (const [who, spec] of Object.entries(PEOPLE) as Array<[Who, (typeof PEOPLE)[Who]]>) {
        const partnershipId =
          spec.partnership === 'home' ? homePartnership.id : otherPartnership.id;
        const member = await services.people.addMember(manager, partnershipId, {
          email: `${who.toLowerCase()}@example.org`,
          displayName: who.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase()),
        });
        if (spec.roles.length > 0) {
          await services.people.setRoles(manager, partnershipId, member.personId, spec.roles);
        }
        personIds[who] = member.personId;
      }
      return { home: homePartnership, other: otherPartnership, agencies: ids, people: personIds };
    },
  );

  const engine = harness.app.get(WorkflowEngine);
  const review = await engine.start(SYSTEM, {
    partnershipId: home.id,
    definitionKey: 'practice-review',
    title: 'Child H',
    input: {
      pseudonym: 'Child H',
      awareOn: '2026-01-05',
      childLookedAfter: false,
      incidentKind: 'serious-harm',
    },
    members: (Object.entries(PEOPLE) as Array<[Who, (typeof PEOPLE)[Who]]>).flatMap(
      ([who, spec]) =>
        spec.onReview
          ? [
              {
                personId: people[who],
                role: spec.onReview.role,
                agencyId: spec.onReview.agency ? agencies[spec.onReview.agency] : null,
              },
            ]
          : [],
    ),
  });
  const audit = await engine.start(SYSTEM, {
    partnershipId: home.id,
    definitionKey: 'case-file-audit',
    title: 'Neglect audit',
    input: { openedOn: '2026-01-12' },
  });
  const otherReview = await engine.start(SYSTEM, {
    partnershipId: other.id,
    definitionKey: 'practice-review',
    title: 'Child K',
    input: {
      pseudonym: 'Child K',
      awareOn: '2026-01-05',
      childLookedAfter: false,
      incidentKind: 'serious-harm',
    },
  });

  const tokens = {} as Record<Who, string>;
  for (const who of Object.keys(PEOPLE) as Who[])
    tokens[who] = await apiToken(harness, people[who]);
  const server = httpServer(harness);
  const withAuth = (test: request.Test, who: Who, ifMatch?: string) => {
    const authed = test.set('Authorization', `Bearer ${tokens[who]}`);
    return ifMatch === undefined ? authed : authed.set('If-Match', ifMatch);
  };

  return {
    harness,
    clock,
    partnershipId: home.id,
    otherPartnershipId: other.id,
    agencies,
    people,
    reviewId: review.instanceId,
    auditId: audit.instanceId,
    otherReviewId: otherReview.instanceId,
    as: (who) => ({
      get: (path) => withAuth(request(server).get(path), who),
      post: (path, body = {}, ifMatch) =>
        withAuth(request(server).post(path), who, ifMatch).send(body),
      patch: (path, body, ifMatch) =>
        withAuth(request(server).patch(path), who, ifMatch).send(body),
    }),
    close: () => harness.close(),
  };
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

/** Adds a recommendation and one action to it as the business manager; returns the action. */
export async function addAction(
  world: ActionsWorld,
  instanceId: string,
  action: { leadPersonId: string; ownerAgencyId: string; dueOn: string; description?: string },
): Promise<{ id: string; recommendationId: string; version: number; label: string }> {
  const recommendation = await world
    .as('manager')
    .post(`/api/instances/${instanceId}/recommendations`, {
      text: 'Agencies should hear the voice of the child.',
    })
    .expect(201);
  const created = await world
    .as('manager')
    .post(`/api/instances/${instanceId}/recommendations/${recommendation.body.id}/actions`, {
      description: action.description ?? 'Audit strategy discussions for the child’s views.',
      ownerAgencyId: action.ownerAgencyId,
      leadPersonId: action.leadPersonId,
      dueOn: action.dueOn,
    })
    .expect(201);
  return {
    id: created.body.id,
    recommendationId: recommendation.body.id,
    version: created.body.version,
    label: created.body.label,
  };
}
