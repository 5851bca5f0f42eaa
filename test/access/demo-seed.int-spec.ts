import { DataSource } from 'typeorm';
import { PARTNERSHIP_ROLES } from '../../workflows/shared/roles';
import { createDataSource } from '../../src/database/data-source';
import { seedDemoWhenEmpty } from '../../src/seed/demo-seed';
import { createTestDatabase, TestDatabase } from '../support/test-database';

describe('the demo seed', () => {
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

  it('creates the demo partnership, its agencies and a person in every partnership role, once', async () => {
    expect(await seedDemoWhenEmpty(dataSource)).toBe(true);
    expect(await seedDemoWhenEmpty(dataSource)).toBe(false);
    const agencies: Array<{ count: number }> = await dataSource.query(
      `SELECT count(*)::int AS count FROM agencies`,
    );
    expect(agencies[0].count).toBe(6);
    const roles: Array<{ role: string }> = await dataSource.query(
      `SELECT DISTINCT unnest(roles) AS role FROM partnership_members`,
    );
    expect(roles.map((row) => row.role).sort()).toEqual([...PARTNERSHIP_ROLES].sort());
    const withoutRole: Array<{ count: number }> = await dataSource.query(
      `SELECT count(*)::int AS count FROM partnership_members WHERE roles = '{}'`,
    );
    expect(withoutRole[0].count).toBeGreaterThan(0);
  });
});
