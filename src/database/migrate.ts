import { DataSource } from 'typeorm';
import { createDataSource } from './data-source';

/** Applies pending migrations and hands the open DataSource to `then` (e.g. to seed). */
export async function migrate<T>(
  databaseUrl: string,
  then?: (dataSource: DataSource) => Promise<T>,
): Promise<T | undefined> {
  const dataSource = createDataSource(databaseUrl);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    return then ? await then(dataSource) : undefined;
  } finally {
    await dataSource.destroy();
  }
}
