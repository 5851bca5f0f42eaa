import { DataSource } from 'typeorm';
import { createDataSource } from '../../src/database/data-source';
import { seedFullDemoWhenEmpty } from '../../src/seed/full-demo';
import { createTestDatabase, TestDatabase } from '../support/test-database';

describe('the demo npm start seeds', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = createDataSource(database.url);
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('shows a live example of every workflow, with tasks and an action plan, once', async () => {
    expect(await seedFullDemoWhenEmpty(dataSource)).toBe(true);
    const byKind: Array<{ definition_key: string; count: string }> = await dataSource.query(
      `SELECT definition_key, count(*)::text AS count FROM workflow_instances GROUP BY definition_key ORDER BY definition_key`,
    );
    expect(byKind.map((row) => row.definition_key)).toEqual([
      'case-file-audit',
      'learning-review',
      'practice-review',
      'serious-case-review',
    ]);
    const [{ open }]: Array<{ open: string }> = await dataSource.query(
      `SELECT count(*)::text AS open FROM tasks WHERE status = 'open'`,
    );
    expect(Number(open)).toBeGreaterThan(5);
    const [{ actions }]: Array<{ actions: string }> = await dataSource.query(
      `SELECT count(*)::text AS actions FROM actions`,
    );
    expect(Number(actions)).toBe(3);
    // Every open task with a due date is chased, and the partnership chair takes a daily digest.
    const [{ unplanned }]: Array<{ unplanned: string }> = await dataSource.query(
      `SELECT count(*)::text AS unplanned FROM tasks t
        WHERE t.status = 'open' AND t.due_on IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM reminders r WHERE r.task_id = t.id)`,
    );
    expect(Number(unplanned)).toBe(0);
    const [{ digests }]: Array<{ digests: string }> = await dataSource.query(
      `SELECT count(*)::text AS digests FROM reminder_preferences`,
    );
    expect(Number(digests)).toBe(1);

    expect(await seedFullDemoWhenEmpty(dataSource)).toBe(false);
    const [{ instances }]: Array<{ instances: string }> = await dataSource.query(
      `SELECT count(*)::text AS instances FROM workflow_instances`,
    );
    expect(Number(instances)).toBe(byKind.reduce((sum, row) => sum + Number(row.count), 0));
  });
});
