import request from 'supertest';
import { freePort } from '../../src/dev/free-port';
import { AppHarness, startApp } from '../support/app-harness';

describe('GET /health', () => {
  let harness: AppHarness;

  afterEach(async () => {
    await harness.close();
  });

  it('answers 200 with every dependency up when PostgreSQL, Redis and SMTP answer', async () => {
    harness = await startApp();
    const response = await request(harness.app.getHttpServer()).get('/health').expect(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      down: [],
      checks: { postgres: { status: 'up' }, redis: { status: 'up' }, smtp: { status: 'up' } },
    });
    expect(response.headers['x-request-id']).toMatch(/.+/);
  });

  it('answers 503 naming SMTP when the mail server stops answering', async () => {
    harness = await startApp();
    await harness.smtp.stop();
    const response = await request(harness.app.getHttpServer()).get('/health').expect(503);
    expect(response.body.down).toEqual(['smtp']);
    expect(response.body.checks.postgres.status).toBe('up');
    await harness.smtp.start();
  });

  it('answers 503 naming Redis when nothing listens at REDIS_URL', async () => {
    harness = await startApp({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
    const response = await request(harness.app.getHttpServer()).get('/health').expect(503);
    expect(response.body.down).toEqual(['redis']);
  });

  it('answers 503 naming PostgreSQL when its database goes away', async () => {
    harness = await startApp();
    await harness.database.drop();
    const response = await request(harness.app.getHttpServer()).get('/health').expect(503);
    expect(response.body.down).toEqual(['postgres']);
  });

  it('keeps the caller’s request id when it is well formed', async () => {
    harness = await startApp();
    const response = await request(harness.app.getHttpServer())
      .get('/health')
      .set('x-request-id', 'abc-123');
    expect(response.headers['x-request-id']).toBe('abc-123');
  });
});
