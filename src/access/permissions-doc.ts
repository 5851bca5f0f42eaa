import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decide } from './decide';
import { ACTIONS, PERMISSION_TABLE, PermissionRule, RuleScope } from './permission-table';
import { STANDING_COLUMNS } from './standings';

export const PERMISSIONS_DOC_PATH = join(__dirname, '..', '..', 'docs', 'permissions.md');

const SCOPE_LABELS: Record<RuleScope, string> = {
  self: 'own account',
  partnership: 'partnership',
  instance: 'audit or review',
};

const MARKS = { allow: '✓', refuse: '✗', 'not-found': '404' } as const;

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** `docs/permissions.md`, generated from the permission table; a unit test keeps it current. */
export function renderPermissionsDoc(): string {
  const header = row(['Action', 'About', ...STANDING_COLUMNS.map((column) => column.label)]);
  const divider = row(['---', '---', ...STANDING_COLUMNS.map(() => ':-:')]);
  const cells = ACTIONS.map((action) =>
    row([
      `\`${action}\``,
      SCOPE_LABELS[PERMISSION_TABLE[action].scope],
      ...STANDING_COLUMNS.map((column) => MARKS[decide(action, column.standing).outcome]),
    ]),
  );
  const details = ACTIONS.map((action) => {
    const rule: PermissionRule = PERMISSION_TABLE[action];
    const lines = [
      `### \`${action}\``,
      '',
      `${rule.summary}.`,
      '',
      `- About: ${SCOPE_LABELS[rule.scope]}`,
      `- Allowed: ${rule.allow.map((audience) => `\`${audience}\``).join(', ')}`,
    ];
    if (rule.scope !== 'self') lines.push(`- Refusal (403): “${rule.refusal}”`);
    if (rule.sessionOnly === true) {
      lines.push('- Only from a signed-in browser session: an API token is refused (403).');
    }
    return lines.join('\n');
  });
  return [
    '# Permissions',
    '',
    '<!-- Generated from src/access/permission-table.ts by `npx ts-node --transpile-only src/access/permissions-doc.ts`. Do not edit by hand: src/access/permissions-doc.spec.ts fails when this file is stale. -->',
    '',
    'Every endpoint names one action of this table with `@Permission(action)`, or is `@Public()`;',
    'the global access guard (`src/access/access.guard.ts`) enforces the table for every request,',
    'and a test fails for any route that declares neither. Actions come in three kinds:',
    '',
    '- **own account**: anyone signed in, on their own account only.',
    '- **partnership**: the route names `:partnershipId`. Someone outside that partnership gets',
    '  404 Not Found, exactly as for a partnership that does not exist.',
    '- **audit or review**: the route names `:instanceId`. Someone who is neither a member of it nor',
    '  holds a partnership role that sees every audit and review (`instance.read`) gets 404.',
    '',
    'Everyone else gets 403 with the reason. Row-level security in PostgreSQL holds every',
    'person-scoped query to the partnerships in the request’s scope as well.',
    '',
    'Columns: a partnership role means someone holding only that role in the partnership; an',
    'instance role means a member of the partnership with no partnership role who holds that role',
    'on the audit or review concerned. ✓ allowed; ✗ refused with 403 and the reason; 404 the target',
    'reads as not found.',
    '',
    header,
    divider,
    ...cells,
    '',
    '## Actions',
    '',
    details.join('\n\n'),
    '',
    '## Who the audiences are',
    '',
    '- `signed-in`: anyone signed in (by session or API token).',
    '- `partnership-member`: anyone who belongs to the partnership, with or without a role.',
    '- `instance-member`: anyone holding any role on the audit or review.',
    '- A role name: someone holding that partnership role, or that role on the audit or review.',
    '',
    'API tokens carry their person’s permissions as they stand at each request, never more.',
    'Every view and export of identifying case details is written to the access log, which only',
    'the business manager can read (`access-log.read`).',
    '',
  ].join('\n');
}

/**
 * The same document with table padding taken out, so the rendering and the committed file (which
 * Prettier aligns) compare equal when they say the same thing.
 */
export function withoutTablePadding(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) =>
      line.startsWith('|')
        ? line
            .split('|')
            .map((cell) => cell.trim().replace(/^(:?)-+(:?)$/, '$1---$2'))
            .join('|')
        : line,
    )
    .join('\n')
    .trim();
}

/** Rendered, then formatted as `npm run format` would. */
async function formattedDoc(): Promise<string> {
  const prettier = await import('prettier');
  const options = await prettier.resolveConfig(PERMISSIONS_DOC_PATH);
  return prettier.format(renderPermissionsDoc(), { ...options, parser: 'markdown' });
}

if (require.main === module) {
  void formattedDoc().then((doc) => {
    writeFileSync(PERMISSIONS_DOC_PATH, doc);
    process.stdout.write(`wrote ${PERMISSIONS_DOC_PATH}\n`);
  });
}
