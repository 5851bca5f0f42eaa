import request from 'supertest';
import { httpServer } from '../access/support/access-fixtures';
import { AppHarness, startApp } from '../support/app-harness';
import { buildAuditWorld, list, toolBody, type AuditWorld } from './support/audit-world';

describe('audit tools as partnership data', () => {
  let harness: AppHarness;
  let world: AuditWorld;

  beforeAll(async () => {
    harness = await startApp();
    world = await buildAuditWorld(harness, 'TOOL');
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('publishes each edit as a new version and lists tools with their versions', async () => {
    const { officer } = world.people;
    const base = `/api/partnerships/${world.partnershipId}/audit-tools`;
    const created = await officer.api.post(base, toolBody('Themed audit tool')).expect(201);
    const content = toolBody('x') as { domains: object[]; gradeScale: object[] };
    await officer.api
      .post(`${base}/${created.body.id}/versions`, {
        domains: content.domains.slice(0, 2),
        gradeScale: content.gradeScale,
      })
      .expect(201);
    const listed = await officer.api.get(base).expect(200);
    expect(listed.body).toHaveLength(1);
    expect(listed.body[0]).toMatchObject({ name: 'Themed audit tool', latestVersion: 2 });
    expect(
      list<{ version: number }>(listed.body[0].versions).map((entry) => entry.version),
    ).toEqual([1, 2]);
    expect(listed.body[0].latest.domains).toHaveLength(2);
    const first = await officer.api.get(`${base}/${created.body.id}/versions/1`).expect(200);
    expect(first.body.domains).toHaveLength(4);
    await officer.api.post(base, toolBody('Themed audit tool')).expect(409);
  });

  it('refuses unknown fields, clashing keys and grades out of order, naming the field', async () => {
    const { manager } = world.people;
    const base = `/api/partnerships/${world.partnershipId}/audit-tools`;
    const unknown = await manager.api
      .post(base, { ...toolBody('Unknown field'), colour: 'red' })
      .expect(400);
    expect(unknown.body.errors).toEqual([
      { field: 'colour', message: 'property colour should not exist' },
    ]);
    const domain = { key: 'voice', title: 'Voice', questions: [] };
    const clash = await manager.api
      .post(base, {
        name: 'Clashing',
        domains: [domain, domain],
        gradeScale: [
          { key: 'inadequate', label: 'Inadequate' },
          { key: 'good', label: 'Good' },
        ],
      })
      .expect(422);
    expect(list<{ field: string }>(clash.body.errors).map((error) => error.field)).toEqual([
      'domains.1.key',
      'gradeScale',
    ]);
    const badKey = await manager.api
      .post(base, { ...toolBody('Bad key'), domains: [{ ...domain, key: 'Voice Of Child' }] })
      .expect(400);
    expect(badKey.body.errors[0].field).toBe('domains.0.key');
  });

  it('documents the audit endpoints in the OpenAPI description', async () => {
    const response = await request(httpServer(harness)).get('/api/openapi.json').expect(200);
    const paths = Object.keys((response.body as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/partnerships/{partnershipId}/audit-tools',
        '/api/partnerships/{partnershipId}/audits',
        '/api/partnerships/{partnershipId}/audit-programmes/{programmeId}/entries/{entryId}/start',
        '/api/audits/{instanceId}',
        '/api/audits/{instanceId}/events',
        '/api/audits/{instanceId}/cases/{caseKey}/identifiers',
        '/api/audits/{instanceId}/returns/{agencyId}/{caseKey}',
        '/api/audits/{instanceId}/returns/{agencyId}/{caseKey}/submit',
        '/api/audits/{instanceId}/concerns',
        '/api/audits/{instanceId}/meeting',
      ]),
    );
  });

  it('lets only the business unit manage tools', async () => {
    const response = await world.people.chair.api
      .get(`/api/partnerships/${world.partnershipId}/audit-tools`)
      .expect(403);
    expect(response.body.detail).toBe(
      'Only a business manager or business officer can manage audit tools.',
    );
  });
});
