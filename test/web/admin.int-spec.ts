import type { Transporter } from 'nodemailer';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import type { AccessContext } from '../../src/access/access-context';
import { PERMISSION_TABLE } from '../../src/access/permission-table';
import { AuditCasesService } from '../../src/audits/cases/audit-cases.service';
import { BusinessCalendar } from '../../src/calendar';
import { SettableClock } from '../../src/common/clock';
import type { AppConfig } from '../../src/config/config';
import { inScope, partnershipScope, SYSTEM_SCOPE } from '../../src/database/tenancy';
import { freePort } from '../../src/dev/free-port';
import { SmtpSink } from '../../src/dev/smtp-sink';
import { MailSender } from '../../src/mail/mail-sender';
import { createMailTransport } from '../../src/mail/mail-transport';
import { AgenciesService } from '../../src/people/agencies.service';
import { PeopleService } from '../../src/people/people.service';
import { createRedisConnection } from '../../src/queue/redis';
import { ReminderSystem } from '../../src/reminders/reminder-system';
import { seedFullDemoWhenEmpty } from '../../src/seed/full-demo';
import { STALE_SETTINGS_MESSAGE } from '../../src/web/admin/reminder-settings/reminder-settings-page.controller';
import {
  createPartnership,
  dataSourceOf,
  type PersonFixture,
} from '../access/support/access-fixtures';
import { startPracticeReview } from '../instances/support/instance-fixtures';
import {
  checkAccessibility,
  launchBrowser,
  screenshot,
  signInAs as signInWithLink,
  startWebApp,
  watchPageErrors,
  WebApp,
} from '../support/browser';

/** A Redis database of this file's own, so other files' workers never take its jobs. */
function isolatedRedisUrl(): string {
  const url = new URL(process.env.REDIS_URL ?? '');
  url.pathname = '/6';
  return url.toString();
}

const MANAGER = 'business.manager@riverside.example';
const OFFICER = 'business.officer@riverside.example';
const POLICE_LEAD = 'safeguarding.lead@riverside-police.example';
const MAIL_FROM = 'Safeguarding Reviews <no-reply@reviews.example.org>';

/** What the page's table rows offer (the test's TypeScript has no DOM types). */
interface RowLike {
  querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
}

/** The cells of a table's body rows, by the caption that names the table. */
async function tableRows(page: Page, caption?: string): Promise<string[][]> {
  const table = caption
    ? page.locator('table', { has: page.locator('caption', { hasText: caption }) })
    : page.locator('table');
  return table
    .locator('tbody tr')
    .evaluateAll((rows: unknown[]) =>
      rows.map((row) =>
        Array.from((row as RowLike).querySelectorAll('th, td')).map((cell) =>
          (cell.textContent ?? '').replace(/\s+/g, ' ').trim(),
        ),
      ),
    );
}

/**
 * Presses Tab until the focused element's text, value or label matches, as someone using a
 * keyboard would; fails when it is not reachable within `limit` presses.
 */
async function tabTo(page: Page, target: string | RegExp, limit = 120): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(`(() => {
      const el = document.activeElement;
      if (!el) return '';
      const label = el.id ? document.querySelector('label[for="' + el.id + '"]') : null;
      return [el.textContent, el.getAttribute('aria-label'), label ? label.textContent : '']
        .map((text) => (text || '').replace(/\\s+/g, ' ').trim()).join(' | ');
    })()`);
    const text = String(focused);
    if (typeof target === 'string' ? text.includes(target) : target.test(text)) return;
  }
  throw new Error(`Could not reach ${String(target)} with the Tab key`);
}

/** Page errors other than the browser noting a refusal or a form shown again (403, 409, 422). */
function unexpected(errors: string[]): string[] {
  return errors.filter(
    (error) =>
      !/Failed to load resource: the server responded with a status of 4(03|09|22)/.test(error),
  );
}

describe('administration pages in Chromium', () => {
  let web: WebApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];
  let dataSource: DataSource;
  let partnershipId: string;
  let admin: string;

  const signedIn = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();

  /**
   * Signs in through the emailed link the first time, then reuses that browser's cookies: asking
   * for a link is limited to a few times per address.
   */
  async function signInAs(target: Page, email: string, next: string): Promise<Page> {
    const state = signedIn.get(email);
    if (!state) {
      await signInWithLink(target, web, email, next);
      signedIn.set(email, await target.context().storageState());
      return target;
    }
    await context.close();
    context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      storageState: state,
    });
    page = await context.newPage();
    pageErrors = watchPageErrors(page);
    await page.goto(`${web.baseUrl}${next}`);
    return page;
  }

  async function personId(email: string): Promise<string> {
    const rows: Array<{ id: string }> = await dataSource.query(
      `SELECT id FROM people WHERE email = $1`,
      [email],
    );
    return rows[0].id;
  }

  beforeAll(async () => {
    [web, browser] = await Promise.all([
      startWebApp({ REDIS_URL: isolatedRedisUrl() }),
      launchBrowser(),
    ]);
    dataSource = dataSourceOf(web);
    await seedFullDemoWhenEmpty(dataSource);
    const rows: Array<{ id: string }> = await dataSource.query(
      `SELECT id FROM partnerships WHERE code = 'RSCP'`,
    );
    partnershipId = rows[0].id;
    admin = `${web.baseUrl}/partnerships/${partnershipId}/admin`;
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

  it('takes the business manager from /admin to their partnership’s index of every admin page', async () => {
    page = await signInAs(page, MANAGER, '/admin');
    await page.waitForURL(admin);

    expect(await page.title()).toBe('Administration – Safeguarding reviews');
    expect(await page.locator('h1').innerText()).toBe('Administration');
    expect(await page.locator('main h2').allInnerTexts()).toEqual([
      'People',
      'Agencies',
      'Members of audits and reviews',
      'Audit tools',
      'Reminder settings',
      'Failed emails',
      'Access log',
    ]);
    expect(await page.locator('.govuk-service-navigation__link').allInnerTexts()).toContain(
      'Administration',
    );
    await checkAccessibility(page);
    await screenshot(page, 'admin-index');
    expect(unexpected(pageErrors)).toEqual([]);
  });

  it('lets the business manager add a person, correcting an invalid email, grant them a role and see them listed', async () => {
    page = await signInAs(page, MANAGER, `/partnerships/${partnershipId}/admin/people`);
    await page.waitForURL(`${admin}/people`);
    await checkAccessibility(page);

    await tabTo(page, 'Add a person');
    await Promise.all([page.waitForURL(`${admin}/people/new`), page.keyboard.press('Enter')]);
    expect(await page.locator('h1').innerText()).toBe('Add a person');
    await checkAccessibility(page);

    await tabTo(page, 'Full name');
    await page.keyboard.type('Nia Okafor');
    await page.keyboard.press('Tab');
    await page.keyboard.type('nia.okafor at riverside-police');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Riverside Police');
    await tabTo(page, 'Add person');
    const [invalid] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'POST'),
      page.keyboard.press('Enter'),
    ]);
    await page.locator('.govuk-error-summary').waitFor();

    expect(invalid.status()).toBe(422);
    expect(await page.title()).toBe('Error: Add a person – Safeguarding reviews');
    expect(await page.locator('.govuk-error-summary__list a').allInnerTexts()).toEqual([
      'Enter an email address in the correct format, like name@example.com',
    ]);
    expect(await page.locator('#email-error').innerText()).toContain('correct format');
    expect(await page.locator('#displayName').inputValue()).toBe('Nia Okafor');
    expect(await page.locator('#email').inputValue()).toBe('nia.okafor at riverside-police');
    expect(await page.locator('#agencyId option:checked').innerText()).toBe('Riverside Police');
    await checkAccessibility(page);

    // From the error summary to the field, then put it right.
    await page.locator('[data-govuk-error-summary-init]').waitFor({ state: 'attached' });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('email');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('nia.okafor@riverside-police.example');
    await Promise.all([page.waitForURL(/\/people\?done=added/), page.keyboard.press('Enter')]);

    expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain(
      'Nia Okafor has been added to the partnership',
    );
    const niaId = await personId('nia.okafor@riverside-police.example');
    expect(await page.locator(`tr[data-person-id="${niaId}"]`).innerText()).toMatch(
      /Nia Okafor\s+nia\.okafor@riverside-police\.example\s+Riverside Police\s+None/,
    );
    await checkAccessibility(page);

    await tabTo(page, 'Change roles of Nia Okafor');
    await Promise.all([
      page.waitForURL(`${admin}/people/${niaId}/roles`),
      page.keyboard.press('Enter'),
    ]);
    expect(await page.locator('h1').innerText()).toBe('Roles of Nia Okafor');
    await checkAccessibility(page);
    await tabTo(page, 'Board member');
    await page.keyboard.press('Space');
    await tabTo(page, 'Save roles');
    await Promise.all([page.waitForURL(/\/people\?done=roles/), page.keyboard.press('Enter')]);

    expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain(
      'Nia Okafor now has the roles shown',
    );
    expect(await page.locator(`tr[data-person-id="${niaId}"]`).innerText()).toContain(
      'Board member',
    );
    await checkAccessibility(page);
    await screenshot(page, 'admin-people');
    expect(unexpected(pageErrors)).toEqual([]);
  });

  it('shows a business officer the people but no way to grant roles, and refuses a forged grant with the reason', async () => {
    page = await signInAs(page, OFFICER, '/admin');
    await page.waitForURL(admin);
    const pages = await page.locator('main h2').allInnerTexts();
    expect(pages).toContain('People');
    expect(pages).not.toContain('Access log');

    await page.goto(`${admin}/people`);
    expect(await page.locator('a', { hasText: 'Change agency' }).count()).toBeGreaterThan(0);
    expect(await page.locator('a', { hasText: 'Change roles' }).count()).toBe(0);
    await checkAccessibility(page);

    // A grant forged from this page, with a valid CSRF token.
    const target = await personId(OFFICER);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.evaluate(
        `(() => {
          const form = document.createElement('form');
          form.method = 'post';
          form.action = ${JSON.stringify(`/partnerships/${partnershipId}/admin/people/${target}/roles`)};
          for (const [name, value] of [['_csrf', document.querySelector('input[name=_csrf]').value], ['roles', 'business-manager']]) {
            const input = document.createElement('input');
            input.type = 'hidden';
            input.name = name;
            input.value = value;
            form.appendChild(input);
          }
          document.body.appendChild(form);
          form.submit();
        })()`,
      ),
    ]);
    await page.waitForURL(/\/roles$/);

    expect(response.status()).toBe(403);
    expect(await page.locator('main').innerText()).toContain(
      PERMISSION_TABLE['people.grant-roles'].refusal,
    );
    await checkAccessibility(page);
    const roles: Array<{ roles: string[] }> = await dataSource.query(
      `SELECT roles FROM partnership_members WHERE person_id = $1`,
      [target],
    );
    expect(roles[0].roles).toEqual(['business-officer']);
  });

  it('refuses an agency lead administration with the reason, and shows them no Administration in the menu', async () => {
    page = await signInAs(page, POLICE_LEAD, '/tasks');
    expect(await page.locator('.govuk-service-navigation__link').allInnerTexts()).not.toContain(
      'Administration',
    );

    const response = await page.goto(admin);
    expect(response?.status()).toBe(403);
    expect(await page.locator('main').innerText()).toContain(
      PERMISSION_TABLE['people.read'].refusal,
    );
    expect(await page.locator('.govuk-service-navigation__link').allInnerTexts()).not.toContain(
      'Administration',
    );
    await checkAccessibility(page);

    // /admin sends them to the same refusal.
    const start = await page.goto(`${web.baseUrl}/admin`);
    expect(start?.status()).toBe(403);
    expect(page.url()).toBe(admin);
  });

  it('changes the reminder settings, and tells someone whose form went stale without losing what they typed', async () => {
    page = await signInAs(page, MANAGER, `/partnerships/${partnershipId}/admin/reminder-settings`);
    await page.waitForURL(`${admin}/reminder-settings`);
    expect(await page.locator('#daysBefore').inputValue()).toBe('5, 1');
    await checkAccessibility(page);

    // Someone else opens the same form before this save.
    const other = await context.newPage();
    await other.goto(`${admin}/reminder-settings`);

    await tabTo(page, 'Working days before the due date');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('3, 1');
    await tabTo(page, 'Time reminders are sent');
    await page.keyboard.type('10am');
    await tabTo(page, 'Save reminder settings');
    await Promise.all([
      page.waitForURL(/reminder-settings\?done=saved/),
      page.keyboard.press('Enter'),
    ]);
    expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain(
      'The reminder settings have been saved',
    );
    expect(await page.locator('#daysBefore').inputValue()).toBe('3, 1');
    expect(await page.locator('#sendAtHour option:checked').innerText()).toBe('10am');
    await checkAccessibility(page);
    await screenshot(page, 'admin-reminder-settings');

    // The other form was read before that save.
    await other.locator('#overdueEveryWorkingDays').fill('4');
    const [stale] = await Promise.all([
      other.waitForResponse((r) => r.request().method() === 'POST'),
      other.getByRole('button', { name: 'Save reminder settings' }).click(),
    ]);
    await other.locator('.govuk-error-summary').waitFor();
    expect(stale.status()).toBe(409);
    expect(await other.locator('.govuk-error-summary').innerText()).toContain(
      STALE_SETTINGS_MESSAGE,
    );
    expect(await other.locator('#overdueEveryWorkingDays').inputValue()).toBe('4');
    expect(await other.locator('#saved-settings').innerText()).toMatch(
      /Working days before the due date\s+3, 1/,
    );
    await checkAccessibility(other);

    // Having seen the saved settings, they can save theirs.
    await Promise.all([
      other.waitForURL(/reminder-settings\?done=saved/),
      other.getByRole('button', { name: 'Save reminder settings' }).click(),
    ]);
    expect(await other.locator('#overdueEveryWorkingDays').inputValue()).toBe('4');
    expect(unexpected(pageErrors)).toEqual([]);
  });

  it('adds a member to an audit with a role and removes them again', async () => {
    page = await signInAs(page, MANAGER, `/partnerships/${partnershipId}/admin/memberships`);
    await page.waitForURL(`${admin}/memberships`);
    await checkAccessibility(page);
    await page
      .getByRole('row', { name: /Children known to mental health services/ })
      .getByRole('link', { name: /Members/ })
      .click();
    await page.waitForURL(/\/instances\/[0-9a-f-]+\/members$/);
    const membersUrl = page.url();
    await checkAccessibility(page);

    // Nothing chosen: the errors, at their fields.
    await page.getByRole('button', { name: 'Add member' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('.govuk-error-summary__list a').allInnerTexts()).toEqual([
      'Select a person',
      'Select their role on this audit or review',
    ]);
    await checkAccessibility(page);

    await tabTo(page, 'Person');
    await page.keyboard.type('Morgan Ellis');
    // A radio group is one Tab stop; the arrow keys choose within it.
    await tabTo(page, 'Panel chair');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('input[name=role]:checked').getAttribute('value')).toBe(
      'independent-reviewer',
    );
    await tabTo(page, 'Add member');
    await Promise.all([page.waitForURL(/members\?done=added/), page.keyboard.press('Enter')]);
    expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain(
      'Morgan Ellis has been added as independent reviewer',
    );
    expect(await tableRows(page, 'Who is on it')).toContainEqual([
      'Morgan Ellis',
      'Independent reviewer',
      'None',
      'Remove Morgan Ellis as independent reviewer',
    ]);
    await checkAccessibility(page);

    await tabTo(page, 'Remove Morgan Ellis as independent reviewer');
    await Promise.all([page.waitForURL(/members\?done=removed/), page.keyboard.press('Enter')]);
    expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain(
      'Morgan Ellis is no longer independent reviewer',
    );
    expect(page.url().startsWith(membersUrl)).toBe(true);
    expect(unexpected(pageErrors)).toEqual([]);
  });

  it('publishes a new audit tool version from the latest one’s domains and questions', async () => {
    page = await signInAs(page, MANAGER, `/partnerships/${partnershipId}/admin/audit-tools`);
    await page.waitForURL(`${admin}/audit-tools`);
    await checkAccessibility(page);
    await page.getByRole('link', { name: /^Version 1/ }).click();
    await page.waitForURL(/\/versions\/1$/);
    expect(await page.locator('main h3').allInnerTexts()).toContain('Voice of the child');
    await checkAccessibility(page);

    await page.goto(`${admin}/audit-tools`);
    await tabTo(page, 'Make a new version');
    await Promise.all([page.waitForURL(/\/versions\/new$/), page.keyboard.press('Enter')]);
    expect(await page.locator('#domains-0-title').inputValue()).toBe('Voice of the child');
    await checkAccessibility(page);

    // A new domain with a question but no title.
    await page.locator('#domains-4-questions-0-text').fill('Was early help offered?');
    await page.getByRole('button', { name: /^Publish version 2/ }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('.govuk-error-summary__list a').allInnerTexts()).toEqual([
      'Enter a title for domain 5',
    ]);
    expect(await page.locator('#domains-4-questions-0-text').inputValue()).toBe(
      'Was early help offered?',
    );
    await checkAccessibility(page);

    await page.locator('#domains-4-title').fill('Early help');
    await Promise.all([
      page.waitForURL(/audit-tools\?done=published/),
      page.getByRole('button', { name: /^Publish version 2/ }).click(),
    ]);
    expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain(
      'Version 2 of Multi-agency case file audit tool has been published',
    );
    await page.getByRole('link', { name: /^Version 2/ }).click();
    expect(await page.locator('main').innerText()).toContain('Was early help offered?');
    // The running audit keeps the version it started with.
    const pinned: Array<{ version: number }> = await dataSource.query(
      `SELECT v.version FROM audits a JOIN audit_tool_versions v ON v.id = a.tool_version_id`,
    );
    expect(pinned.map((row) => row.version)).toEqual([1]);
    expect(unexpected(pageErrors)).toEqual([]);
  });

  it('shows in the access log a view of identifying details, by pseudonym only', async () => {
    const audits: Array<{ id: string; reference: string }> = await dataSource.query(
      `SELECT id, reference FROM workflow_instances WHERE definition_key = 'case-file-audit'`,
    );
    const officerId = await personId(OFFICER);
    const access: AccessContext = {
      principal: {
        personId: officerId,
        displayName: 'Tom Reid',
        authenticatedBy: 'session',
        memberships: [{ partnershipId, agencyId: null, roles: ['business-officer'] }],
      },
      action: 'case-identifiers.view',
      partnershipId,
      instance: { id: audits[0].id, roles: [] },
      scope: partnershipScope([partnershipId]),
    };
    const viewed = await web.app
      .get(AuditCasesService, { strict: false })
      .viewIdentifiers(access, audits[0].id, 'A');

    page = await signInAs(page, MANAGER, `/partnerships/${partnershipId}/admin/access-log`);
    await page.waitForURL(`${admin}/access-log`);

    const rows = await tableRows(page);
    expect(rows[0]).toEqual([
      expect.stringMatching(/^\w+day \d{1,2} \w+ \d{4} at /),
      'Tom Reid',
      'Viewed',
      `Case A of ${audits[0].reference}`,
    ]);
    const text = await page.locator('main').innerText();
    expect(text).not.toContain(viewed.fullName);
    expect(text).not.toContain(viewed.dateOfBirth);
    expect(text).not.toContain('2 May 2013');
    expect(text).not.toContain(viewed.address ?? '(none)');
    await checkAccessibility(page);
    await screenshot(page, 'admin-access-log');
    expect(unexpected(pageErrors)).toEqual([]);
  });

  it('shows a name containing <script> as text, and refuses one in the form keeping it as typed', async () => {
    const scriptAgency = '<script>window.xssRan = 1</script> Trust';
    const scriptPerson = '<script>window.xssRan = 2</script>';
    await inScope(dataSource, SYSTEM_SCOPE, async (manager) => {
      const agency = await web.app
        .get(AgenciesService)
        .create(manager, partnershipId, { name: scriptAgency, kind: 'health' });
      await web.app.get(PeopleService).addMember(manager, partnershipId, {
        email: 'script.person@example.org',
        displayName: scriptPerson,
        agencyId: agency.id,
      });
    });

    page = await signInAs(page, MANAGER, `/partnerships/${partnershipId}/admin/people`);
    await page.waitForURL(`${admin}/people`);
    const row = page.locator('tr', { hasText: 'script.person@example.org' });
    expect(await row.locator('th').innerText()).toBe(scriptPerson);
    expect(await row.locator('td').nth(1).innerText()).toBe(scriptAgency);
    await checkAccessibility(page);

    await page.goto(`${admin}/agencies`);
    expect(await page.locator('tbody th', { hasText: 'window.xssRan' }).innerText()).toBe(
      scriptAgency,
    );
    await checkAccessibility(page);

    await page.goto(`${admin}/agencies/new`);
    await page.locator('#name').fill(scriptAgency);
    await page.getByLabel('Health').check();
    await page.getByRole('button', { name: 'Add agency' }).click();
    await page.locator('#name-error').waitFor();
    expect(await page.locator('#name-error').innerText()).toContain('Agency name must start');
    expect(await page.locator('#name').inputValue()).toBe(scriptAgency);
    expect(await page.evaluate('window.xssRan')).toBeUndefined();
    await checkAccessibility(page);
    expect(unexpected(pageErrors)).toEqual([]);
  });

  describe('failed emails', () => {
    let bouncingSink: SmtpSink;
    let transport: Transporter;
    let worker: ReminderSystem;
    let rejecting = true;
    let people: PersonFixture[];
    let otherPartnershipId: string;
    let reference: string;

    beforeAll(async () => {
      const other = await createPartnership(dataSource, 'FESCP', [
        { email: 'manager@fescp.example.org', name: 'Femi Adeyemi', roles: ['business-manager'] },
        { email: 'bounce@fescp.example.org', name: 'Bo Unce', roles: ['business-manager'] },
      ]);
      otherPartnershipId = other.id;
      people = other.people;
      // A worker beside the app, whose mail server refuses one address until told otherwise.
      bouncingSink = new SmtpSink({
        port: await freePort(),
        rejectRecipients: (address) => rejecting && address === people[1].email,
      });
      await bouncingSink.start();
      transport = createMailTransport(bouncingSink.url, MAIL_FROM);
      worker = new ReminderSystem({
        dataSource,
        redis: createRedisConnection(isolatedRedisUrl(), 'producer'),
        mail: new MailSender(transport, { mailFrom: MAIL_FROM } as AppConfig),
        clock: new SettableClock('2027-03-01T07:00:00Z'),
        calendar: new BusinessCalendar(),
        appUrl: web.baseUrl,
        databaseUrl: web.database.url,
        sweep: { dueGraceMs: 0 },
      });
      await worker.start();
      const review = await startPracticeReview(web.app, {
        partnershipId: otherPartnershipId,
        awareOn: '2027-03-01',
      });
      reference = review.reference;
      const taskId = review.tasksOpened[0].id;
      await worker.scheduler.apply(await worker.planner.syncTask(taskId));
      const due: Array<{ send_at: Date }> = await dataSource.query(
        `SELECT send_at FROM reminders WHERE task_id = $1 ORDER BY send_at LIMIT 1`,
        [taskId],
      );
      (worker.deps.clock as SettableClock).set(due[0].send_at);
      await worker.sweep.runOnce();
    });

    afterAll(async () => {
      await worker?.stop();
      await worker?.deps.redis.quit();
      transport?.close();
      await bouncingSink?.stop();
    });

    it('lists a reminder the mail server refused, never an address, and sends it again', async () => {
      page = await signInAs(
        page,
        people[0].email,
        `/partnerships/${otherPartnershipId}/admin/failed-emails`,
      );
      await page.waitForURL(/\/admin\/failed-emails$/);

      const rows = await tableRows(page);
      expect(rows).toEqual([
        [
          'Reminder before the due date',
          expect.stringContaining(reference),
          expect.stringMatching(/^\w+day \d{1,2} \w+ \d{4} at /),
          'Bo Unce',
          expect.stringContaining('SMTP 550'),
          expect.stringContaining('Send again'),
        ],
      ]);
      expect(await page.locator('main').innerText()).not.toContain('@');
      await checkAccessibility(page);
      await screenshot(page, 'admin-failed-emails');

      rejecting = false;
      await tabTo(page, 'Send again');
      await Promise.all([
        page.waitForURL(/failed-emails\?done=sent/),
        page.keyboard.press('Enter'),
      ]);
      expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain(
        'The email will be sent again',
      );
      await checkAccessibility(page);

      await worker.sweep.runOnce();
      expect(bouncingSink.messages.map((mail) => mail.to[0])).toContain(people[1].email);
      await page.reload();
      expect(await page.locator('main').innerText()).toContain('Every email has been delivered');
      expect(unexpected(pageErrors)).toEqual([]);
    });
  });
});
