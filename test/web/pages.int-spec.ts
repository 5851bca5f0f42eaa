import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import {
  checkAccessibility,
  launchBrowser,
  screenshot,
  startWebApp,
  watchPageErrors,
  WebApp,
} from '../support/browser';

describe('web shell pages in Chromium', () => {
  let web: WebApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchBrowser()]);
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
    await context.close();
  });

  it('shows the start page in the GOV.UK layout with no accessibility violations', async () => {
    const response = await page.goto(`${web.baseUrl}/`);

    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe('Safeguarding reviews');
    expect(await page.locator('h1').innerText()).toBe('Safeguarding reviews');
    expect(await page.locator('.govuk-generic-header').innerText()).toContain(
      'Safeguarding reviews',
    );
    expect(await page.locator('.govuk-phase-banner').innerText()).toContain('Beta');
    // Nobody is signed in: the menu offers only the way in.
    expect(await page.locator('.govuk-service-navigation__link').allInnerTexts()).toEqual([
      'Sign in',
    ]);
    expect(await page.locator('.govuk-header__logotype, .govuk-footer__crown').count()).toBe(0);
    await checkAccessibility(page);
    await screenshot(page, 'home');
    expect(pageErrors).toEqual([]);
  });

  it('shows a page not found in the same layout with no accessibility violations', async () => {
    const response = await page.goto(`${web.baseUrl}/no-such-page`);

    expect(response?.status()).toBe(404);
    expect(response?.headers()['content-type']).toMatch(/^text\/html/);
    expect(await page.title()).toBe('Page not found – Safeguarding reviews');
    expect(await page.locator('h1').innerText()).toBe('Page not found');
    expect(await page.locator('.govuk-generic-header').count()).toBe(1);
    await checkAccessibility(page);
    await screenshot(page, 'not-found');
    // The 404 itself is the only console error Chromium reports.
    expect(pageErrors.filter((error) => !error.includes('404'))).toEqual([]);
  });

  it('makes the skip link the first Tab stop and moves focus to the main content', async () => {
    await page.goto(`${web.baseUrl}/`);

    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    expect(await focused.innerText()).toBe('Skip to main content');
    expect(await focused.getAttribute('href')).toBe('#main-content');
    await screenshot(page, 'home-skip-link-focused');

    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('main-content');
  });

  it('reaches every navigation link by keyboard, in order', async () => {
    await page.goto(`${web.baseUrl}/`);

    const stops: string[] = [];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      stops.push(await page.locator(':focus').innerText());
    }

    expect(stops.map((text) => text.trim())).toEqual([
      'Skip to main content',
      'Safeguarding reviews',
      'Sign in',
    ]);
  });

  it('runs govuk-frontend under a content security policy without inline script allowances', async () => {
    const response = await page.goto(`${web.baseUrl}/`);
    const policy = response?.headers()['content-security-policy'] ?? '';
    const scriptSrc = /script-src ([^;]*)/.exec(policy)?.[1] ?? '';

    expect(scriptSrc).toContain("'self'");
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(policy).toContain("object-src 'none'");
    expect(
      await page.evaluate("document.body.classList.contains('govuk-frontend-supported')"),
    ).toBe(true);
    // initAll ran: each component marks its root once it has initialised.
    await page.locator('[data-govuk-skip-link-init]').waitFor({ state: 'attached' });
    await page.locator('[data-govuk-service-navigation-init]').waitFor({ state: 'attached' });
    expect(pageErrors).toEqual([]);
  });

  it('refuses an injected inline script that the policy does not name', async () => {
    await page.goto(`${web.baseUrl}/`);

    await page.evaluate(`(() => {
      const script = document.createElement('script');
      script.textContent = "document.body.dataset.injected = 'ran'";
      document.body.appendChild(script);
    })()`);

    expect(await page.evaluate('document.body.dataset.injected ?? null')).toBeNull();
    expect(pageErrors.join('\n')).toContain('Content Security Policy');
  });
});

describe('web shell over HTTP', () => {
  let web: WebApp;

  beforeAll(async () => {
    web = await startWebApp();
  });

  afterAll(async () => {
    await web?.close();
  });

  it('answers API paths with problem details even when a browser asks for HTML', async () => {
    for (const path of ['/api/no-such-thing', '/auth/no-such-thing', '/health/no-such-thing']) {
      const response = await request(web.baseUrl).get(path).set('Accept', 'text/html');
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 404, title: 'Not found' });
    }
  });

  it('answers a web path with problem details when the client prefers JSON', async () => {
    const response = await request(web.baseUrl)
      .get('/no-such-page')
      .set('Accept', 'application/json');

    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('serves govuk-frontend and our assets with long cache headers from versioned URLs', async () => {
    const home = await request(web.baseUrl).get('/').set('Accept', 'text/html');
    const stylesheet = /href="(\/assets\/[0-9a-f]+\/govuk-frontend\.min\.css)"/.exec(
      home.text,
    )?.[1];
    const script = /src="(\/assets\/[0-9a-f]+\/app\.js)"/.exec(home.text)?.[1];
    expect(stylesheet).toBeDefined();
    expect(script).toBeDefined();

    for (const path of [stylesheet!, script!, script!.replace('app.js', 'govuk-frontend.min.js')]) {
      const response = await request(web.baseUrl).get(path);
      expect(response.status).toBe(200);
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    const font = await request(web.baseUrl).get('/assets/fonts/bold-b542beb274-v2.woff2');
    expect(font.status).toBe(200);
    expect(font.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('tells browsers not to keep pages, so nothing seen stays on a shared computer', async () => {
    for (const path of ['/', '/no-such-page']) {
      const response = await request(web.baseUrl).get(path).set('Accept', 'text/html');
      expect(response.headers['cache-control']).toBe('no-store');
    }
  });

  it('serves only the compiled CSS and JS from govuk-frontend, not its other files', async () => {
    const home = await request(web.baseUrl).get('/').set('Accept', 'text/html');
    const prefix = /href="(\/assets\/[0-9a-f]+)\/govuk-frontend\.min\.css"/.exec(home.text)?.[1];

    const response = await request(web.baseUrl).get(`${prefix}/template.njk`);

    expect(response.status).toBe(404);
  });
});
