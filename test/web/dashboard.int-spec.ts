import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { IsoDate } from '../../src/calendar';
import { freePort } from '../../src/dev/free-port';
import { createPartnership } from '../access/support/access-fixtures';
import { incident, startReviewWorld, type ReviewWorld } from '../reviews/support/review-world';
import {
  checkAccessibility,
  launchBrowser,
  screenshot,
  signInAs,
  watchPageErrors,
  WebApp,
} from '../support/browser';
import { cellsOf } from './support/table-cells';

/** The dashboard's rows as the cells a person reads. */
function dashboardRows(page: Page): Promise<string[][]> {
  return cellsOf(page.locator('table.app-dashboard-table tbody tr'));
}

describe('the dashboard in Chromium', () => {
  let world: ReviewWorld;
  let web: WebApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];
  let lastWorkingDay: IsoDate;
  const refs: Record<'chaired' | 'other' | 'late' | 'learning', { id: string; reference: string }> =
    {} as never;

  beforeAll(async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    [world, browser] = await Promise.all([
      startReviewWorld({ code: 'DSCP', env: { PORT: String(port), APP_URL: baseUrl } }),
      launchBrowser(),
    ]);
    await world.harness.app.listen(port, '127.0.0.1');
    web = { ...world.harness, baseUrl };
    // Sign-in emails greet people by name, and a name has no brackets: drop the world's "(DSCP)".
    await world.dataSource.query(
      `UPDATE people SET display_name = regexp_replace(display_name, ' \\(.*\\)$', '')`,
    );
    const { calendar, people } = world;
    const today = calendar.todayInLondon(world.clock.now());
    lastWorkingDay = calendar.subtractWorkingDays(today, 0);
    const ago = (days: number) => calendar.subtractWorkingDays(lastWorkingDay, days);
    const open = async (kind: string, details: object, members: object[] = []) => {
      const response = await people.manager.api
        .post(`/api/partnerships/${world.id}/reviews`, { kind, details, members })
        .expect(201);
      const body = response.body as { id: string; reference: string };
      return { id: body.id, reference: body.reference };
    };
    refs.chaired = await open('practice-review', incident(ago(3), 'Child H'), [
      { personId: people.panelChair.id, role: 'panel-chair' },
      {
        personId: people.policeLead.id,
        role: 'agency-safeguarding-lead',
        agencyId: world.agencies.police,
      },
    ]);
    refs.other = await open('practice-review', incident(ago(1), 'Child J'), [
      { personId: people.panelMember.id, role: 'panel-member' },
    ]);
    refs.late = await open('practice-review', incident(ago(10), 'Child C'));
    refs.learning = await open('learning-review', {
      pseudonym: 'Child E',
      referredOn: ago(2),
      referralSource: 'agency',
    });
  });

  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    pageErrors = watchPageErrors(page);
  });

  afterEach(async () => {
    await context?.close();
  });

  const dashboardPath = () => `/partnerships/${world.id}/dashboard`;

  it('shows a panel chair their review’s progress change as the review moves on', async () => {
    await signInAs(page, web, world.people.panelChair.email, '/dashboard');
    await page.waitForURL(`**${dashboardPath()}`);

    expect(await page.locator('h1').innerText()).toBe('Dashboard');
    // Only the review they chair; no partnership counts, which their role does not read.
    const before = await dashboardRows(page);
    expect(before).toEqual([
      [
        refs.chaired.reference,
        'Practice review',
        'Serious incident notification',
        expect.stringMatching(/^\w+day \d+ \w+ \d{4}$/),
        '2 working days left',
        'At risk',
      ],
    ]);
    expect(await page.getByRole('heading', { name: 'Across the partnership' }).count()).toBe(0);
    await checkAccessibility(page);

    await world.people.manager.api
      .event(refs.chaired.id, 'SERIOUS_INCIDENT_NOTIFIED', { sentOn: lastWorkingDay })
      .expect(200);
    await page.reload();

    const after = await dashboardRows(page);
    expect(after).toEqual([
      [
        refs.chaired.reference,
        'Practice review',
        'Rapid review',
        expect.stringMatching(/^\w+day \d+ \w+ \d{4}$/),
        expect.stringMatching(/^\d+ working days left$/),
        'On track',
      ],
    ]);
    expect(after[0][3]).not.toBe(before[0][3]);
    expect(pageErrors).toEqual([]);
  });

  it('filters and sorts by keyboard, keeping the choices', async () => {
    await signInAs(page, web, world.people.manager.email, dashboardPath());
    await page.waitForURL(`**${dashboardPath()}`);
    expect((await dashboardRows(page)).map((row) => row[0]).sort()).toEqual(
      Object.values(refs)
        .map((ref) => ref.reference)
        .sort(),
    );
    // Soonest due first: the late review leads.
    expect((await dashboardRows(page))[0]).toEqual([
      refs.late.reference,
      'Practice review',
      'Serious incident notification',
      expect.any(String),
      expect.stringMatching(/^\d+ working days? overdue$/),
      'Overdue',
    ]);
    await screenshot(page, 'dashboard');
    await checkAccessibility(page);

    // Waits for the address the new choice gives: the page before already has a query string.
    const submitByKeyboard = async (expectedQuery: RegExp) => {
      for (let i = 0; i < 10; i++) {
        await page.keyboard.press('Tab');
        if ((await page.evaluate('document.activeElement.textContent.trim()')) === 'Apply') break;
      }
      await Promise.all([page.waitForURL(expectedQuery), page.keyboard.press('Enter')]);
      await page.waitForLoadState('load');
    };
    await page.getByLabel('Type').focus();
    await page.keyboard.type('Practice');
    await page.getByLabel('Sort by').focus();
    await page.keyboard.type('Reference');
    await submitByKeyboard(/kind=practice-review/);

    expect(page.url()).toContain('kind=practice-review');
    expect(page.url()).toContain('sort=reference');
    expect(await page.getByLabel('Type').inputValue()).toBe('practice-review');
    expect(await page.getByLabel('Sort by').inputValue()).toBe('reference');
    expect((await dashboardRows(page)).map((row) => row[0])).toEqual(
      [refs.chaired, refs.other, refs.late].map((ref) => ref.reference).sort(),
    );
    expect(await page.locator('#dashboard-count').innerText()).toBe('Showing 3 of 4.');

    await page.getByLabel('Status').focus();
    await page.keyboard.type('Overdue');
    await submitByKeyboard(/rag=red/);
    expect(await page.getByLabel('Status').inputValue()).toBe('red');
    expect(await page.getByLabel('Type').inputValue()).toBe('practice-review');
    expect((await dashboardRows(page)).map((row) => row[0])).toEqual([refs.late.reference]);
    await checkAccessibility(page);
    expect(pageErrors).toEqual([]);
  });

  it('counts what is overdue by agency for the business unit', async () => {
    await signInAs(page, web, world.people.manager.email, dashboardPath());
    await page.waitForURL(`**${dashboardPath()}`);

    const summary = page.locator('h2:has-text("Across the partnership") + p');
    expect(await summary.innerText()).toMatch(
      /^4 live audits and reviews, \d+ with overdue tasks\.$/,
    );
    const tasks = page.locator('table', {
      has: page.locator('caption', { hasText: 'Overdue tasks by agency' }),
    });
    expect(await tasks.locator('tbody').innerText()).toMatch(
      /Held by a role, not one agency\s+\d+/,
    );
    await checkAccessibility(page);
  });

  it('shows a board member the counts but no case rows', async () => {
    await signInAs(page, web, world.people.board.email, dashboardPath());
    await page.waitForURL(`**${dashboardPath()}`);

    expect(await page.getByRole('heading', { name: 'Across the partnership' }).count()).toBe(1);
    expect(await page.locator('table.app-dashboard-table').count()).toBe(0);
    expect(await page.locator('a[href^="/instances/"]').count()).toBe(0);
    expect(await page.locator('main').innerText()).toContain(
      'You are not a member of any live audit or review in this partnership.',
    );
    await checkAccessibility(page);
    expect(pageErrors).toEqual([]);
  });

  it('keeps another review’s members and other partnerships out', async () => {
    await signInAs(page, web, world.people.panelMember.email, dashboardPath());
    await page.waitForURL(`**${dashboardPath()}`);
    expect((await dashboardRows(page)).map((row) => row[0])).toEqual([refs.other.reference]);
    await checkAccessibility(page);
    const response = await page.goto(`${web.baseUrl}/instances/${refs.chaired.id}`);
    expect(response?.status()).toBe(404);
    await checkAccessibility(page);

    const elsewhere = await world.partnership('ESCP');
    await world.dataSource.query(
      `UPDATE people SET display_name = regexp_replace(display_name, ' \\(.*\\)$', '')`,
    );
    await context.clearCookies();
    await signInAs(page, web, elsewhere.people.manager.email, '/dashboard');
    await page.waitForURL(`**/partnerships/${elsewhere.id}/dashboard`);
    expect(await page.locator('main').innerText()).not.toContain(refs.chaired.reference);
    await checkAccessibility(page);
    const theirs = await page.goto(`${web.baseUrl}${dashboardPath()}`);
    expect(theirs?.status()).toBe(404);
    await checkAccessibility(page);
    const instance = await page.goto(`${web.baseUrl}/instances/${refs.chaired.id}`);
    expect(instance?.status()).toBe(404);
  });

  it('lets someone in two partnerships choose whose dashboard to see', async () => {
    await createPartnership(world.dataSource, 'TSCP', [
      { email: world.people.chair.email, name: 'Helen Chair', roles: ['partnership-chair'] },
      { email: 'manager@tscp.example', name: 'Tess Manager', roles: ['business-manager'] },
    ]);
    await signInAs(page, web, world.people.chair.email, '/dashboard');
    await page.waitForURL('**/dashboard');

    expect(await page.locator('h1').innerText()).toBe('Choose a partnership');
    expect(await page.locator('main a').allInnerTexts()).toEqual([
      'DSCP Safeguarding Children Partnership',
      'TSCP Safeguarding Children Partnership',
    ]);
    await checkAccessibility(page);
    await page.getByRole('link', { name: 'DSCP Safeguarding Children Partnership' }).focus();
    await Promise.all([page.waitForURL(`**${dashboardPath()}`), page.keyboard.press('Enter')]);
    expect(await page.locator('.govuk-caption-l').innerText()).toBe(
      'DSCP Safeguarding Children Partnership',
    );
    expect(pageErrors).toEqual([]);
  });
});
