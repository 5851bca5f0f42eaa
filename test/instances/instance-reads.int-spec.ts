import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { BusinessCalendar } from '../../src/calendar';
import { WorkflowEngine } from '../../src/engine/workflow-engine.service';
import { AppHarness, startApp } from '../support/app-harness';
import {
  createPartnership,
  dataSourceOf,
  httpServer,
  PersonFixture,
} from '../access/support/access-fixtures';
import { as, signIn, SignedIn, startPracticeReview } from './support/instance-fixtures';

interface Page {
  items: Array<{ id: string; stage: string | null; nextDueOn: string | null; version: number }>;
  total: number;
  limit: number;
  offset: number;
}

interface MyTasksBody {
  asOf: string;
  counts: Record<'overdue' | 'dueThisWeek' | 'later', number>;
  groups: Record<
    'overdue' | 'dueThisWeek' | 'later',
    Array<{
      id: string;
      stepKey: string;
      title: string;
      dueOn: string | null;
      instance: { id: string; partnershipId: string; reference: string; title: string };
    }>
  >;
  truncated: boolean;
}

const calendar = new BusinessCalendar();
const today = calendar.todayInLondon(new Date());

describe('reading audits and reviews through the API', () => {
  let harness: AppHarness;
  let northId: string;
  let people: Record<string, PersonFixture>;
  let signedIn: Record<string, SignedIn>;
  /** Notification due 3 working days ago: overdue. Chair and police lead are members. */
  let overdueReview: { instanceId: string; reference: string };
  /** Notification due in 3 working days; nobody is a member. */
  let currentReview: { instanceId: string; reference: string };
  /** Past notification: its rapid review is due in 15 working days. */
  let laterReview: { instanceId: string; reference: string };
  let southReview: string;

  const caller = (name: string) => as(harness, signedIn[name]);

  beforeAll(async () => {
    harness = await startApp();
    const north = await createPartnership(dataSourceOf(harness), 'NSCP', [
      { email: 'manager@north.example', name: 'Nia Manager', roles: ['business-manager'] },
      { email: 'lead@north.example', name: 'Lee Partner', roles: ['lead-safeguarding-partner'] },
      { email: 'board@north.example', name: 'Bo Board', roles: ['board-member'] },
      { email: 'chair@north.example', name: 'Cai Chair' },
      { email: 'police@north.example', name: 'Pat Police' },
      { email: 'bystander@north.example', name: 'Bea Bystander' },
    ]);
    const south = await createPartnership(dataSourceOf(harness), 'SSCP', [
      { email: 'manager@south.example', name: 'Sam South', roles: ['business-manager'] },
    ]);
    northId = north.id;
    const [manager, lead, board, chair, police, bystander] = north.people;
    people = { manager, lead, board, chair, police, bystander, south: south.people[0] };
    signedIn = {};
    for (const [name, person] of Object.entries(people)) {
      signedIn[name] = await signIn(harness, person);
    }

    overdueReview = await startPracticeReview(harness.app, {
      partnershipId: north.id,
      awareOn: calendar.subtractWorkingDays(today, 8),
      members: [
        { personId: chair.id, role: 'panel-chair' },
        { personId: police.id, role: 'agency-safeguarding-lead' },
      ],
    });
    currentReview = await startPracticeReview(harness.app, {
      partnershipId: north.id,
      title: 'Child J',
      awareOn: calendar.subtractWorkingDays(today, 2),
    });
    laterReview = await startPracticeReview(harness.app, {
      partnershipId: north.id,
      title: 'Child K',
      awareOn: calendar.subtractWorkingDays(today, 1),
    });
    await harness.app.get(WorkflowEngine).send({ personId: manager.id }, laterReview.instanceId, {
      type: 'SERIOUS_INCIDENT_NOTIFIED',
      payload: { sentOn: today },
    });
    southReview = (
      await startPracticeReview(harness.app, {
        partnershipId: south.id,
        awareOn: today,
        members: [{ personId: chair.id, role: 'panel-chair' }],
      })
    ).instanceId;
  });

  afterAll(async () => {
    await harness.close();
  });

  const listIds = async (name: string, query = ''): Promise<string[]> => {
    const response = await caller(name)
      .get(`/api/partnerships/${northId}/instances${query}`)
      .expect(200);
    return (response.body as Page).items.map((item) => item.id).sort();
  };

  describe('who sees which', () => {
    it('lists every one of the partnership’s to the business manager and a lead partner', async () => {
      const all = [overdueReview, currentReview, laterReview].map((r) => r.instanceId).sort();
      expect(await listIds('manager')).toEqual(all);
      expect(await listIds('lead')).toEqual(all);
    });

    it('lists to a member only the ones they sit on', async () => {
      expect(await listIds('chair')).toEqual([overdueReview.instanceId]);
      expect(await listIds('police')).toEqual([overdueReview.instanceId]);
    });

    it('lists none to someone of the partnership who sits on none, nor to a board member', async () => {
      expect(await listIds('bystander')).toEqual([]);
      expect(await listIds('board')).toEqual([]);
    });

    it('reads another partnership’s list as not found', async () => {
      const response = await caller('south')
        .get(`/api/partnerships/${northId}/instances`)
        .expect(404);
      expect(response.body).toMatchObject({ status: 404, code: 'not-found' });
    });

    it('shows an instance to its members and the whole-partnership roles, with its version as ETag', async () => {
      for (const name of ['manager', 'lead', 'chair', 'police']) {
        const response = await caller(name)
          .get(`/api/instances/${overdueReview.instanceId}`)
          .expect(200);
        expect(response.headers.etag).toBe('"1"');
        expect(response.body).toMatchObject({
          id: overdueReview.instanceId,
          reference: overdueReview.reference,
          version: 1,
        });
      }
    });

    it('reads an instance as not found to a board member, a bystander and another partnership, exactly like a missing one', async () => {
      const missing = await caller('manager').get(`/api/instances/${randomUUID()}`).expect(404);
      for (const name of ['board', 'bystander', 'south']) {
        for (const path of ['', '/timeline']) {
          const response = await caller(name)
            .get(`/api/instances/${overdueReview.instanceId}${path}`)
            .expect(404);
          expect(response.body).toEqual(missing.body);
        }
      }
      const southByNorth = await caller('manager').get(`/api/instances/${southReview}`).expect(404);
      expect(southByNorth.body).toEqual(missing.body);
    });

    it('gives a board member the partnership’s counts (reports) though not the instances', async () => {
      const response = await caller('board')
        .get(`/api/partnerships/${northId}/instance-counts`)
        .expect(200);
      expect(response.body).toEqual({
        asOf: today,
        counts: [
          {
            definitionKey: 'practice-review',
            stage: 'Rapid review',
            status: 'live',
            instances: 1,
            overdue: 0,
          },
          {
            definitionKey: 'practice-review',
            stage: 'Serious incident notification',
            status: 'live',
            instances: 2,
            overdue: 1,
          },
        ],
      });
    });

    it('refuses the counts to someone without a reporting role, with the reason', async () => {
      const response = await caller('bystander')
        .get(`/api/partnerships/${northId}/instance-counts`)
        .expect(403);
      expect(response.body.detail).toMatch(/^Only the business unit, the partnership chair/);
    });
  });

  describe('the list', () => {
    it('filters by stage, overdue and definition, and pages with a total', async () => {
      expect(await listIds('manager', '?stage=Rapid%20review')).toEqual([laterReview.instanceId]);
      expect(await listIds('manager', '?stage=Serious%20incident%20notification')).toEqual(
        [overdueReview.instanceId, currentReview.instanceId].sort(),
      );
      expect(await listIds('manager', '?overdue=true')).toEqual([overdueReview.instanceId]);
      expect(await listIds('manager', '?overdue=false')).toEqual(
        [currentReview.instanceId, laterReview.instanceId].sort(),
      );
      expect(await listIds('manager', '?definition=case-file-audit')).toEqual([]);
      expect(await listIds('manager', '?status=closed')).toEqual([]);
      expect(await listIds('manager', '?status=live&definition=practice-review')).toHaveLength(3);

      const first = await caller('manager')
        .get(`/api/partnerships/${northId}/instances?limit=2`)
        .expect(200);
      const second = await caller('manager')
        .get(`/api/partnerships/${northId}/instances?limit=2&offset=2`)
        .expect(200);
      const pages = [first.body as Page, second.body as Page];
      expect(pages.map((page) => [page.items.length, page.total, page.offset])).toEqual([
        [2, 3, 0],
        [1, 3, 2],
      ]);
      expect(new Set(pages.flatMap((page) => page.items.map((item) => item.id))).size).toBe(3);
    });

    it('shows each one’s stage and next due date', async () => {
      const response = await caller('chair').get(`/api/partnerships/${northId}/instances`);
      expect((response.body as Page).items).toEqual([
        expect.objectContaining({
          id: overdueReview.instanceId,
          stage: 'Serious incident notification',
          nextDueOn: calendar.subtractWorkingDays(today, 3),
          status: 'live',
          definitionKey: 'practice-review',
        }),
      ]);
    });

    it('names each bad filter', async () => {
      const response = await caller('manager')
        .get(`/api/partnerships/${northId}/instances?overdue=soon&limit=0&colour=red`)
        .expect(400);
      const fields = (response.body as { errors: Array<{ field: string }> }).errors.map(
        (error) => error.field,
      );
      expect(fields).toEqual(expect.arrayContaining(['overdue', 'limit', 'colour']));
    });
  });

  describe('one instance', () => {
    it('shows its stage, open tasks with due dates and holders, members and the events the reader may send', async () => {
      const chair = await caller('chair').get(`/api/instances/${overdueReview.instanceId}`);
      expect(chair.body).toMatchObject({
        state: 'notification',
        stage: 'Serious incident notification',
        status: 'live',
        definition: { key: 'practice-review', version: 1 },
        openTasks: [
          {
            stepKey: 'serious-incident-notification',
            dueOn: calendar.subtractWorkingDays(today, 3),
            assignee: { kind: 'partnership-role', role: 'business-manager' },
            holders: [{ personId: people.manager.id, displayName: 'Nia Manager' }],
          },
        ],
      });
      expect(chair.body.members).toEqual(
        expect.arrayContaining([
          {
            personId: people.chair.id,
            displayName: 'Cai Chair',
            role: 'panel-chair',
            agencyId: null,
          },
          {
            personId: people.police.id,
            displayName: 'Pat Police',
            role: 'agency-safeguarding-lead',
            agencyId: null,
          },
        ]),
      );
      expect(chair.body.members).toHaveLength(2);
      expect(chair.body.acceptedEvents).toEqual(
        expect.arrayContaining(['SERIOUS_INCIDENT_NOTIFIED', 'INCIDENT_DETAILS_CORRECTED']),
      );
      // The chair may see what the stage accepts, but the business unit records the notification.
      expect(chair.body.availableEvents).not.toContain('SERIOUS_INCIDENT_NOTIFIED');
      const manager = await caller('manager').get(`/api/instances/${overdueReview.instanceId}`);
      expect(manager.body.availableEvents).toContain('SERIOUS_INCIDENT_NOTIFIED');
    });

    it('tells who did what when, from which state to which', async () => {
      const response = await caller('manager')
        .get(`/api/instances/${laterReview.instanceId}/timeline`)
        .expect(200);
      expect(response.body).toEqual([
        expect.objectContaining({
          version: 1,
          type: 'engine.started',
          actor: { kind: 'system', personId: null, displayName: null },
          from: null,
          to: 'notification',
        }),
        expect.objectContaining({
          version: 2,
          type: 'SERIOUS_INCIDENT_NOTIFIED',
          actor: { kind: 'person', personId: people.manager.id, displayName: 'Nia Manager' },
          from: 'notification',
          to: { rapidReview: 'requestingSummaries' },
        }),
      ]);
    });
  });

  describe('my tasks', () => {
    it('groups the business manager’s open tasks into overdue, due this week and later, with the instance’s reference and title', async () => {
      const response = await caller('manager').get('/api/me/tasks').expect(200);
      const body = response.body as MyTasksBody;
      const summary = (group: keyof MyTasksBody['groups']) =>
        body.groups[group].map((task) => [task.instance.reference, task.stepKey, task.dueOn]);
      expect(body.asOf).toBe(today);
      expect(summary('overdue')).toEqual([
        [
          overdueReview.reference,
          'serious-incident-notification',
          calendar.subtractWorkingDays(today, 3),
        ],
      ]);
      expect(summary('dueThisWeek')).toEqual([
        [
          currentReview.reference,
          'serious-incident-notification',
          calendar.addWorkingDays(calendar.subtractWorkingDays(today, 2), 5),
        ],
      ]);
      expect(summary('later')).toEqual([
        [laterReview.reference, 'rapid-review', calendar.addWorkingDays(today, 15)],
        [laterReview.reference, 'request-agency-summaries', null],
      ]);
      expect(body.counts).toEqual({ overdue: 1, dueThisWeek: 1, later: 2 });
      expect(body.groups.later[0].instance).toEqual({
        id: laterReview.instanceId,
        partnershipId: northId,
        reference: laterReview.reference,
        title: 'Child K',
      });
      expect(body.truncated).toBe(false);
    });

    it('gives each person only the tasks they hold: none to a panel chair in notification or a board member', async () => {
      const chair = (await caller('chair').get('/api/me/tasks').expect(200)).body as MyTasksBody;
      expect(chair.counts).toEqual({ overdue: 0, dueThisWeek: 0, later: 0 });
      const south = (await caller('south').get('/api/me/tasks').expect(200)).body as MyTasksBody;
      expect(
        [...south.groups.overdue, ...south.groups.dueThisWeek, ...south.groups.later].map(
          (task) => task.instance.id,
        ),
      ).toEqual([southReview]);
      const board = (await caller('board').get('/api/me/tasks').expect(200)).body as MyTasksBody;
      expect(board.counts).toEqual({ overdue: 0, dueThisWeek: 0, later: 0 });
    });

    it('needs someone signed in', async () => {
      await request(httpServer(harness)).get('/api/me/tasks').expect(401);
    });
  });

  it('documents every instances route in OpenAPI, with the command headers', async () => {
    const response = await request(httpServer(harness)).get('/api/openapi.json').expect(200);
    const paths = response.body.paths as Record<
      string,
      Record<string, { parameters?: Array<{ name: string; in: string }> }>
    >;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/api/partnerships/{partnershipId}/instances',
        '/api/partnerships/{partnershipId}/instance-counts',
        '/api/instances/{instanceId}',
        '/api/instances/{instanceId}/timeline',
        '/api/instances/{instanceId}/events',
        '/api/instances/{instanceId}/members/{personId}',
        '/api/me/tasks',
      ]),
    );
    for (const operation of [
      paths['/api/instances/{instanceId}/events'].post,
      paths['/api/instances/{instanceId}/members/{personId}'].put,
      paths['/api/instances/{instanceId}/members/{personId}'].delete,
    ]) {
      const headers = (operation.parameters ?? []).filter((p) => p.in === 'header');
      expect(headers.map((p) => p.name).sort()).toEqual(['Idempotency-Key', 'If-Match']);
    }
  });
});
