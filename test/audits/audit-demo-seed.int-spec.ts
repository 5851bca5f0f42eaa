import { DataSource } from 'typeorm';
import { seedAuditDemo } from '../../src/audits/audit.demo-seed';
import { createDataSource } from '../../src/database/data-source';
import { seedDemoWhenEmpty } from '../../src/seed/demo-seed';
import { createTestDatabase, TestDatabase } from '../support/test-database';

describe('the audit demo seed', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = createDataSource(database.url);
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('adds a programme and a running audit at the single-agency audits stage to the demo partnership, once', async () => {
    await seedDemoWhenEmpty(dataSource);
    const demo = await seedAuditDemo(dataSource);
    expect(demo).not.toBeNull();
    expect(await seedAuditDemo(dataSource)).toBeNull();

    const [instance] = await dataSource.query<Array<{ state_value: unknown; status: string }>>(
      `SELECT state_value, status FROM workflow_instances WHERE id = $1`,
      [demo?.instanceId],
    );
    expect(instance).toEqual({
      status: 'live',
      state_value: { live: { audit: 'singleAgencyAudits', concerns: 'noneOpen' } },
    });
    const [audit] = await dataSource.query<Array<{ agencies: number; cases: number }>>(
      `SELECT cardinality(agency_ids) AS agencies,
              (SELECT count(*)::int FROM audit_cases c WHERE c.instance_id = a.instance_id) AS cases
         FROM audits a WHERE a.instance_id = $1`,
      [demo?.instanceId],
    );
    expect(audit).toEqual({ agencies: 3, cases: 4 });
    const statuses = await dataSource.query<Array<{ status: string; count: number }>>(
      `SELECT status, count(*)::int AS count FROM audit_returns WHERE instance_id = $1
        GROUP BY status ORDER BY status`,
      [demo?.instanceId],
    );
    expect(statuses).toEqual([
      { status: 'draft', count: 1 },
      { status: 'not-started', count: 7 },
      { status: 'submitted', count: 1 },
    ]);
    const [entry] = await dataSource.query<Array<{ entries: number; started: number }>>(
      `SELECT count(*)::int AS entries, count(instance_id)::int AS started
         FROM audit_programme_entries WHERE programme_id = $1`,
      [demo?.programmeId],
    );
    expect(entry.started).toBe(1);
    expect(entry.entries).toBeGreaterThanOrEqual(8);
  });
});
