import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { SIGN_IN_LIMIT_PER_ADDRESS } from '../../src/auth/auth.settings';
import {
  controlClock,
  createPartnership,
  dataSourceOf,
  nextMailTo,
  PersonFixture,
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

const MINUTE = 60_000;

describe('signing in and out in Chromium', () => {
  let web: WebApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];
  let people: Record<
    'manager' | 'lead' | 'used' | 'expired' | 'leaver' | 'wanderer' | 'keyboard',
    PersonFixture
  >;

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchBrowser()]);
    const partnership = await createPartnership(dataSourceOf(web), 'RSCP', [
      { email: 'asha.patel@riverside.example', name: 'Asha Patel', roles: ['business-manager'] },
      { email: 'sam.lead@riverside-police.example', name: 'Sam Lead' },
      { email: 'una.used@riverside.example', name: 'Una Used' },
      { email: 'erin.expiry@riverside.example', name: 'Erin Expiry' },
      { email: 'olu.out@riverside.example', name: 'Olu Out' },
      { email: 'wren.wanderer@riverside.example', name: 'Wren Wanderer' },
      { email: 'kit.keys@riverside.example', name: 'Kit Keys' },
    ]);
    const [manager, lead, used, expired, leaver, wanderer, keyboard] = partnership.people;
    people = { manager, lead, used, expired, leaver, wanderer, keyboard };
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  beforeEach(async () => {
    web.smtp.clear();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    pageErrors = watchPageErrors(page);
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await context.close();
  });

  /** The sign-in link of the latest email to `email`, as a path, read from the SMTP sink. */
  async function emailedLink(email: string): Promise<string> {
    const mail = await nextMailTo(web, email);
    const match = /(https?:\/\/\S+\/auth\/callback\?\S+)/.exec(mail.text);
    if (!match) throw new Error(`The email to ${email} holds no sign-in link`);
    const url = new URL(match[1]);
    expect(url.origin).toBe(web.baseUrl);
    return `${url.pathname}${url.search}`;
  }

  async function askForLink(email: string): Promise<void> {
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: /Email me a/ }).click();
    await page.waitForURL(/\/sign-in\/check-email/);
  }

  const path = (): string => {
    const url = new URL(page.url());
    return `${url.pathname}${url.search}`;
  };

  const menu = (): Promise<string[]> =>
    page.locator('.govuk-service-navigation__link').allInnerTexts();

  it('signs a person in through the sign-in page and the emailed link, back where they were going', async () => {
    await page.goto(`${web.baseUrl}/tasks`);

    expect(path()).toBe('/sign-in?next=%2Ftasks');
    expect(await page.title()).toBe('Sign in – Safeguarding reviews');
    const email = page.getByLabel('Email address');
    expect(await email.getAttribute('autocomplete')).toBe('email');
    expect(await email.getAttribute('spellcheck')).toBe('false');
    expect(await email.getAttribute('type')).toBe('email');
    expect(await page.locator('input[type=hidden][name=next]').inputValue()).toBe('/tasks');
    expect(await page.locator('.govuk-hint').innerText()).toContain('work email address');
    await checkAccessibility(page);
    await screenshot(page, 'sign-in');

    await askForLink(people.manager.email);
    expect(await page.locator('h1').innerText()).toBe('Check your email');
    await checkAccessibility(page);
    await screenshot(page, 'check-email');

    await page.goto(`${web.baseUrl}${await emailedLink(people.manager.email)}`);

    expect(path()).toBe('/tasks');
    expect(await page.locator('h1').innerText()).toBe('My tasks');
    await checkAccessibility(page);
    expect(pageErrors).toEqual([]);
  });

  it('shows an unknown address the same page as a known one, and emails it nothing', async () => {
    await page.goto(`${web.baseUrl}/sign-in`);
    await askForLink('nobody@riverside.example');
    const unknown = await page.locator('main').innerText();
    await checkAccessibility(page);

    await page.goto(`${web.baseUrl}/sign-in`);
    await askForLink(people.wanderer.email);
    const known = await page.locator('main').innerText();

    expect(unknown).toBe(known);
    // The known address's email has arrived; none went to the unknown one.
    await nextMailTo(web, people.wanderer.email);
    expect(web.smtp.messages.some((mail) => mail.to.includes('nobody@riverside.example'))).toBe(
      false,
    );
  });

  it('says what is wrong with an address that is not one, keeping what was typed', async () => {
    await page.goto(`${web.baseUrl}/sign-in?next=%2Ftasks`);
    await page.getByLabel('Email address').fill('asha.patel at riverside');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Email me a sign-in link' }).click(),
    ]);

    expect(response.status()).toBe(422);
    expect(await page.title()).toBe('Error: Sign in – Safeguarding reviews');
    const problem = 'Enter an email address in the correct format, like name@example.com';
    expect(await page.locator('.govuk-error-summary__list a').allInnerTexts()).toEqual([problem]);
    expect(await page.locator('#email-error').innerText()).toContain(problem);
    expect(await page.getByLabel('Email address').inputValue()).toBe('asha.patel at riverside');
    expect(await page.locator('input[name=next]').inputValue()).toBe('/tasks');
    await checkAccessibility(page);

    await page.getByLabel('Email address').fill('');
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    expect(await page.locator('.govuk-error-summary__list a').allInnerTexts()).toEqual([
      'Enter your email address',
    ]);
    expect(web.smtp.messages).toEqual([]);
  });

  it('explains a used link and offers a new one that still goes where the first was going', async () => {
    await page.goto(`${web.baseUrl}/sign-in?next=%2Ftasks`);
    await askForLink(people.used.email);
    const link = await emailedLink(people.used.email);
    await page.goto(`${web.baseUrl}${link}`);
    expect(path()).toBe('/tasks');

    const other = await browser.newContext();
    const second = await other.newPage();
    await second.goto(`${web.baseUrl}${link}`);

    expect(new URL(second.url()).pathname).toBe('/sign-in');
    expect(await second.title()).toBe(
      'This link has expired or has been used – Safeguarding reviews',
    );
    expect(await second.locator('h1').innerText()).toBe('This link has expired or has been used');
    expect(await second.locator('main').innerText()).toContain('works once, for 15 minutes');
    await checkAccessibility(second);
    await screenshot(second, 'sign-in-link-used');

    web.smtp.clear();
    await second.getByLabel('Email address').fill(people.used.email);
    await second.getByRole('button', { name: 'Email me a new link' }).click();
    await second.waitForURL(/\/sign-in\/check-email/);
    await second.goto(`${web.baseUrl}${await emailedLink(people.used.email)}`);
    expect(new URL(second.url()).pathname).toBe('/tasks');
    await other.close();
  });

  it('explains a link opened after 15 minutes, and a forged one', async () => {
    const clock = controlClock(web);
    await page.goto(`${web.baseUrl}/sign-in`);
    await askForLink(people.expired.email);
    const link = await emailedLink(people.expired.email);
    clock.advance(16 * MINUTE);

    await page.goto(`${web.baseUrl}${link}`);
    expect(await page.locator('h1').innerText()).toBe('This link has expired or has been used');
    await checkAccessibility(page);

    await page.goto(`${web.baseUrl}/auth/callback?token=${'x'.repeat(43)}&next=%2Ftasks`);
    expect(path()).toBe('/sign-in?link=expired&next=%2Ftasks');
    expect(await page.locator('h1').innerText()).toBe('This link has expired or has been used');
  });

  it('still answers a program using an old link with problem details', async () => {
    const response = await request(web.baseUrl)
      .get(`/auth/callback?token=${'x'.repeat(43)}`)
      .set('Accept', 'application/json')
      .expect(401);
    expect(response.body).toMatchObject({ code: 'invalid-sign-in-link' });
  });

  it('signs out by keyboard, ending the session', async () => {
    await signInAs(page, web, people.keyboard.email, '/tasks');
    expect(await page.locator('h1').innerText()).toBe('My tasks');

    // Tab through the page from the top until the header's Sign out button has the focus.
    const focused = (): Promise<string> =>
      page.evaluate<string>("document.activeElement?.textContent?.trim() ?? ''");
    for (let stop = 0; stop < 10 && (await focused()) !== 'Sign out'; stop++) {
      await page.keyboard.press('Tab');
    }
    expect(await focused()).toBe('Sign out');
    await Promise.all([page.waitForURL(/\/sign-in\?signedOut=true/), page.keyboard.press('Enter')]);

    expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain(
      'You have signed out',
    );
    expect(await menu()).toEqual(['Sign in']);
    await checkAccessibility(page);

    const sessions: Array<{ ended: boolean }> = await dataSourceOf(web).query(
      `SELECT ended_at IS NOT NULL AS ended FROM sessions WHERE person_id = $1`,
      [people.keyboard.id],
    );
    expect(sessions).toEqual([{ ended: true }]);
    await page.goto(`${web.baseUrl}/tasks`);
    expect(path()).toBe('/sign-in?next=%2Ftasks');
    expect(pageErrors).toEqual([]);
  });

  it('shows the signed-in person’s name and only the menu sections their roles open', async () => {
    await signInAs(page, web, people.lead.email, '/tasks');
    expect(await page.locator('.app-sign-out').innerText()).toContain('Sam Lead');
    expect(await menu()).toEqual(['My tasks', 'Dashboard']);

    const managerContext = await browser.newContext();
    const managerPage = await managerContext.newPage();
    await signInAs(managerPage, web, people.manager.email, '/tasks');
    expect(await managerPage.locator('.app-sign-out').innerText()).toContain('Asha Patel');
    expect(await managerPage.locator('.govuk-service-navigation__link').allInnerTexts()).toEqual([
      'My tasks',
      'Dashboard',
      'Administration',
    ]);
    await managerContext.close();
  });

  it('offers the way in on the start page, and the way on once signed in', async () => {
    await page.goto(`${web.baseUrl}/`);
    const start = page.getByRole('button', { name: 'Sign in' });
    expect(await start.getAttribute('href')).toBe('/sign-in');

    await signInAs(page, web, people.leaver.email);
    expect(path()).toBe('/');
    expect(await page.locator('.app-sign-out').innerText()).toContain('Olu Out');
    expect(await page.locator('main a').allInnerTexts()).toEqual(['My tasks', 'Dashboard']);
    expect(await page.getByRole('button', { name: 'Sign in' }).count()).toBe(0);
    await checkAccessibility(page);
  });

  it('counts the sign-in page and the API against the same limits', async () => {
    const address = 'limit.test@riverside.example';
    for (let attempt = 0; attempt < SIGN_IN_LIMIT_PER_ADDRESS - 1; attempt++) {
      await request(web.baseUrl).post('/auth/sign-in').send({ email: address }).expect(202);
    }
    await request(web.baseUrl).post('/sign-in').type('form').send({ email: address }).expect(303);
    const refused = await request(web.baseUrl)
      .post('/sign-in')
      .type('form')
      .set('Accept', 'text/html')
      .send({ email: address })
      .expect(429);
    expect(refused.text).toContain('Too many sign-in attempts');
  });
});
