import request from 'supertest';
import { SIGN_IN_LIMIT_PER_ADDRESS, SIGN_IN_LIMIT_PER_IP } from '../../src/auth/auth.settings';
import { AppHarness, startApp } from '../support/app-harness';
import { createPartnership, dataSourceOf, httpServer } from './support/access-fixtures';

describe('sign-in rate limits', () => {
  let harness: AppHarness;

  // Each test gets its own database, and so its own counters in the shared Redis.
  beforeEach(async () => {
    harness = await startApp();
    await createPartnership(dataSourceOf(harness), 'NSCP', [
      { email: 'asha@north.example', name: 'Asha Patel' },
    ]);
  });

  afterEach(async () => {
    await harness.close();
  });

  const signIn = (email: string) =>
    request(httpServer(harness)).post('/auth/sign-in').send({ email });

  it('limits requests for one address, answering a known and an unknown address alike', async () => {
    for (const email of ['asha@north.example', 'nobody@north.example']) {
      for (let attempt = 0; attempt < SIGN_IN_LIMIT_PER_ADDRESS; attempt++) {
        await signIn(email).expect(202);
      }
      const refused = await signIn(email.toUpperCase()).expect(429);
      expect(refused.body).toEqual({
        type: 'about:blank',
        title: 'Too many requests',
        status: 429,
        detail: 'Too many sign-in attempts. Wait 15 minutes, then try again.',
      });
    }
    const links: Array<{ count: number }> = await dataSourceOf(harness).query(
      `SELECT count(*)::int AS count FROM sign_in_links`,
    );
    expect(links[0].count).toBe(SIGN_IN_LIMIT_PER_ADDRESS);
  });

  it('limits requests from one client whatever addresses it tries', async () => {
    for (let attempt = 0; attempt < SIGN_IN_LIMIT_PER_IP; attempt++) {
      await signIn(`guess${attempt}@north.example`).expect(202);
    }
    await signIn('one-more@north.example').expect(429);
  });

  it('limits attempts to use sign-in links from one client', async () => {
    const forged = (attempt: number) =>
      request(httpServer(harness)).get(`/auth/callback?token=${String(attempt).padStart(43, 'x')}`);
    for (let attempt = 0; attempt < SIGN_IN_LIMIT_PER_IP; attempt++) {
      await forged(attempt).expect(401);
    }
    await forged(SIGN_IN_LIMIT_PER_IP).expect(429);
  });
});
