import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BusinessCalendar } from '../../src/calendar';
import { adminServices } from '../../src/cli/commands';
import { inScope, SYSTEM_SCOPE } from '../../src/database/tenancy';
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

const today = new BusinessCalendar().todayInLondon(new Date());
const [year, month, day] = today.split('-').map(Number);

describe('doing a review’s steps in Chromium: a return, a decision, progress on an action', () => {
  let web: WebApp;
  let browser: Browser;
  let world: AuditWorld;
  let review: string;
  const contexts: BrowserContext[] = [];

  async function signedIn(email: string, path: string): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await signInAs(page, web, email, path);
    return { page, errors };
  }

  async function openTask(stepKey: string): Promise<string> {
    const rows = await world.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM tasks WHERE instance_id = $1 AND step_key = $2 AND status = 'open'`,
      [review, stepKey],
    );
    if (!rows[0]) throw new Error(`No open ${stepKey} task`);
    return `/instances/${review}/tasks/${rows[0].id}`;
  }

  async function event(type: string, payload: Record<string, unknown>): Promise<void> {
    await world.people.manager.api
      .post(`/api/reviews/${review}/events`, { type, payload })
      .expect(200);
  }

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchBrowser()]);
    world = await buildAuditWorld(web, 'WEBS');
    const { manager, policeLead, councilLead } = world.people;
    await inScope(world.dataSource, SYSTEM_SCOPE, (entityManager) =>
      adminServices(world.dataSource).people.setRoles(
        entityManager,
        world.partnershipId,
        councilLead.id,
        ['lead-safeguarding-partner'],
      ),
    );
    const started = await manager.api
      .post(`/api/partnerships/${world.partnershipId}/reviews`, {
        kind: 'practice-review',
        details: {
          pseudonym: 'Child H',
          awareOn: today,
          childLookedAfter: false,
          incidentKind: 'serious-harm',
        },
        members: [
          {
            personId: policeLead.id,
            role: 'agency-safeguarding-lead',
            agencyId: world.agencies.police,
          },
        ],
      })
      .expect(201);
    review = started.body.id as string;
    await event('SERIOUS_INCIDENT_NOTIFIED', { sentOn: today });
    await event('AGENCY_SUMMARIES_REQUESTED', { agencyIds: [world.agencies.police] });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await web?.close();
  });

  it('lets an agency lead draft their rapid review summary and send it', async () => {
    const path = await openTask('agency-summary');
    const { page, errors } = await signedIn(world.people.policeLead.email, path);
    expect(await page.locator('h1').innerText()).toBe(
      "Send your agency's summary for the rapid review",
    );
    await page.getByRole('button', { name: 'Save as draft' }).click();
    expect(await page.locator('.govuk-error-summary__list a').allInnerTexts()).toEqual([
      'Enter your text before you save or send it',
    ]);
    await checkAccessibility(page);

    await page.fill('#content', 'Known to the police since 2024. <b>Two call-outs</b>.');
    await page.getByRole('button', { name: 'Save as draft' }).click();
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain(
      'Your draft has been saved.',
    );
    expect(await page.inputValue('#content')).toBe(
      'Known to the police since 2024. <b>Two call-outs</b>.',
    );
    await page.getByRole('button', { name: 'Send' }).click();
    expect(await page.locator('main').innerText()).toContain(
      'Known to the police since 2024. <b>Two call-outs</b>.',
    );
    expect(await page.locator('main').innerText()).toContain('This task is done');
    await checkAccessibility(page);
    const returns = await world.dataSource.query<Array<{ status: string }>>(
      `SELECT status FROM review_returns WHERE instance_id = $1`,
      [review],
    );
    expect(returns).toEqual([{ status: 'submitted' }]);
    expect(errors.filter((error) => !/422/.test(error))).toEqual([]);
  });

  it('records the lead safeguarding partners’ decision, naming a missing date inline', async () => {
    await event('RAPID_REVIEW_MEETING_HELD', { heldOn: today });
    const path = await openTask('rapid-review-decision');

    // The business manager sees the step, read-only, with the workflow's reason.
    const manager = await signedIn(world.people.manager.email, path);
    expect(await manager.page.locator('.govuk-inset-text').innerText()).toContain(
      'lead safeguarding partner',
    );
    expect(await manager.page.locator('form#step-form').count()).toBe(0);
    await checkAccessibility(manager.page);

    const { page, errors } = await signedIn(world.people.councilLead.email, path);
    await page.getByLabel('Hold a local child safeguarding practice review').check();
    const refused = page.waitForResponse((response) => response.request().method() === 'POST');
    await page.getByRole('button', { name: 'Record the decision' }).click();
    expect((await refused).status()).toBe(422);
    expect(await page.locator('.govuk-error-summary__list a').allInnerTexts()).toEqual([
      'Enter the date of the decision',
    ]);
    expect(await page.locator('#decidedOn-error').innerText()).toContain(
      'Enter the date of the decision',
    );
    expect(
      await page.getByLabel('Hold a local child safeguarding practice review').isChecked(),
    ).toBe(true);
    await checkAccessibility(page);
    await screenshot(page, 'decision');

    // A second tab keeps the decision open, to be sent again once it is stale.
    const stale = await page.context().newPage();
    await stale.goto(page.url().replace(/\/decision$/, ''));

    await page.fill('#decidedOn-day', String(day));
    await page.fill('#decidedOn-month', String(month));
    await page.fill('#decidedOn-year', String(year));
    await page.getByRole('button', { name: 'Record the decision' }).click();
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Recorded.');
    expect(await page.locator('main').innerText()).toContain('This task is done');
    await checkAccessibility(page);
    const decided = await world.dataSource.query<Array<{ type: string }>>(
      `SELECT type FROM workflow_events WHERE instance_id = $1 AND type = 'RAPID_REVIEW_DECIDED'`,
      [review],
    );
    expect(decided).toHaveLength(1);

    await stale.getByLabel('No local review').check();
    await stale.fill('#decidedOn-day', String(day));
    await stale.fill('#decidedOn-month', String(month));
    await stale.fill('#decidedOn-year', String(year));
    const conflict = stale.waitForResponse((response) => response.request().method() === 'POST');
    await stale.getByRole('button', { name: 'Record the decision' }).click();
    expect((await conflict).status()).toBe(409);
    expect(await stale.locator('.govuk-error-summary').innerText()).toContain(
      'This audit or review changed after you opened this page, so nothing was recorded.',
    );
    await checkAccessibility(stale);
    expect(errors.filter((error) => !/409|422/.test(error))).toEqual([]);
  });

  it('takes an action’s owner from the follow-up task to a progress update shown on the action', async () => {
    const { manager, policeLead } = world.people;
    const recommendation = await manager.api
      .post(`/api/instances/${review}/recommendations`, {
        text: 'Agencies share strategy discussion minutes.',
      })
      .expect(201);
    const action = await manager.api
      .post(`/api/instances/${review}/recommendations/${recommendation.body.id}/actions`, {
        description: 'Police send minutes to health within a day.',
        ownerAgencyId: world.agencies.police,
        leadPersonId: policeLead.id,
        dueOn: new BusinessCalendar().addWorkingDays(today, 30),
      })
      .expect(201);
    const actionId = action.body.id as string;

    const { page, errors } = await signedIn(
      policeLead.email,
      await openTask(`adhoc:action-${actionId}`),
    );
    expect(await page.locator('h1').innerText()).toBe('Report progress on action 1.1');
    await checkAccessibility(page);
    await page.getByRole('button', { name: 'Report progress' }).click();

    await page.getByLabel('Done: ask for it to be closed').check();
    await page.getByRole('button', { name: 'Send update' }).click();
    expect(await page.locator('.govuk-error-summary__list a').allInnerTexts()).toEqual([
      'Enter what has been done since the last update',
      'Enter the evidence of impact, to ask for the action to be closed',
    ]);
    await checkAccessibility(page);

    await page.getByLabel('Still in progress').check();
    await page.fill('#note', 'Minutes now go to health the same day.');
    await page.getByRole('button', { name: 'Send update' }).click();
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain(
      'Your update has been recorded.',
    );
    const history = await page.locator('main').innerText();
    expect(history).toContain('Progress update');
    expect(history).toContain('Minutes now go to health the same day.');
    expect(history).toContain('In progress');
    await checkAccessibility(page);
    expect(errors.filter((error) => !/422/.test(error))).toEqual([]);
  });
});
