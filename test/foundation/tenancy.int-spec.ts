import { DataSource } from 'typeorm';
import { createDataSource } from '../../src/database/data-source';
import { inScope, partnershipScope, SYSTEM_SCOPE } from '../../src/database/tenancy';
import { Agency } from '../../src/partnerships/agency.entity';
import { Partnership } from '../../src/partnerships/partnership.entity';
import { createTestDatabase, TestDatabase } from '../support/test-database';

describe('row-level security by partnership', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let north: Partnership;
  let south: Partnership;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = createDataSource(database.url);
    await dataSource.initialize();
    [north, south] = await inScope(dataSource, SYSTEM_SCOPE, async (manager) => {
      const created = await manager.save(Partnership, [
        { code: 'NSCP', name: 'North' },
        { code: 'SSCP', name: 'South' },
      ]);
      await manager.save(Agency, [
        { partnershipId: created[0].id, name: 'North Police', kind: 'police' as const },
        { partnershipId: created[1].id, name: 'South Police', kind: 'police' as const },
      ]);
      return created;
    });
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('shows only the scoped partnership’s rows to a query that forgets its filter', async () => {
    const names = await inScope(dataSource, partnershipScope([north.id]), (manager) =>
      manager.find(Agency).then((agencies) => agencies.map((agency) => agency.name)),
    );
    expect(names).toEqual(['North Police']);
  });

  it('refuses to write a row into a partnership outside the scope', async () => {
    await expect(
      inScope(dataSource, partnershipScope([north.id]), (manager) =>
        manager.insert(Agency, { partnershipId: south.id, name: 'Smuggled', kind: 'other' }),
      ),
    ).rejects.toThrow(/row-level security/);
    const count = await inScope(dataSource, SYSTEM_SCOPE, (manager) =>
      manager.count(Agency, { where: { name: 'Smuggled' } }),
    );
    expect(count).toBe(0);
  });

  it('sees nothing at all with an empty scope', async () => {
    const count = await inScope(dataSource, partnershipScope([]), (manager) =>
      manager.count(Partnership),
    );
    expect(count).toBe(0);
  });

  it('lets the system scope see every partnership', async () => {
    const count = await inScope(dataSource, SYSTEM_SCOPE, (manager) => manager.count(Partnership));
    expect(count).toBe(2);
  });
});
