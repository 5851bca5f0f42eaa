import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { AccessLogEntry } from '../../src/access/access-log.entity';
import { AccessLogService } from '../../src/access/access-log.service';
import { AccessContext } from '../../src/access/access-context';
import { inScope, partnershipScope } from '../../src/database/tenancy';
import { Agency } from '../../src/partnerships/agency.entity';
import { PartnershipMember } from '../../src/people/partnership-member.entity';
import { Person } from '../../src/people/person.entity';
import { AppHarness, startApp } from '../support/app-harness';
import {
  apiToken,
  controlClock,
  createPartnership,
  dataSourceOf,
  PersonFixture,
  httpServer,
} from './support/access-fixtures';

describe('need-to-know across partnerships', () => {
  let harness: AppHarness;
  let north: { id: string; people: PersonFixture[] };
  let south: { id: string; people: PersonFixture[] };
  let northManagerToken: string;
  let southManagerToken: string;

  beforeAll(async () => {
    harness = await startApp();
    north = await createPartnership(dataSourceOf(harness), 'NSCP', [
      { email: 'nadia@north.example', name: 'Nadia North', roles: ['business-manager'] },
      { email: 'ned@north.example', name: 'Ned Officer', roles: ['business-officer'] },
      { email: 'rita@reviews.example', name: 'Rita Reviewer' },
    ]);
    south = await createPartnership(dataSourceOf(harness), 'SSCP', [
      { email: 'sol@south.example', name: 'Sol South', roles: ['business-manager'] },
      { email: 'sue@south.example', name: 'Sue Only-South' },
    ]);
    // Rita reviews for both partnerships: one person, two memberships.
    await dataSourceOf(harness).query(
      `INSERT INTO partnership_members (partnership_id, person_id, roles) VALUES ($1, $2, '{business-officer}')`,
      [south.id, north.people[2].id],
    );
    northManagerToken = await apiToken(harness, north.people[0].id);
    southManagerToken = await apiToken(harness, south.people[0].id);
  });

  afterAll(async () => {
    await harness.close();
  });

  const server = () => httpServer(harness);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  it('reads another partnership’s people as not found, exactly like a partnership that does not exist', async () => {
    const other = await request(server())
      .get(`/api/partnerships/${south.id}/people`)
      .set(as(northManagerToken))
      .expect(404);
    const missing = await request(server())
      .get(`/api/partnerships/${randomUUID()}/people`)
      .set(as(northManagerToken))
      .expect(404);
    expect(other.body).toEqual(missing.body);
    expect(JSON.stringify(other.body)).not.toMatch(/SSCP|South/);
  });

  it('refuses writes into another partnership as not found and writes nothing', async () => {
    await request(server())
      .post(`/api/partnerships/${south.id}/agencies`)
      .set(as(northManagerToken))
      .send({ name: 'Smuggled Agency', kind: 'police' })
      .expect(404);
    await request(server())
      .put(`/api/partnerships/${south.id}/people/${south.people[1].id}/roles`)
      .set(as(northManagerToken))
      .send({ roles: ['business-manager'] })
      .expect(404);
    // Through its own partnership's path, a person of another partnership is not found either.
    await request(server())
      .put(`/api/partnerships/${north.id}/people/${south.people[1].id}/roles`)
      .set(as(northManagerToken))
      .send({ roles: ['business-manager'] })
      .expect(404);
    const rows: Array<{ roles: string[] }> = await dataSourceOf(harness).query(
      `SELECT roles FROM partnership_members WHERE person_id = $1`,
      [south.people[1].id],
    );
    expect(rows).toEqual([{ roles: [] }]);
    const smuggled: unknown[] = await dataSourceOf(harness).query(
      `SELECT 1 FROM agencies WHERE name = 'Smuggled Agency'`,
    );
    expect(smuggled).toEqual([]);
  });

  it('refuses an agency of another partnership for a new member', async () => {
    const [southAgency] = await dataSourceOf(harness).query<Array<{ id: string }>>(
      `INSERT INTO agencies (partnership_id, name, kind) VALUES ($1, 'South Police', 'police') RETURNING id`,
      [south.id],
    );
    const response = await request(server())
      .post(`/api/partnerships/${north.id}/people`)
      .set(as(northManagerToken))
      .send({ email: 'newcomer@north.example', displayName: 'New Comer', agencyId: southAgency.id })
      .expect(422);
    expect(response.body.code).toBe('agency-not-found');
  });

  it('shows each partnership only its own members, while a person in two sees both in their account', async () => {
    const northPeople = await request(server())
      .get(`/api/partnerships/${north.id}/people`)
      .set(as(northManagerToken))
      .expect(200);
    expect(
      (northPeople.body as Array<{ email: string }>).map((member) => member.email).sort(),
    ).toEqual(['nadia@north.example', 'ned@north.example', 'rita@reviews.example']);
    const rita = await apiToken(harness, north.people[2].id);
    const me = await request(server()).get('/api/me').set(as(rita)).expect(200);
    expect((me.body.partnerships as Array<{ code: string }>).map((p) => p.code)).toEqual([
      'NSCP',
      'SSCP',
    ]);
    const southPeople = await request(server())
      .get(`/api/partnerships/${south.id}/people`)
      .set(as(rita))
      .expect(200);
    expect(
      (southPeople.body as Array<{ email: string }>).map((member) => member.email).sort(),
    ).toEqual(['rita@reviews.example', 'sol@south.example', 'sue@south.example']);
  });

  it('adds someone who already serves another partnership as the same person', async () => {
    const added = await request(server())
      .post(`/api/partnerships/${north.id}/people`)
      .set(as(northManagerToken))
      .send({ email: 'SUE@south.example', displayName: 'Sue Both' })
      .expect(201);
    expect(added.body).toMatchObject({ personId: south.people[1].id, roles: [] });
    const again = await request(server())
      .post(`/api/partnerships/${north.id}/people`)
      .set(as(northManagerToken))
      .send({ email: 'sue@south.example', displayName: 'Sue Both' })
      .expect(409);
    expect(again.body.code).toBe('already-a-member');
  });

  describe('row-level security when a query forgets its filter', () => {
    const northScope = () => partnershipScope([north.id]);

    it('shows only the scoped partnership’s memberships and people', async () => {
      const [members, people] = await inScope(
        dataSourceOf(harness),
        northScope(),
        async (manager) => [await manager.find(PartnershipMember), await manager.find(Person)],
      );
      expect(new Set(members.map((member) => member.partnershipId))).toEqual(new Set([north.id]));
      expect(people.map((person) => person.email)).not.toContain('sol@south.example');
      expect(people.map((person) => person.email)).toContain('nadia@north.example');
    });

    it('refuses to create a person directly, or an agency in another partnership', async () => {
      await expect(
        inScope(dataSourceOf(harness), northScope(), (manager) =>
          manager.insert(Person, { email: 'direct@north.example', displayName: 'Direct' }),
        ),
      ).rejects.toThrow(/row-level security/);
      await expect(
        inScope(dataSourceOf(harness), northScope(), (manager) =>
          manager.insert(Agency, { partnershipId: south.id, name: 'Sneaky', kind: 'other' }),
        ),
      ).rejects.toThrow(/row-level security/);
    });

    it('keeps sign-in links, sessions and API tokens out of reach of person-scoped work', async () => {
      for (const table of ['sign_in_links', 'sessions', 'api_tokens']) {
        await expect(
          inScope(dataSourceOf(harness), northScope(), (manager) =>
            manager.query(`SELECT count(*) FROM ${table}`),
          ),
        ).rejects.toThrow(/permission denied/);
      }
    });
  });

  describe('the access log of identifying details', () => {
    const recordId = randomUUID();

    beforeAll(async () => {
      const accessLog = harness.app.get(AccessLogService);
      const northAccess: Pick<AccessContext, 'principal' | 'partnershipId'> = {
        partnershipId: north.id,
        principal: {
          personId: north.people[1].id,
          displayName: 'Ned Officer',
          memberships: [{ partnershipId: north.id, agencyId: null, roles: ['business-officer'] }],
          authenticatedBy: 'session',
        },
      };
      const clock = controlClock(harness, new Date('2026-03-02T09:00:00Z'));
      for (const action of ['view', 'export'] as const) {
        await inScope(dataSourceOf(harness), partnershipScope([north.id]), (manager) =>
          accessLog.record(manager, northAccess, {
            recordKind: 'case-identifiers',
            recordId,
            action,
          }),
        );
        clock.advance(60_000);
      }
      jest.restoreAllMocks();
    });

    it('tells the business manager who viewed or exported what, and when, newest first', async () => {
      const response = await request(server())
        .get(`/api/partnerships/${north.id}/access-log`)
        .set(as(northManagerToken))
        .expect(200);
      expect(response.body).toEqual([
        expect.objectContaining({
          action: 'export',
          occurredAt: '2026-03-02T09:01:00.000Z',
          person: { id: north.people[1].id, displayName: 'Ned Officer' },
          recordKind: 'case-identifiers',
          recordId,
        }),
        expect.objectContaining({ action: 'view', occurredAt: '2026-03-02T09:00:00.000Z' }),
      ]);
    });

    it('is the business manager’s alone', async () => {
      const officer = await apiToken(harness, north.people[1].id);
      const refused = await request(server())
        .get(`/api/partnerships/${north.id}/access-log`)
        .set(as(officer))
        .expect(403);
      expect(refused.body.detail).toBe('Only a business manager can read the access log.');
    });

    it('shows another partnership’s business manager nothing of it', async () => {
      await request(server())
        .get(`/api/partnerships/${north.id}/access-log`)
        .set(as(southManagerToken))
        .expect(404);
      const own = await request(server())
        .get(`/api/partnerships/${south.id}/access-log`)
        .set(as(southManagerToken))
        .expect(200);
      expect(own.body).toEqual([]);
      const unfiltered = await inScope(
        dataSourceOf(harness),
        partnershipScope([south.id]),
        (manager) => manager.count(AccessLogEntry),
      );
      expect(unfiltered).toBe(0);
    });

    it('cannot be changed or deleted by person-scoped work', async () => {
      for (const statement of [`UPDATE access_log SET action = 'view'`, `DELETE FROM access_log`]) {
        await expect(
          inScope(dataSourceOf(harness), partnershipScope([north.id]), (manager) =>
            manager.query(statement),
          ),
        ).rejects.toThrow(/permission denied/);
      }
    });
  });
});
