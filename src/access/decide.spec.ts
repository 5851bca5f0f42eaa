import { INSTANCE_ROLES } from '../../workflows/shared/roles';
import { decide, seesWholePartnership } from './decide';
import { Action, ACTIONS, PERMISSION_TABLE, PermissionRule } from './permission-table';
import { STANDING_COLUMNS } from './standings';

/**
 * The permission table written out by hand, cell by cell: Y allowed, N refused (403 with the
 * reason), 0 reads as not found. Columns, in order: business manager, business officer,
 * partnership chair, lead safeguarding partner, board member | panel chair, panel member,
 * independent reviewer, audit group member, agency safeguarding lead, action owner | member with
 * no role. Changing who may do what means changing this too, on purpose.
 */
const EXPECTED: Record<Action, string> = {
  'own-account': /*                 */ 'YYYYY YYYYYY Y',
  'own-tokens.create': /*           */ 'YYYYY YYYYYY Y',
  'own-reminder-preferences': /*    */ 'YYYYY YYYYYY Y',
  'people.read': /*                 */ 'YYYYN NNNNNN N',
  'people.manage': /*               */ 'YYNNN NNNNNN N',
  'people.grant-roles': /*          */ 'YNNNN NNNNNN N',
  'access-log.read': /*             */ 'YNNNN NNNNNN N',
  'reminder-settings.manage': /*    */ 'YYNNN NNNNNN N',
  'failed-emails.manage': /*        */ 'YYNNN NNNNNN N',
  'reports.read': /*                */ 'YYYYY NNNNNN N',
  'instances.list': /*              */ 'YYYYY YYYYYY Y',
  'instances.create': /*            */ 'YYNNN NNNNNN N',
  'audit-tools.manage': /*          */ 'YYNNN NNNNNN N',
  'instance.read': /*               */ 'YYYY0 YYYYYY 0',
  'instance.manage-members': /*     */ 'YYNN0 NNNNNN 0',
  'instance.send-event': /*         */ 'YYYY0 YYYYYY 0',
  'case-identifiers.view': /*       */ 'YYNN0 YNYYYN 0',
  'case-identifiers.export': /*     */ 'YNNN0 YNNNNN 0',
  'actions.list': /*                */ 'YYYYY YYYYYY Y',
  'recommendations.manage': /*      */ 'YYYN0 YNNNNN 0',
  'actions.report-progress': /*     */ 'YYYY0 YYYYYY 0',
  'actions.decide-closure': /*      */ 'YNYN0 YNNNNN 0',
};

const OUTCOMES = { Y: 'allow', N: 'refuse', '0': 'not-found' } as const;

const cells = ACTIONS.flatMap((action) => {
  const marks = EXPECTED[action].replace(/ /g, '');
  return STANDING_COLUMNS.map((column, index) => ({
    action,
    column,
    expected: OUTCOMES[marks[index] as keyof typeof OUTCOMES],
  }));
});

describe('the permission table, cell by cell', () => {
  it('has an expected row for every action and a mark for every column', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
    for (const action of ACTIONS) {
      expect(EXPECTED[action].replace(/ /g, '')).toHaveLength(STANDING_COLUMNS.length);
    }
  });

  it.each(cells)('$action for $column.label: $expected', ({ action, column, expected }) => {
    const decision = decide(action, column.standing);
    expect(decision.outcome).toBe(expected);
    if (decision.outcome === 'refuse') {
      expect(decision.reason).toBe(PERMISSION_TABLE[action].refusal);
    }
  });

  it.each(ACTIONS.filter((action) => PERMISSION_TABLE[action].scope !== 'self'))(
    '%s reads as not found to someone outside the partnership',
    (action) => {
      for (const column of STANDING_COLUMNS) {
        const outsider = { partnershipRoles: null, instanceRoles: column.standing.instanceRoles };
        expect(decide(action, outsider)).toEqual({ outcome: 'not-found' });
      }
    },
  );

  it.each(ACTIONS.filter((action) => PERMISSION_TABLE[action].scope === 'self'))(
    '%s is open to anyone signed in, whatever partnership they belong to',
    (action) => {
      expect(decide(action, { partnershipRoles: null, instanceRoles: [] })).toEqual({
        outcome: 'allow',
      });
    },
  );
});

describe('the permission table’s shape', () => {
  it.each(ACTIONS)(
    '%s names audiences that fit its scope and a reason that says who may',
    (action) => {
      const rule: PermissionRule = PERMISSION_TABLE[action];
      const instanceAudiences = [...INSTANCE_ROLES, 'instance-member'] as string[];
      if (rule.scope === 'self') expect(rule.allow).toEqual(['signed-in']);
      if (rule.scope === 'partnership') {
        expect(rule.allow.filter((audience) => instanceAudiences.includes(audience))).toEqual([]);
        expect(rule.allow).not.toContain('signed-in');
      }
      if (rule.scope === 'instance') expect(rule.allow).not.toContain('signed-in');
      if (rule.scope !== 'self') expect(rule.refusal).toMatch(/^Only .+\.$/);
    },
  );
});

describe('seesWholePartnership', () => {
  it('is true for the roles that oversee every audit and review, and false for a board member', () => {
    expect(seesWholePartnership(['business-manager'])).toBe(true);
    expect(seesWholePartnership(['lead-safeguarding-partner'])).toBe(true);
    expect(seesWholePartnership(['board-member'])).toBe(false);
    expect(seesWholePartnership([])).toBe(false);
  });
});
