import request from 'supertest';
import { AppHarness, startApp } from '../support/app-harness';
import {
  apiToken,
  createPartnership,
  dataSourceOf,
  sessionCookie,
  signedInBrowser,
  httpServer,
} from './support/access-fixtures';

describe('cross-site request forgery protection', () => {
  let harness: AppHarness;
  let partnershipId: string;
  let managerId: string;

  beforeAll(async () => {
    harness = await startApp();
    const partnership = await createPartnership(dataSourceOf(harness), 'NSCP', [
      { email: 'asha@north.example', name: 'Asha Patel', roles: ['business-manager'] },
    ]);
    partnershipId = partnership.id;
    managerId = partnership.people[0].id;
  });

  afterAll(async () => {
    await harness.close();
  });

  const server = () => httpServer(harness);
  const agencies = () => `/api/partnerships/${partnershipId}/agencies`;

  async function agencyNames(): Promise<string[]> {
    const rows: Array<{ name: string }> = await dataSourceOf(harness).query(
      `SELECT name FROM agencies WHERE partnership_id = $1 ORDER BY name`,
      [partnershipId],
    );
    return rows.map((row) => row.name);
  }

  it('refuses a cookie-authenticated post without a CSRF token, and changes nothing', async () => {
    const cookie = await sessionCookie(harness, managerId);
    const response = await request(server())
      .post(agencies())
      .set('Cookie', cookie)
      .send({ name: 'Forged Agency', kind: 'police' })
      .expect(403);
    expect(response.body).toMatchObject({ status: 403, code: 'csrf' });
    expect(await agencyNames()).not.toContain('Forged Agency');
  });

  it('refuses a token that belongs to another session of the same person', async () => {
    const first = await signedInBrowser(harness, managerId);
    const second = await signedInBrowser(harness, managerId);
    const secondSession = second.cookie.split('; ')[0];
    const firstCsrfCookie = first.cookie.split('; ')[1];
    const response = await request(server())
      .post(agencies())
      .set('Cookie', `${secondSession}; ${firstCsrfCookie}`)
      .set('x-csrf-token', first.csrfToken)
      .send({ name: 'Crossed Agency', kind: 'police' })
      .expect(403);
    expect(response.body.code).toBe('csrf');
    expect(await agencyNames()).not.toContain('Crossed Agency');
  });

  it('refuses a header token without its cookie', async () => {
    const browser = await signedInBrowser(harness, managerId);
    const response = await request(server())
      .post(agencies())
      .set('Cookie', browser.cookie.split('; ')[0])
      .set('x-csrf-token', browser.csrfToken)
      .send({ name: 'Half Agency', kind: 'police' })
      .expect(403);
    expect(response.body.code).toBe('csrf');
  });

  it('accepts the token in the x-csrf-token header', async () => {
    const browser = await signedInBrowser(harness, managerId);
    await request(server())
      .post(agencies())
      .set('Cookie', browser.cookie)
      .set('x-csrf-token', browser.csrfToken)
      .send({ name: 'Header Agency', kind: 'police' })
      .expect(201);
    expect(await agencyNames()).toContain('Header Agency');
  });

  it('accepts the token as the _csrf field of a form post', async () => {
    const browser = await signedInBrowser(harness, managerId);
    await request(server())
      .post(agencies())
      .set('Cookie', browser.cookie)
      .type('form')
      .send({ _csrf: browser.csrfToken, name: 'Form Agency', kind: 'health' })
      .expect(201);
    expect(await agencyNames()).toContain('Form Agency');
  });

  it('does not ask requests with an API token for one', async () => {
    const token = await apiToken(harness, managerId);
    await request(server())
      .post(agencies())
      .set('Authorization', `Bearer ${token}`)
      .send({ name: 'Script Agency', kind: 'education' })
      .expect(201);
  });
});
