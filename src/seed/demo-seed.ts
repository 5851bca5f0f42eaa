import { DataSource } from 'typeorm';
import type { PartnershipRole } from '../../workflows/shared/roles';
import { adminServices } from '../cli/commands';
import { inScope, SYSTEM_SCOPE } from '../database/tenancy';
import { AgencyKind } from '../partnerships/agency.entity';
import { Partnership } from '../partnerships/partnership.entity';

const DEMO_AGENCIES: Array<[string, AgencyKind]> = [
  ['Riverside Borough Council Children’s Services', 'local-authority'],
  ['Riverside Police', 'police'],
  ['Riverside Integrated Care Board', 'health'],
  ['Riverside University Hospitals NHS Trust', 'health'],
  ['Riverside Schools', 'education'],
  ['Probation Service (Riverside)', 'probation'],
];

/** Demo people: sign in as any of them through the development mailbox. */
const DEMO_PEOPLE: Array<{
  email: string;
  name: string;
  agency?: string;
  roles: PartnershipRole[];
}> = [
  { email: 'business.manager@riverside.example', name: 'Asha Patel', roles: ['business-manager'] },
  { email: 'business.officer@riverside.example', name: 'Tom Reid', roles: ['business-officer'] },
  { email: 'chair@riverside.example', name: 'Dr Helen Moss', roles: ['partnership-chair'] },
  {
    email: 'director.childrens@riverside.example',
    name: 'Grace Okafor',
    agency: 'Riverside Borough Council Children’s Services',
    roles: ['lead-safeguarding-partner'],
  },
  {
    email: 'board.member@riverside.example',
    name: 'Peter Lang',
    agency: 'Riverside Schools',
    roles: ['board-member'],
  },
  // No partnership role: what they see comes from their memberships of audits and reviews.
  {
    email: 'safeguarding.lead@riverside-police.example',
    name: 'Sam Jones',
    agency: 'Riverside Police',
    roles: [],
  },
  {
    email: 'named.nurse@riverside-icb.example',
    name: 'Priya Shah',
    agency: 'Riverside Integrated Care Board',
    roles: [],
  },
  { email: 'reviewer@independent.example', name: 'Morgan Ellis', roles: [] },
];

/**
 * The newcomer's first impression: an empty database gets a demo partnership with its agencies and
 * people holding each partnership role, made with the same services as `npm run cli`. Runs only
 * when there are no partnerships yet, in one transaction.
 */
export async function seedDemoWhenEmpty(dataSource: DataSource): Promise<boolean> {
  if ((await dataSource.getRepository(Partnership).count()) > 0) return false;
  const { partnerships, agencies, people } = adminServices(dataSource);
  await inScope(dataSource, SYSTEM_SCOPE, async (manager) => {
    const partnership = await partnerships.create(manager, {
      code: 'RSCP',
      name: 'Riverside Safeguarding Children Partnership',
    });
    const agencyIds = new Map<string, string>();
    for (const [name, kind] of DEMO_AGENCIES) {
      agencyIds.set(name, (await agencies.create(manager, partnership.id, { name, kind })).id);
    }
    for (const person of DEMO_PEOPLE) {
      const member = await people.addMember(manager, partnership.id, {
        email: person.email,
        displayName: person.name,
        agencyId: person.agency === undefined ? null : (agencyIds.get(person.agency) ?? null),
      });
      if (person.roles.length > 0) {
        await people.setRoles(manager, partnership.id, member.personId, person.roles);
      }
    }
  });
  return true;
}
