import type { Browser, BrowserContext, Page } from 'playwright-core';
import { auditWithCases } from '../audits/support/audit-setup';
import { buildAuditWorld, type AuditWorld } from '../audits/support/audit-world';
import {
  checkAccessibility,
  launchBrowser,
  screenshot,
  signInAs,
  startWebApp,
  watchPageErrors,
  WebApp,
} from '../support/browser';

const SCRIPT = '<script>window.injected = true</script>';

describe('recording what was done about an immediate concern in Chromium', () => {
  let web: WebApp;
  let browser: Browser;
  let world: AuditWorld;
  let audit: string;
  let concernId: string;
  const contexts: BrowserContext[] = [];

  async function newPage(): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    return { page, errors: watchPageErrors(page) };
  }

  const concernPath = (): string => `/instances/${audit}/concerns/${concernId}`;

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchBrowser()]);
    world = await buildAuditWorld(web, 'WEBK');
    audit = await auditWithCases(world);
    const raised = await world.people.policeLead.api
      .post(`/api/audits/${audit}/concerns`, { caseKey: 'A', concern: `Bruising. ${SCRIPT}` })
      .expect(201);
    concernId = raised.body.id as string;
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await web?.close();
  });

  it('shows the concern without the form to a panel member, refuses their forged post, and hides it from outsiders', async () => {
    const { page } = await newPage();
    await signInAs(page, web, world.people.panelMember.email, `${concernPath()}/raised`);
    expect(await page.locator('.govuk-panel__title').innerText()).toBe('Concern raised');
    await checkAccessibility(page);
    await page.getByRole('link', { name: 'See the concern and what was done about it' }).click();
    expect(new URL(page.url()).pathname).toBe(concernPath());
    expect(await page.title()).toBe('Immediate concern – Safeguarding reviews');
    expect(await page.locator('main .govuk-tag').innerText()).toBe('Open');
    const main = await page.locator('main').innerText();
    expect(main).toContain(`Bruising. ${SCRIPT}`);
    expect(main).toContain('Sam Policelead, Northshire Police');
    expect(main).toMatch(/Raised on\s+\w+day \d{1,2} \w+ \d{4}/);
    expect(await page.locator('form#step-form').count()).toBe(0);
    expect(await page.evaluate('window.injected === undefined')).toBe(true);
    await checkAccessibility(page);

    // A forged post with a valid session and CSRF token is still refused by the workflow's rule.
    // The sign-out form in the header carries the session's CSRF token.
    const token = await page.locator('input[name="_csrf"]').first().inputValue();
    const forged = await page.request.post(`${web.baseUrl}${concernPath()}`, {
      form: { _csrf: token, actionTaken: 'Nothing.' },
    });
    expect(forged.status()).toBe(403);

    const outsider = await newPage();
    await signInAs(outsider.page, web, world.people.outsider.email, '/');
    const hidden = await outsider.page.goto(`${web.baseUrl}${concernPath()}`);
    expect(hidden?.status()).toBe(404);
    await checkAccessibility(outsider.page);

    const rows = await world.dataSource.query<Array<{ status: string }>>(
      `SELECT status FROM immediate_concerns WHERE id = $1`,
      [concernId],
    );
    expect(rows).toEqual([{ status: 'open' }]);
  });

  it('lets the business manager record what was done after an empty submit names the field', async () => {
    const { page, errors } = await newPage();
    await signInAs(page, web, world.people.manager.email, concernPath());
    expect(await page.locator('h1').innerText()).toBe('Immediate concern');
    await checkAccessibility(page);

    const empty = page.waitForResponse((response) => response.request().method() === 'POST');
    await page.getByRole('button', { name: 'Record what was done' }).click();
    expect((await empty).status()).toBe(422);
    expect(await page.title()).toBe('Error: Immediate concern – Safeguarding reviews');
    expect(await page.locator('.govuk-error-summary__list a').allInnerTexts()).toEqual([
      'Enter what was done',
    ]);
    expect(await page.locator('#actionTaken-error').innerText()).toContain('Enter what was done');
    await checkAccessibility(page);
    await screenshot(page, 'concern-outcome-error');

    await page.fill('#actionTaken', `Strategy discussion held. ${SCRIPT}`);
    await page.getByRole('button', { name: 'Record what was done' }).click();
    expect(new URL(page.url()).pathname).toBe(concernPath());
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain(
      'What was done about the concern has been recorded.',
    );
    expect(await page.locator('main .govuk-tag').innerText()).toBe('Actioned');
    const main = await page.locator('main').innerText();
    expect(main).toContain(`Strategy discussion held. ${SCRIPT}`);
    expect(main).toContain('Asha Manager');
    expect(await page.locator('form#step-form').count()).toBe(0);
    expect(await page.evaluate('window.injected === undefined')).toBe(true);
    await checkAccessibility(page);
    await screenshot(page, 'concern-outcome');
    expect(errors.filter((error) => !/422/.test(error))).toEqual([]);

    const rows = await world.dataSource.query<Array<{ status: string; action_taken: string }>>(
      `SELECT status, action_taken FROM immediate_concerns WHERE id = $1`,
      [concernId],
    );
    expect(rows).toEqual([
      { status: 'actioned', action_taken: `Strategy discussion held. ${SCRIPT}` },
    ]);
  });
});
