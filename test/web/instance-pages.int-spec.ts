import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { seedFullDemoWhenEmpty } from '../../src/seed/full-demo';
import {
  apiToken,
  createPartnership,
  dataSourceOf,
  httpServer,
} from '../access/support/access-fixtures';
import {
  checkAccessibility,
  launchBrowser,
  screenshot,
  signInAs,
  startWebApp,
  watchPageErrors,
  WebApp,
} from '../support/browser';
import { cellsOf } from './support/table-cells';

/** The cells of a table's body rows, by the caption that names the table. */
function tableRows(page: Page, caption: string): Promise<string[][]> {
  const table = page.locator('table', { has: page.locator('caption', { hasText: caption }) });
  return cellsOf(table.locator('tbody tr'));
}

describe('an audit’s or review’s page in Chromium', () => {
  let web: WebApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];
  let dataSource: DataSource;
  let partnershipId: string;
  let ids: { rapidReview: string; audit: string };

  async function personId(email: string): Promise<string> {
    const rows: Array<{ id: string }> = await dataSource.query(
      `SELECT id FROM people WHERE email = $1`,
      [email],
    );
    return rows[0].id;
  }

  async function as(email: string) {
    const token = await apiToken(web, await personId(email));
    const server = httpServer(web);
    return {
      post: (path: string, body: object) =>
        request(server).post(path).set('Authorization', `Bearer ${token}`).send(body),
    };
  }

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchBrowser()]);
    dataSource = dataSourceOf(web);
    await seedFullDemoWhenEmpty(dataSource);
    const instances: Array<{
      id: string;
      partnership_id: string;
      definition_key: string;
      name: string;
    }> = await dataSource.query(
      `SELECT id, partnership_id, definition_key,
              coalesce(snapshot #>> '{context,pseudonym}', title) AS name
         FROM workflow_instances ORDER BY created_at`,
    );
    partnershipId = instances[0].partnership_id;
    const find = (key: string, name: string): string => {
      const found = instances.find((row) => row.definition_key === key && row.name === name);
      if (!found) throw new Error(`The demo has no ${key} "${name}"`);
      return found.id;
    };
    ids = {
      rapidReview: find('practice-review', 'Child R'),
      audit: find('case-file-audit', 'Children known to mental health services'),
    };
    // An action plan on the rapid review, added as the business manager through the API.
    const manager = await as('business.manager@riverside.example');
    const recommendation = await manager
      .post(`/api/instances/${ids.rapidReview}/recommendations`, {
        text: 'Share police call-outs with health visitors the next working day.',
      })
      .expect(201);
    const agencies: Array<{ id: string }> = await dataSource.query(
      `SELECT id FROM agencies WHERE name = 'Riverside Police'`,
    );
    await manager
      .post(
        `/api/instances/${ids.rapidReview}/recommendations/${(recommendation.body as { id: string }).id}/actions`,
        {
          description: 'Agree an information-sharing protocol with the ICB.',
          ownerAgencyId: agencies[0].id,
          leadPersonId: await personId('safeguarding.lead@riverside-police.example'),
          dueOn: '2099-03-31',
        },
      )
      .expect(201);
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

  it('shows a practice review: timescales with RAG, stages, open tasks and holders, members, actions, timeline', async () => {
    await signInAs(page, web, 'chair@riverside.example', `/instances/${ids.rapidReview}`);
    await page.waitForURL(`**/instances/${ids.rapidReview}`);

    expect(await page.locator('h1').innerText()).toBe('Child R');
    expect(await page.title()).toMatch(
      /^RSCP-LCSPR-\d{4}-\d{3} – Practice review – Safeguarding reviews$/,
    );
    // The statutory timescales, computed by the reviews module, each with a RAG tag.
    const timescales = await tableRows(page, 'Progress against statutory timescales');
    expect(timescales).toEqual(
      expect.arrayContaining([
        [expect.stringMatching(/^Serious incident notification: done on day \d+ of 5$/), 'Done'],
        ['Rapid review: day 8 of 15', expect.stringMatching(/^(On track|At risk)$/)],
      ]),
    );
    // The stages as a task list.
    const stages: string[][] = [];
    for (const item of await page.locator('.govuk-task-list__item').all()) {
      stages.push([
        (await item.locator('.govuk-task-list__name-and-hint > div').first().innerText()).trim(),
        (await item.locator('.govuk-task-list__status').innerText()).trim(),
      ]);
    }
    expect(stages.slice(0, 3)).toEqual([
      ['Serious incident notification', 'Completed'],
      ['Rapid review', 'In progress'],
      ['National Panel response', 'Not yet started'],
    ]);
    expect(await page.locator('.govuk-task-list__item').nth(1).innerText()).toMatch(/Due \w+day/);
    // Open tasks and who holds them: the health agency's summary is the nurse's to finish.
    const tasks = await tableRows(page, 'Open tasks and who holds them');
    expect(tasks).toEqual(
      expect.arrayContaining([
        [
          expect.any(String),
          expect.stringMatching(/^Riverside Integrated Care Board: /),
          expect.any(String),
          expect.any(String),
        ],
      ]),
    );
    const members = await tableRows(page, 'Members and their roles');
    expect(members).toEqual(
      expect.arrayContaining([
        [expect.any(String), 'Panel chair', ''],
        [expect.any(String), 'Agency safeguarding lead', 'Riverside Police'],
      ]),
    );
    const actions = await tableRows(page, 'Actions of recommendation 1');
    expect(actions).toEqual([
      [
        '1.1 Agree an information-sharing protocol with the ICB.',
        expect.stringMatching(/^Riverside Police/),
        'Tuesday 31 March 2099',
        'Not started',
        expect.stringMatching(/^(On track|At risk)$/),
      ],
    ]);
    // The timeline, oldest first, in words, with who did it and the stages passed.
    const timeline = await tableRows(page, 'Who did what when');
    expect(timeline[0][1]).toBe('Started');
    expect(timeline.map((row) => row[1])).toEqual(
      expect.arrayContaining(['Serious incident notified', 'Agency summaries requested']),
    );
    const notified = timeline.find((row) => row[1] === 'Serious incident notified');
    expect(notified?.[2]).toBe('Asha Patel');
    expect(notified?.[3]).toBe('Serious incident notification to Rapid review');
    // No identifying details of the child, anywhere on the page.
    expect(await page.content()).not.toContain('Rosa Demo');
    await checkAccessibility(page);
    await screenshot(page, 'instance-review');
    expect(pageErrors).toEqual([]);
  });

  it('shows an audit: its plan, cases by pseudonym, returns, due dates and the way to raise a concern', async () => {
    await signInAs(page, web, 'business.manager@riverside.example', `/instances/${ids.audit}`);
    await page.waitForURL(`**/instances/${ids.audit}`);

    expect(await page.locator('h1').innerText()).toBe('Children known to mental health services');
    expect(await page.locator('.govuk-summary-list').first().innerText()).toContain(
      'Multi-agency case file audit',
    );
    const dueDates = await tableRows(page, 'The audit’s due dates');
    expect(dueDates.length).toBeGreaterThan(0);
    expect(dueDates[0][2]).toMatch(/^(On track|At risk|Overdue)$/);
    const returns = await tableRows(page, 'Each agency’s audit of each case');
    expect(returns).toEqual(expect.arrayContaining([['Riverside Police', 'Case A', 'Submitted']]));
    expect(await page.content()).not.toContain('Ava Demo');
    const concern = page.getByRole('button', { name: 'Raise an immediate concern' });
    expect(await concern.getAttribute('href')).toBe(`/instances/${ids.audit}/concerns/new`);
    await checkAccessibility(page);
    await screenshot(page, 'instance-audit');
    expect(pageErrors).toEqual([]);
  });

  it('shows a title with markup as text', async () => {
    const manager = await as('business.manager@riverside.example');
    const started = await manager
      .post(`/api/partnerships/${partnershipId}/reviews`, {
        kind: 'practice-review',
        details: {
          pseudonym: '<script>alert(1)</script>',
          awareOn: new Date().toISOString().slice(0, 10),
          childLookedAfter: false,
          incidentKind: 'serious-harm',
        },
      })
      .expect(201);
    const id = (started.body as { id: string }).id;
    await signInAs(page, web, 'business.manager@riverside.example', `/instances/${id}`);
    await page.waitForURL(`**/instances/${id}`);

    expect(await page.locator('h1').innerText()).toBe('<script>alert(1)</script>');
    expect(await page.content()).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    await checkAccessibility(page);
    expect(pageErrors).toEqual([]);
  });

  it('is not found for a member of another review, and for another partnership’s manager', async () => {
    // The reviewer sits on the reviews, not on the audit.
    await signInAs(page, web, 'reviewer@independent.example', `/instances/${ids.audit}`);
    let response = await page.reload();
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').innerText()).toBe('Page not found');
    expect(await page.content()).not.toContain('Children known to mental health services');
    await checkAccessibility(page);

    await createPartnership(dataSource, 'OSCP', [
      { email: 'manager@other.example', name: 'Other Manager', roles: ['business-manager'] },
    ]);
    await context.clearCookies();
    await signInAs(page, web, 'manager@other.example', `/instances/${ids.rapidReview}`);
    response = await page.reload();
    expect(response?.status()).toBe(404);
    expect(await page.content()).not.toContain('Child R');
    await checkAccessibility(page);
  });
});
