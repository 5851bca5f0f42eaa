import { createDataSource } from '../../src/database/data-source';
import { createTestDatabase, TestDatabase } from '../support/test-database';

describe('database schema', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database.drop();
  });

  it('matches the entities exactly: generating a migration would produce nothing', async () => {
    const dataSource = createDataSource(database.url);
    await dataSource.initialize();
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      const statements = pending.upQueries.map((query) => query.query.trim());
      expect(statements).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('has no migration left to run on a freshly migrated database', async () => {
    const dataSource = createDataSource(database.url);
    await dataSource.initialize();
    try {
      expect(await dataSource.showMigrations()).toBe(false);
    } finally {
      await dataSource.destroy();
    }
  });

  it('reverts every migration cleanly and applies them again', async () => {
    const scratch = await createTestDatabase();
    const dataSource = createDataSource(scratch.url);
    await dataSource.initialize();
    try {
      for (let i = 0; i < dataSource.migrations.length; i++)
        await dataSource.undoLastMigration({ transaction: 'each' });
      const remaining: Array<{ count: string }> = await dataSource.query(
        `SELECT count(*)::text AS count FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations'`,
      );
      expect(remaining[0].count).toBe('0');
      await dataSource.runMigrations({ transaction: 'each' });
      expect(await dataSource.showMigrations()).toBe(false);
    } finally {
      await dataSource.destroy();
      await scratch.drop();
    }
  });
});
