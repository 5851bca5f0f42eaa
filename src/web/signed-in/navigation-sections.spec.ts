import type { Principal } from '../../access/principal';
import { navigationSectionsFor } from './navigation-sections';

function person(...roles: Principal['memberships'][number]['roles'][]): Principal {
  return {
    personId: 'p',
    displayName: 'P',
    authenticatedBy: 'session',
    memberships: roles.map((r, index) => ({
      partnershipId: `x${index}`,
      agencyId: null,
      roles: r,
    })),
  };
}

describe('navigationSectionsFor', () => {
  it('gives a business manager every section', () => {
    expect(navigationSectionsFor(person(['business-manager']))).toEqual([
      'tasks',
      'dashboard',
      'administration',
    ]);
  });

  it('gives a member with no partnership role their tasks and dashboard, not administration', () => {
    expect(navigationSectionsFor(person([]))).toEqual(['tasks', 'dashboard']);
  });

  it('gives administration when any one partnership grants it', () => {
    expect(navigationSectionsFor(person([], ['business-officer']))).toContain('administration');
  });

  it('gives a reviewer from out of area, with no partnership, only their tasks', () => {
    expect(navigationSectionsFor(person())).toEqual(['tasks']);
  });
});
