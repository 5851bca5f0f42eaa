import { DataSource } from 'typeorm';
import { Agency, AgencyKind } from '../partnerships/agency.entity';
import { Partnership } from '../partnerships/partnership.entity';

const DEMO_AGENCIES: Array<[string, AgencyKind]> = [
  ['Riverside Borough Council Children’s Services', 'local-authority'],
  ['Riverside Police', 'police'],
  ['Riverside Integrated Care Board', 'health'],
  ['Riverside University Hospitals NHS Trust', 'health'],
  ['Riverside Schools', 'education'],
  ['Probation Service (Riverside)', 'probation'],
];

/**
 * The newcomer's first impression: an empty database gets a demo partnership with live examples
 * of what the product does. Runs only when there are no partnerships yet.
 */
export async function seedDemoWhenEmpty(dataSource: DataSource): Promise<boolean> {
  if ((await dataSource.getRepository(Partnership).count()) > 0) return false;
  await dataSource.transaction(async (manager) => {
    const partnership = await manager.save(
      manager.create(Partnership, {
        code: 'RSCP',
        name: 'Riverside Safeguarding Children Partnership',
      }),
    );
    await manager.save(
      DEMO_AGENCIES.map(([name, kind]) =>
        manager.create(Agency, { partnershipId: partnership.id, name, kind }),
      ),
    );
  });
  return true;
}
