import request from 'supertest';
import { sha256Hex } from '../../src/auth/secrets';
import { SIGN_IN_ACCEPTED } from '../../src/auth/auth.controller';
import { AppHarness, startApp } from '../support/app-harness';
import {
  controlClock,
  COOKIES,
  createPartnership,
  dataSourceOf,
  nextMailTo,
  PersonFixture,
  setCookies,
  signInLink,
  withCsrf,
  httpServer,
} from './support/access-fixtures';

const MINUTE = 60_000;

describe('sign-in by emailed link', () => {
  let harness: AppHarness;
  let asha: PersonFixture;
  let tom: PersonFixture;

  beforeAll(async () => {
    harness = await startApp();
    const partnership = await createPartnership(dataSourceOf(harness), 'NSCP', [
      { email: 'asha@north.example', name: 'Asha Patel', roles: ['business-manager'] },
      { email: 'tom@north.example', name: 'Tom Reid' },
      { email: 'una@north.example', name: 'Una Used' },
      { email: 'erin@north.example', name: 'Erin Expiry' },
      { email: 'sid@north.example', name: 'Sid Session' },
      { email: 'olu@north.example', name: 'Olu Out' },
      { email: 'nia@north.example', name: 'Nia Next' },
    ]);
    [asha, tom] = partnership.people;
  });

  afterAll(async () => {
    await harness.close();
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  const server = () => httpServer(harness);

  const callback = (path: string) => request(server()).get(path);

  function sessionFrom(headers: Record<string, unknown>): string {
    const line = setCookies(headers).find((cookie) =>
      cookie.startsWith(`${COOKIES.sessionCookie}=`),
    );
    if (!line) throw new Error('no session cookie was set');
    return line.split(';')[0];
  }

  it('emails a link holding only the name, the link and its expiry, which signs the person in', async () => {
    const link = await signInLink(harness, asha.email, '/tasks?due=week');
    const mail = await nextMailTo(harness, asha.email);
    expect(mail.subject).toBe('Sign in to Safeguarding Reviews');
    expect(mail.text).toContain('Dear Asha Patel,');
    expect(mail.text).toContain('The link expires in 15 minutes.');
    expect(mail.text).not.toContain('NSCP');
    expect(mail.text).not.toContain('business');

    const response = await callback(link).expect(303);
    expect(response.headers.location).toBe('/tasks?due=week');
    const cookie = setCookies(response.headers).find((line) =>
      line.startsWith(`${COOKIES.sessionCookie}=`),
    );
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; Path=\//);

    const me = await request(server()).get('/api/me').set('Cookie', sessionFrom(response.headers));
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      id: asha.id,
      displayName: 'Asha Patel',
      authenticatedBy: 'session',
      partnerships: [{ code: 'NSCP', roles: ['business-manager'] }],
    });
  });

  it('still sends the link when its next page cannot go in an email, landing on the start page', async () => {
    const link = await signInLink(harness, 'nia@north.example', '/instances/Case-B/notes');
    expect(new URL(link, 'http://x').searchParams.has('next')).toBe(false);
    const response = await callback(link).expect(303);
    expect(response.headers.location).toBe('/');
  });

  it('answers an unknown address exactly as a known one, and sends it nothing', async () => {
    const unknown = await request(server())
      .post('/auth/sign-in')
      .send({ email: 'nobody@north.example' })
      .expect(202);
    const known = await request(server())
      .post('/auth/sign-in')
      .send({ email: tom.email })
      .expect(202);
    expect(unknown.body).toEqual(known.body);
    expect(unknown.body).toEqual({ message: SIGN_IN_ACCEPTED });
    await nextMailTo(harness, tom.email);
    expect(harness.smtp.messages.some((mail) => mail.to.includes('nobody@north.example'))).toBe(
      false,
    );
  });

  it('keeps only the SHA-256 of the link token', async () => {
    const link = await signInLink(harness, tom.email);
    const token = new URL(link, 'http://x').searchParams.get('token') as string;
    const rows: Array<{ token_hash: string }> = await dataSourceOf(harness).query(
      `SELECT token_hash FROM sign_in_links WHERE token_hash = $1 OR token_hash = $2`,
      [sha256Hex(token), token],
    );
    expect(rows).toEqual([{ token_hash: sha256Hex(token) }]);
  });

  it('refuses a link the second time it is used', async () => {
    const link = await signInLink(harness, 'una@north.example');
    await callback(link).expect(303);
    const again = await callback(link).expect(401);
    expect(again.body.code).toBe('invalid-sign-in-link');
    expect(setCookies(again.headers)).toEqual([]);
  });

  it('accepts a link within 15 minutes and refuses it after', async () => {
    const clock = controlClock(harness);
    const early = await signInLink(harness, 'erin@north.example');
    const late = await signInLink(harness, 'erin@north.example');
    clock.advance(15 * MINUTE - 1000);
    await callback(early).expect(303);
    clock.advance(2000);
    const refused = await callback(late).expect(401);
    expect(refused.body.detail).toMatch(/15 minutes/);
  });

  it('refuses forged and altered links', async () => {
    const link = await signInLink(harness, tom.email);
    const token = new URL(link, 'http://x').searchParams.get('token') as string;
    const altered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    await callback(`/auth/callback?token=${altered}`).expect(401);
    await callback(`/auth/callback?token=${'x'.repeat(43)}`).expect(401);
    await callback('/auth/callback?token=not-a-token').expect(401);
    await callback(link).expect(303);
  });

  it('sends a next address that would leave the site to the start page instead', async () => {
    for (const next of ['https://evil.example/', '//evil.example/x']) {
      const link = await signInLink(harness, tom.email, next);
      const response = await callback(link).expect(303);
      expect(response.headers.location).toBe('/');
    }
  });

  it('keeps a session alive while it is used and ends it after 8 hours without a request', async () => {
    const clock = controlClock(harness);
    const session = sessionFrom(
      (await callback(await signInLink(harness, 'sid@north.example'))).headers,
    );
    const me = () => request(server()).get('/api/me').set('Cookie', session);
    clock.advance(7 * 60 * MINUTE);
    await me().expect(200);
    clock.advance(7 * 60 * MINUTE);
    await me().expect(200);
    clock.advance(8 * 60 * MINUTE + 1000);
    const ended = await me().expect(401);
    expect(ended.body.detail).toMatch(/session has ended/);
  });

  it('signs out: the session cookie stops working', async () => {
    const session = sessionFrom(
      (await callback(await signInLink(harness, 'olu@north.example'))).headers,
    );
    const browser = await withCsrf(harness, session);
    const out = await request(server())
      .post('/auth/sign-out')
      .set('Cookie', browser.cookie)
      .set('x-csrf-token', browser.csrfToken)
      .expect(204);
    expect(
      setCookies(out.headers).some((line) => line.startsWith(`${COOKIES.sessionCookie}=;`)),
    ).toBe(true);
    await request(server()).get('/api/me').set('Cookie', session).expect(401);
  });

  it('asks anyone without a session or token to sign in', async () => {
    const response = await request(server()).get('/api/me').expect(401);
    expect(response.body).toMatchObject({ status: 401, code: 'sign-in-required' });
  });
});
