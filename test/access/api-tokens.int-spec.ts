import request from 'supertest';
import { sha256Hex } from '../../src/auth/secrets';
import { AppHarness, startApp } from '../support/app-harness';
import {
  apiToken,
  controlClock,
  createPartnership,
  dataSourceOf,
  PersonFixture,
  signedInBrowser,
  httpServer,
} from './support/access-fixtures';

const DAY = 24 * 60 * 60 * 1000;

describe('personal API tokens', () => {
  let harness: AppHarness;
  let partnershipId: string;
  let manager: PersonFixture;
  let officer: PersonFixture;

  beforeAll(async () => {
    harness = await startApp();
    const partnership = await createPartnership(dataSourceOf(harness), 'NSCP', [
      { email: 'asha@north.example', name: 'Asha Patel', roles: ['business-manager'] },
      { email: 'tom@north.example', name: 'Tom Reid', roles: ['business-officer'] },
    ]);
    partnershipId = partnership.id;
    [manager, officer] = partnership.people;
  });

  afterAll(async () => {
    await harness.close();
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  const server = () => httpServer(harness);
  const bearer = (token: string) => `Bearer ${token}`;

  async function createToken(personId: string, body: object) {
    const browser = await signedInBrowser(harness, personId);
    return request(server())
      .post('/api/me/tokens')
      .set('Cookie', browser.cookie)
      .set('x-csrf-token', browser.csrfToken)
      .send(body);
  }

  it('shows a new token once, stores only its hash, and lists it without the secret', async () => {
    const created = await createToken(manager.id, { name: 'Nightly export', expiresInDays: 30 });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect(token).toMatch(/^srt_[A-Za-z0-9_-]{43}$/);
    expect(token.startsWith(created.body.prefix)).toBe(true);

    const stored: Array<{ token_hash: string }> = await dataSourceOf(harness).query(
      `SELECT token_hash FROM api_tokens WHERE id = $1`,
      [created.body.id],
    );
    expect(stored).toEqual([{ token_hash: sha256Hex(token) }]);

    const listed = await request(server())
      .get('/api/me/tokens')
      .set('Authorization', bearer(token));
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(token);
    expect(listed.body[0]).toMatchObject({
      id: created.body.id,
      name: 'Nightly export',
      revokedAt: null,
    });
  });

  it('acts as its person, with their permissions only', async () => {
    const token = await apiToken(harness, officer.id);
    const me = await request(server())
      .get('/api/me')
      .set('Authorization', bearer(token))
      .expect(200);
    expect(me.body).toMatchObject({ id: officer.id, authenticatedBy: 'token' });
    const log = await request(server())
      .get(`/api/partnerships/${partnershipId}/access-log`)
      .set('Authorization', bearer(token))
      .expect(403);
    expect(log.body.detail).toBe('Only a business manager can read the access log.');
  });

  it('follows its person’s roles as they change', async () => {
    const changing = await createPartnership(dataSourceOf(harness), 'CSCP', [
      { email: 'cara@change.example', name: 'Cara Change', roles: ['business-manager'] },
    ]);
    const token = await apiToken(harness, changing.people[0].id);
    const readLog = () =>
      request(server())
        .get(`/api/partnerships/${changing.id}/access-log`)
        .set('Authorization', bearer(token));
    await readLog().expect(200);
    await dataSourceOf(harness).query(
      `UPDATE partnership_members SET roles = '{}' WHERE person_id = $1`,
      [changing.people[0].id],
    );
    await readLog().expect(403);
  });

  it('refuses a revoked token', async () => {
    const created = await createToken(manager.id, { name: 'Short-lived', expiresInDays: 1 });
    const token = created.body.token as string;
    await request(server()).get('/api/me').set('Authorization', bearer(token)).expect(200);
    await request(server())
      .delete(`/api/me/tokens/${created.body.id}`)
      .set('Authorization', bearer(token))
      .expect(204);
    const refused = await request(server()).get('/api/me').set('Authorization', bearer(token));
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toMatch(/expired or been revoked/);
  });

  it('refuses a token once it has expired', async () => {
    const clock = controlClock(harness);
    const token = await apiToken(harness, manager.id, 2);
    clock.advance(2 * DAY - 1000);
    await request(server()).get('/api/me').set('Authorization', bearer(token)).expect(200);
    clock.advance(2000);
    await request(server()).get('/api/me').set('Authorization', bearer(token)).expect(401);
  });

  it('refuses forged tokens and malformed authorization headers', async () => {
    for (const header of [bearer(`srt_${'a'.repeat(43)}`), bearer('nonsense'), 'Basic abc']) {
      await request(server()).get('/api/me').set('Authorization', header).expect(401);
    }
  });

  it('lets nobody revoke another person’s token', async () => {
    const created = await createToken(manager.id, { name: 'Mine', expiresInDays: 10 });
    const other = await apiToken(harness, officer.id);
    const response = await request(server())
      .delete(`/api/me/tokens/${created.body.id}`)
      .set('Authorization', bearer(other))
      .expect(404);
    expect(response.body.code).toBe('token-not-found');
    await request(server())
      .get('/api/me')
      .set('Authorization', bearer(created.body.token as string))
      .expect(200);
  });

  it('cannot be used to create more tokens', async () => {
    const token = await apiToken(harness, manager.id);
    const response = await request(server())
      .post('/api/me/tokens')
      .set('Authorization', bearer(token))
      .send({ name: 'Offspring', expiresInDays: 5 })
      .expect(403);
    expect(response.body.code).toBe('session-only');
  });

  it('refuses an expiry beyond one year, naming the field', async () => {
    const response = await createToken(manager.id, { name: 'Forever', expiresInDays: 366 });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      {
        field: 'expiresInDays',
        message: 'expiresInDays must be a whole number of days from 1 to 365',
      },
    ]);
  });
});
