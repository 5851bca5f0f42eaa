import { PERMISSION_TABLE } from '../../src/access/permission-table';
import { AppHarness, startApp } from '../support/app-harness';
import { auditWithCases } from './support/audit-setup';
import { buildAuditWorld, CHILDREN, type AuditWorld } from './support/audit-world';

describe('identifying details of audit cases', () => {
  let harness: AppHarness;
  let world: AuditWorld;
  let audit: string;

  const accessLog = async (): Promise<
    Array<{ person: { id: string }; recordKind: string; action: string }>
  > =>
    (
      await world.people.manager.api
        .get(`/api/partnerships/${world.partnershipId}/access-log`)
        .expect(200)
    ).body as Array<{ person: { id: string }; recordKind: string; action: string }>;

  beforeAll(async () => {
    harness = await startApp();
    world = await buildAuditWorld(harness, 'IDSC');
    audit = await auditWithCases(world);
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('never echoes identifying details in a validation error', async () => {
    const response = await world.people.officer.api
      .post(`/api/audits/${audit}/cases`, {
        cases: [{ identifiers: { fullName: 'Zed Secretname', dateOfBirth: '09/03/2014' } }],
      })
      .expect(400);
    expect(response.body.errors).toEqual([
      {
        field: 'cases.0.identifiers.dateOfBirth',
        message: 'dateOfBirth must be a date written YYYY-MM-DD',
      },
    ]);
    expect(JSON.stringify(response.body)).not.toMatch(/Secretname|09\/03\/2014/);
  });

  it('shows a case’s identifiers to the audit chair and logs the view', async () => {
    const before = (await accessLog()).length;
    const response = await world.people.auditChair.api
      .get(`/api/audits/${audit}/cases/B/identifiers`)
      .expect(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual({
      caseKey: 'B',
      pseudonym: 'Case B',
      fullName: CHILDREN[1].fullName,
      dateOfBirth: CHILDREN[1].dateOfBirth,
      address: CHILDREN[1].address,
      recordNumbers: [
        {
          agencyId: world.agencies.police,
          agencyName: 'Northshire Police',
          recordNumber: 'NP-4471',
        },
      ],
    });
    const log = await accessLog();
    expect(log).toHaveLength(before + 1);
    expect(log[0]).toMatchObject({
      person: { id: world.people.auditChair.id },
      recordKind: 'case-identifiers',
      action: 'view',
    });
  });

  it('refuses the identifiers to a role that may not see them, with the reason, logging nothing', async () => {
    const before = (await accessLog()).length;
    for (const person of [world.people.panelMember, world.people.chair]) {
      const response = await person.api.get(`/api/audits/${audit}/cases/A/identifiers`).expect(403);
      expect(response.body.detail).toBe(PERMISSION_TABLE['case-identifiers.view'].refusal);
      expect(JSON.stringify(response.body)).not.toContain('Testchild');
    }
    expect(await accessLog()).toHaveLength(before);
  });

  it('answers 404 to someone not on the audit and to another partnership', async () => {
    for (const person of [world.people.outsider, world.stranger]) {
      const response = await person.api.get(`/api/audits/${audit}/cases/A/identifiers`).expect(404);
      expect(response.body.code).toBe('not-found');
      await person.api.get(`/api/audits/${audit}`).expect(404);
    }
  });

  it('answers 404 for a case the audit does not have, logging nothing', async () => {
    const before = (await accessLog()).length;
    await world.people.auditChair.api.get(`/api/audits/${audit}/cases/Q/identifiers`).expect(404);
    await world.people.auditChair.api.get(`/api/audits/${audit}/cases/AB/identifiers`).expect(404);
    expect(await accessLog()).toHaveLength(before);
  });

  it('exports every case’s identifiers as CSV, logging each case as an export', async () => {
    const before = await accessLog();
    const response = await world.people.manager.api
      .get(`/api/audits/${audit}/identifiers/export`)
      .expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="audit-case-identifiers.csv"',
    );
    const lines = response.text.trim().split('\r\n');
    expect(lines[0]).toBe('Case,Pseudonym,Full name,Date of birth,Address,Agency record numbers');
    expect(lines.slice(1)).toEqual(
      CHILDREN.map(
        (child, index) =>
          `${'ABCD'[index]},Case ${'ABCD'[index]},${child.fullName},${child.dateOfBirth},"${child.address}",Northshire Police: NP-4471`,
      ),
    );
    const after = await accessLog();
    const exports = after.slice(0, after.length - before.length);
    expect(exports).toHaveLength(4);
    expect(exports.every((entry) => entry.action === 'export')).toBe(true);
  });

  it('lets only the business manager and the panel chair export', async () => {
    const response = await world.people.policeLead.api
      .get(`/api/audits/${audit}/identifiers/export`)
      .expect(403);
    expect(response.body.detail).toBe(PERMISSION_TABLE['case-identifiers.export'].refusal);
  });

  it('keeps identifying details out of the audit’s own record', async () => {
    const response = await world.people.policeLead.api.get(`/api/audits/${audit}`).expect(200);
    const text = JSON.stringify(response.body);
    for (const child of CHILDREN) {
      expect(text).not.toContain(child.fullName);
      expect(text).not.toContain(child.dateOfBirth);
    }
    expect(text).not.toContain('NP-4471');
  });
});
