import { routeRuleProblem, RouteEntry } from './route-inventory';

const route = (overrides: Partial<RouteEntry>): RouteEntry => ({
  method: 'GET',
  path: '/api/partnerships/:partnershipId/people',
  handler: 'PeopleController.list',
  isPublic: false,
  action: 'people.read',
  ...overrides,
});

describe('routeRuleProblem', () => {
  it('accepts a route naming an action whose scope its path fits', () => {
    expect(routeRuleProblem(route({}))).toBeNull();
    expect(routeRuleProblem(route({ isPublic: true, action: undefined }))).toBeNull();
    expect(routeRuleProblem(route({ path: '/api/me', action: 'own-account' }))).toBeNull();
  });

  it('names a route with no rule at all', () => {
    expect(routeRuleProblem(route({ action: undefined }))).toMatch(
      /GET \/api\/partnerships\/:partnershipId\/people \(PeopleController.list\) has no access rule/,
    );
  });

  it('refuses a route that is both public and guarded, or names no action of the table', () => {
    expect(routeRuleProblem(route({ isPublic: true }))).toMatch(/both @Public\(\) and @Permission/);
    expect(routeRuleProblem(route({ action: 'people.everything' }))).toMatch(
      /not an action of the permission table/,
    );
  });

  it('refuses a path that does not name what its action is about', () => {
    expect(routeRuleProblem(route({ path: '/api/people' }))).toMatch(/must name :partnershipId/);
    expect(routeRuleProblem(route({ action: 'instance.read' }))).toMatch(/must name :instanceId/);
    expect(routeRuleProblem(route({ action: 'own-account' }))).toMatch(/own account/);
  });
});
