import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import { CliUsageError } from '../../src/cli/cli-args';
import { adminServices, CliFailure, runCommand } from '../../src/cli/commands';
import { AppHarness, startApp } from '../support/app-harness';
import { dataSourceOf, httpServer } from './support/access-fixtures';

const ROOT = join(__dirname, '..', '..');

describe('npm run cli', () => {
  let harness: AppHarness;

  beforeAll(async () => {
    harness = await startApp();
  });

  afterAll(async () => {
    await harness.close();
  });

  async function cli(...argv: string[]): Promise<{ out: string[]; notes: string[] }> {
    const out: string[] = [];
    const notes: string[] = [];
    await runCommand(adminServices(dataSourceOf(harness)), argv, {
      out: (line) => out.push(line),
      note: (line) => notes.push(line),
    });
    return { out, notes };
  }

  it('sets up a partnership from nothing, down to a working API token', async () => {
    await cli('create-partnership', '--code', 'WSCP', '--name', 'Westshire Partnership');
    await cli(
      'create-agency',
      '--partnership',
      'wscp',
      '--name',
      'Westshire Police',
      '--kind',
      'police',
    );
    const [person] = (
      await cli(
        'create-person',
        '--partnership',
        'WSCP',
        '--email',
        'Ben@West.example',
        '--name',
        'Ben West',
        '--agency',
        'Westshire Police',
        '--role',
        'business-officer',
      )
    ).out;
    expect(person).toMatch(/^[0-9a-f-]{36}\tben@west\.example\tbusiness-officer$/);
    await cli(
      'grant-role',
      '--partnership',
      'WSCP',
      '--email',
      'ben@west.example',
      '--role',
      'business-manager',
    );
    const listed = await cli('list-people', '--partnership', 'WSCP');
    expect(listed.out).toEqual([
      'ben@west.example\tBen West\tWestshire Police\tbusiness-officer,business-manager\tactive',
    ]);

    const issued = await cli(
      'issue-token',
      '--email',
      'ben@west.example',
      '--name',
      'Nightly export',
      '--days',
      '7',
    );
    expect(issued.out).toHaveLength(1);
    expect(issued.notes.join('\n')).toMatch(/only time it is shown/);
    const me = await request(httpServer(harness))
      .get('/api/me')
      .set('Authorization', `Bearer ${issued.out[0]}`)
      .expect(200);
    expect(me.body.partnerships).toEqual([
      expect.objectContaining({ code: 'WSCP', roles: ['business-officer', 'business-manager'] }),
    ]);
  });

  it('explains a bad argument by the option it came from, and changes nothing', async () => {
    await cli('create-partnership', '--code', 'ESCP', '--name', 'Eastshire Partnership');
    await expect(
      cli(
        'create-agency',
        '--partnership',
        'ESCP',
        '--name',
        'Eastshire Rockets',
        '--kind',
        'spaceship',
      ),
    ).rejects.toThrow(/--kind: kind must be one of local-authority, police/);
    await expect(
      cli('create-agency', '--partnership', 'ESCP', '--name', 'No Kind'),
    ).rejects.toThrow(new CliUsageError('create-agency: missing --kind'));
    await expect(
      cli(
        'create-person',
        '--partnership',
        'ESCP',
        '--email',
        'x@y.example',
        '--name',
        'X',
        '--role',
        'king',
      ),
    ).rejects.toThrow(/--role: roles may contain only business-manager/);
    await expect(cli('list-people', '--partnership', 'ESCP', '--colour', 'blue')).rejects.toThrow(
      /Unknown option '--colour'/,
    );
    await expect(
      cli('issue-token', '--email', 'x@y.example', '--name', 'n', '--days', '400'),
    ).rejects.toThrow(/--days: expiresInDays must be a whole number of days from 1 to 365/);
    const listed = await cli('list-people', '--partnership', 'ESCP');
    expect(listed.out).toEqual([]);
  });

  it('reports a refusal with its reason and applies nothing of the command', async () => {
    await expect(cli('create-partnership', '--code', 'WSCP', '--name', 'Again')).rejects.toThrow(
      new CliFailure(
        'create-partnership: Another partnership already uses that code. Choose a different code.',
      ),
    );
    await expect(
      cli(
        'create-person',
        '--partnership',
        'WSCP',
        '--email',
        'half@west.example',
        '--name',
        'Half',
        '--agency',
        'Nowhere',
      ),
    ).rejects.toThrow(/agencyId does not name an agency/);
    const people: unknown[] = await dataSourceOf(harness).query(
      `SELECT 1 FROM people WHERE email = 'half@west.example'`,
    );
    expect(people).toEqual([]);
  });

  it('runs from the command line against DATABASE_URL, with exit statuses that say what happened', () => {
    const run = (...argv: string[]) =>
      spawnSync(
        process.execPath,
        [
          join(ROOT, 'node_modules', 'ts-node', 'dist', 'bin.js'),
          '--transpile-only',
          'src/cli/main.ts',
          ...argv,
        ],
        {
          cwd: ROOT,
          encoding: 'utf8',
          env: { ...process.env, DATABASE_URL: harness.database.url },
        },
      );
    const listed = run('list-people', '--partnership', 'WSCP');
    expect(listed.status).toBe(0);
    expect(listed.stdout).toContain('ben@west.example\tBen West');
    const unknown = run('make-coffee');
    expect(unknown.status).toBe(64);
    expect(unknown.stderr).toContain('Unknown command "make-coffee"');
    const refused = run('create-partnership', '--code', 'WSCP', '--name', 'Again');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('Another partnership already uses that code');
  });
});
