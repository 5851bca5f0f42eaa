import request from 'supertest';
import { AppHarness, startApp } from '../support/app-harness';
import {
  apiToken,
  createPartnership,
  dataSourceOf,
  httpServer,
  PersonFixture,
} from './support/access-fixtures';

describe('people administration by the business unit', () => {
  let harness: AppHarness;
  let partnershipId: string;
  let manager: PersonFixture;
  let managerToken: string;
  let officerToken: string;

  beforeAll(async () => {
    harness = await startApp();
    const partnership = await createPartnership(dataSourceOf(harness), 'NSCP', [
      { email: 'asha@north.example', name: 'Asha Patel', roles: ['business-manager'] },
      { email: 'tom@north.example', name: 'Tom Reid', roles: ['business-officer'] },
    ]);
    partnershipId = partnership.id;
    [manager] = partnership.people;
    managerToken = await apiToken(harness, manager.id);
    officerToken = await apiToken(harness, partnership.people[1].id);
  });

  afterAll(async () => {
    await harness.close();
  });

  const api = (path: string) => `/api/partnerships/${partnershipId}${path}`;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  it('adds an agency and a person representing it, whom the business manager then makes chair', async () => {
    const agency = await request(httpServer(harness))
      .post(api('/agencies'))
      .set(as(officerToken))
      .send({ name: 'North Police', kind: 'police' })
      .expect(201);
    const person = await request(httpServer(harness))
      .post(api('/people'))
      .set(as(officerToken))
      .send({ email: 'Pat@Police.example', displayName: 'Pat Kaur', agencyId: agency.body.id })
      .expect(201);
    expect(person.body).toMatchObject({
      email: 'pat@police.example',
      displayName: 'Pat Kaur',
      agencyId: agency.body.id,
      roles: [],
      active: true,
    });
    const refused = await request(httpServer(harness))
      .put(api(`/people/${person.body.personId}/roles`))
      .set(as(officerToken))
      .send({ roles: ['partnership-chair'] })
      .expect(403);
    expect(refused.body.detail).toBe('Only a business manager can grant partnership roles.');
    const granted = await request(httpServer(harness))
      .put(api(`/people/${person.body.personId}/roles`))
      .set(as(managerToken))
      .send({ roles: ['partnership-chair'] })
      .expect(200);
    expect(granted.body.roles).toEqual(['partnership-chair']);
  });

  it('refuses a second agency of the same name with 409', async () => {
    await request(httpServer(harness))
      .post(api('/agencies'))
      .set(as(managerToken))
      .send({ name: 'North ICB', kind: 'health' })
      .expect(201);
    const again = await request(httpServer(harness))
      .post(api('/agencies'))
      .set(as(managerToken))
      .send({ name: 'North ICB', kind: 'health' })
      .expect(409);
    expect(again.body.code).toBe('agency-name-taken');
  });

  it('names each field that is wrong', async () => {
    const response = await request(httpServer(harness))
      .post(api('/people'))
      .set(as(managerToken))
      .send({ email: 'not-an-address', displayName: '', roles: ['business-manager'] })
      .expect(400);
    expect(
      (response.body.errors as Array<{ field: string }>).map((error) => error.field).sort(),
    ).toEqual(['displayName', 'email', 'roles']);
  });

  it('refuses to leave the partnership without a business manager, and changes nothing', async () => {
    const response = await request(httpServer(harness))
      .put(api(`/people/${manager.id}/roles`))
      .set(as(managerToken))
      .send({ roles: ['business-officer'] })
      .expect(409);
    expect(response.body.code).toBe('last-business-manager');
    const me = await request(httpServer(harness)).get('/api/me').set(as(managerToken)).expect(200);
    expect(me.body.partnerships[0].roles).toEqual(['business-manager']);
  });
});
