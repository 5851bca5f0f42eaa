import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { seedFullDemoWhenEmpty } from '../../src/seed/full-demo';
import { dataSourceOf } from '../access/support/access-fixtures';
import {
  checkAccessibility,
  launchBrowser,
  screenshot,
  signInAs,
  startWebApp,
  watchPageErrors,
  WebApp,
} from '../support/browser';

describe('a case’s identifying details in Chromium', () => {
  let web: WebApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];
  let dataSource: DataSource;
  let auditId: string;

  async function personId(email: string): Promise<string> {
    const rows: Array<{ id: string }> = await dataSource.query(
      `SELECT id FROM people WHERE email = $1`,
      [email],
    );
    return rows[0].id;
  }

  /** The access log's rows for a person, naming the audit and case each identifying record is of. */
  async function loggedViews(email: string): Promise<Array<Record<string, string>>> {
    return dataSource.query(
      `SELECT l.action, l.record_kind, c.instance_id, c.case_key
         FROM access_log l
         JOIN case_identifiers i ON i.id = l.record_id
         JOIN audit_cases c ON c.id = i.case_id
        WHERE l.person_id = $1 ORDER BY l.occurred_at`,
      [await personId(email)],
    );
  }

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchBrowser()]);
    dataSource = dataSourceOf(web);
    await seedFullDemoWhenEmpty(dataSource);
    const audits: Array<{ id: string }> = await dataSource.query(
      `SELECT id FROM workflow_instances
        WHERE definition_key = 'case-file-audit' AND title = 'Children known to mental health services'`,
    );
    auditId = audits[0].id;
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    pageErrors = watchPageErrors(page);
  });

  afterEach(async () => {
    await context?.close();
  });

  it('shows an agency safeguarding lead on the audit a case’s details, and logs the view', async () => {
    const lead = 'safeguarding.lead@riverside-police.example';
    expect(await loggedViews(lead)).toEqual([]);
    await signInAs(page, web, lead, `/instances/${auditId}`);
    await page.waitForURL(`**/instances/${auditId}`);
    // The audit's page names cases by pseudonym only, each with a link to its details.
    expect(await page.content()).not.toContain('Bilal Demo');
    const link = page.getByRole('link', { name: 'View identifying details of Case B' });
    expect(await link.getAttribute('href')).toBe(`/instances/${auditId}/cases/b/identifiers`);
    expect(await page.getByRole('link', { name: /^View identifying details/ }).count()).toBe(4);
    await checkAccessibility(page);

    const responded = page.waitForResponse((response) => response.url().endsWith('/identifiers'));
    await link.click();
    const response = await responded;
    expect(response.status()).toBe(200);
    expect(response.headers()['cache-control']).toBe('no-store');
    expect(await page.locator('h1').innerText()).toBe('Identifying details of Case B');
    const title = await page.title();
    expect(title).toMatch(
      /^Identifying details of Case B – RSCP-\w+-\d{4}-\d{3} – Safeguarding reviews$/,
    );
    expect(title).not.toContain('Bilal');
    expect(await page.locator('.govuk-warning-text').innerText()).toContain(
      'Viewing these details is recorded in the access log',
    );
    const details = await page.locator('.govuk-summary-list').innerText();
    expect(details).toContain('Bilal Demo');
    expect(details).toContain('Saturday 17 September 2016');
    expect(details).toContain('22 Sample Road, Riverside');
    expect(details).toMatch(/Riverside Police record number\s+RP-48201/);
    // One access-log row: this person viewed this audit's Case B.
    expect(await loggedViews(lead)).toEqual([
      { action: 'view', record_kind: 'case-identifiers', instance_id: auditId, case_key: 'B' },
    ]);
    await checkAccessibility(page);
    await screenshot(page, 'case-identifiers');

    // A case key that names no case (or is not written in lower case) is not found, unlogged.
    for (const key of ['z', 'B']) {
      const missing = await page.goto(
        `${web.baseUrl}/instances/${auditId}/cases/${key}/identifiers`,
      );
      expect(missing?.status()).toBe(404);
      await checkAccessibility(page);
    }
    expect(await loggedViews(lead)).toHaveLength(1);
    expect(pageErrors.filter((error) => !error.includes('status of 404'))).toEqual([]);
  });

  it('shows a lead safeguarding partner, who sees the audit but not who the children are, no link and a refusal, unlogged', async () => {
    const director = 'director.childrens@riverside.example';
    await signInAs(page, web, director, `/instances/${auditId}`);
    await page.waitForURL(`**/instances/${auditId}`);
    expect(await page.locator('h1').innerText()).toBe('Children known to mental health services');
    expect(await page.locator('.govuk-summary-list', { hasText: 'Case A' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: /identifying details/ }).count()).toBe(0);
    await checkAccessibility(page);

    const response = await page.goto(`${web.baseUrl}/instances/${auditId}/cases/a/identifiers`);
    expect(response?.status()).toBe(403);
    expect(await page.content()).not.toContain('Ava Demo');
    expect(await page.title()).not.toContain('Ava');
    await checkAccessibility(page);
    expect(await loggedViews(director)).toEqual([]);
    expect(pageErrors.filter((error) => !error.includes('status of 403'))).toEqual([]);
  });
});
