import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { PartnershipRole } from '../../workflows/shared/roles';
import { PARTNERSHIP_ROLES } from '../../workflows/shared/roles';
import { decide, Standing } from '../../src/access/decide';
import { isAction, PERMISSION_TABLE } from '../../src/access/permission-table';
import { RouteEntry, RouteInventory, routeRuleProblem } from '../../src/access/route-inventory';
import { startPracticeReview } from '../instances/support/instance-fixtures';
import { AppHarness, startApp } from '../support/app-harness';
import {
  createPartnership,
  dataSourceOf,
  signedInBrowser,
  httpServer,
} from './support/access-fixtures';

/** Routes anyone may call without signing in. Adding one is a decision: add it here too. */
const PUBLIC_ROUTES = [
  'GET /',
  'GET /auth/callback',
  'GET /dev/mailbox',
  'GET /dev/mailbox/:id',
  'GET /health',
  'GET /sign-in',
  'GET /sign-in/check-email',
  'POST /auth/sign-in',
  'POST /sign-in',
];

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

interface Caller {
  label: string;
  personId: string;
  /** Where they stand in the partnership the routes are called on; null for an outsider. */
  partnershipRoles: PartnershipRole[] | null;
}

describe('the permission table, enforced on every route through HTTP', () => {
  let harness: AppHarness;
  let routes: RouteEntry[];
  let partnershipId: string;
  let instanceId: string;
  let callers: Caller[];

  beforeAll(async () => {
    harness = await startApp();
    const home = await createPartnership(dataSourceOf(harness), 'HSCP', [
      ...PARTNERSHIP_ROLES.map((role) => ({
        email: `${role}@home.example`,
        name: role,
        roles: [role],
      })),
      { email: 'member@home.example', name: 'Member without role' },
    ]);
    const away = await createPartnership(dataSourceOf(harness), 'ASCP', [
      { email: 'manager@away.example', name: 'Away manager', roles: ['business-manager'] },
    ]);
    partnershipId = home.id;
    // A real audit or review of the home partnership, with nobody on it.
    instanceId = (await startPracticeReview(harness.app, { partnershipId, awareOn: '2026-01-05' }))
      .instanceId;
    callers = [
      ...PARTNERSHIP_ROLES.map((role, index) => ({
        label: role,
        personId: home.people[index].id,
        partnershipRoles: [role],
      })),
      {
        label: 'member without role',
        personId: home.people[PARTNERSHIP_ROLES.length].id,
        partnershipRoles: [],
      },
      {
        label: 'another partnership’s business manager',
        personId: away.people[0].id,
        partnershipRoles: null,
      },
    ];
    routes = harness.app.get(RouteInventory).routes();
  });

  afterAll(async () => {
    await harness.close();
  });

  it('finds the routes of this module among those registered', () => {
    const names = routes.map((route) => `${route.method} ${route.path}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'GET /api/me',
        'POST /api/me/tokens',
        'GET /api/partnerships/:partnershipId/people',
        'PUT /api/partnerships/:partnershipId/people/:personId/roles',
        'GET /api/partnerships/:partnershipId/access-log',
        'POST /auth/sign-in',
      ]),
    );
  });

  it('gives every registered route an access rule that fits its path', () => {
    expect(routes.map(routeRuleProblem).filter((problem) => problem !== null)).toEqual([]);
  });

  it('keeps public only the routes meant to be public', () => {
    const open = routes
      .filter((route) => route.isPublic)
      .map((route) => `${route.method} ${route.path}`);
    expect(open.sort()).toEqual(PUBLIC_ROUTES);
  });

  it('answers every role on every guarded route as the table says', async () => {
    const failures: string[] = [];
    const guarded = routes.filter((route) => !route.isPublic && isAction(route.action));
    for (const route of guarded) {
      if (!isAction(route.action)) continue;
      const action = route.action;
      const scope = PERMISSION_TABLE[action].scope;
      const pathTo = (instance: string) =>
        route.path.replace(/:(\w+)/g, (_match, name: string) =>
          name === 'partnershipId'
            ? partnershipId
            : name === 'instanceId'
              ? instance
              : randomUUID(),
        );
      // Instance routes are called on the real instance, and on one that does not exist.
      const targets =
        scope === 'instance'
          ? [
              { path: pathTo(instanceId), exists: true },
              { path: pathTo(randomUUID()), exists: false },
            ]
          : [{ path: pathTo(randomUUID()), exists: true }];
      const calls = callers.flatMap((caller) => targets.map((target) => ({ caller, ...target })));
      for (const { caller, path, exists } of calls) {
        const standing: Standing = { partnershipRoles: caller.partnershipRoles, instanceRoles: [] };
        // An audit or review that does not exist reads as not found to everyone.
        const expected = exists ? decide(action, standing).outcome : 'not-found';
        const browser = await signedInBrowser(harness, caller.personId);
        const method = (route.method === 'ALL' ? 'GET' : route.method).toLowerCase() as 'get';
        let call = request(httpServer(harness))[method](path).set('Cookie', browser.cookie);
        if (!SAFE.has(route.method)) call = call.set('x-csrf-token', browser.csrfToken).send({});
        const response = await call;
        const body = response.body as { code?: string; detail?: string };
        const refusedByGuard =
          response.status === 401 ||
          response.status === 403 ||
          (response.status === 404 && body.code === 'not-found');
        const where = exists ? route.path : `${route.path} (none such)`;
        const cell = `${route.method} ${where} [${action}] as ${caller.label}`;
        if (expected === 'allow' && refusedByGuard) {
          failures.push(
            `${cell}: expected to pass the guard, got ${response.status} ${body.detail ?? ''}`,
          );
        }
        if (expected === 'refuse') {
          const reason = PERMISSION_TABLE[action].refusal;
          if (response.status !== 403 || body.detail !== reason) {
            failures.push(
              `${cell}: expected 403 “${reason}”, got ${response.status} ${body.detail ?? ''}`,
            );
          }
        }
        if (expected === 'not-found' && !(response.status === 404 && body.code === 'not-found')) {
          failures.push(`${cell}: expected 404 not found, got ${response.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(guarded.length).toBeGreaterThan(0);
  });
});
