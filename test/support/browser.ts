import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AxeResults } from 'axe-core';
import { Browser, chromium, Page } from 'playwright-core';
import { freePort } from '../../src/dev/free-port';
import { signInLink } from '../access/support/access-fixtures';
import { AppHarness, startApp } from './app-harness';

const SCREENSHOT_DIR = resolve(__dirname, '..', '..', 'test-output', 'screenshots');

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** Debian's Chromium, headless; browsers are never downloaded. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

export interface WebApp extends AppHarness {
  /** e.g. http://127.0.0.1:41234, with no trailing slash. */
  baseUrl: string;
}

/**
 * The real app (see `startApp`), listening on a free loopback port for a browser to visit; its
 * `APP_URL` is that address, so the links in its emails open in the browser under test.
 */
export async function startWebApp(env: Record<string, string> = {}): Promise<WebApp> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const harness = await startApp({ PORT: String(port), APP_URL: baseUrl, ...env });
  await harness.app.listen(port, '127.0.0.1');
  return { ...harness, baseUrl };
}

/**
 * Signs `email` in the way a person does: asks for a link, reads it from the email the app sent
 * to the SMTP sink, and opens it in `page`, which lands on `next` (default: the start page).
 */
export async function signInAs(
  page: Page,
  web: WebApp,
  email: string,
  next?: string,
): Promise<void> {
  const link = await signInLink(web, email, next);
  await page.goto(`${web.baseUrl}${link}`);
}

/**
 * Console errors, uncaught exceptions and failed requests of a page, e.g. a script refused by
 * the content security policy. Start watching before the page loads.
 */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) =>
    errors.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`),
  );
  return errors;
}

let axeSource: string | undefined;

/**
 * Runs axe-core on the page as it is now and fails listing every WCAG 2.0/2.1/2.2 A and AA
 * violation: the rule, its impact, and each offending element with what to fix.
 */
export async function checkAccessibility(page: Page): Promise<void> {
  axeSource ??= readFileSync(join(require.resolve('axe-core'), '..', 'axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, which the page's content security policy does not
  // govern; `addScriptTag` would be refused, as any injected inline script should be.
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(axeSource);
  const options = { runOnly: { type: 'tag', values: WCAG_TAGS }, resultTypes: ['violations'] };
  const results = await page.evaluate<AxeResults>(
    `window.axe.run(document, ${JSON.stringify(options)})`,
  );
  if (results.violations.length === 0) return;
  const report = results.violations
    .map((violation) => {
      const nodes = violation.nodes
        .map((node) => `    ${node.target.join(' ')}\n      ${node.failureSummary ?? ''}`)
        .join('\n');
      return `- ${violation.id} (${violation.impact ?? 'unknown impact'}): ${violation.help}\n    ${violation.helpUrl}\n${nodes}`;
    })
    .join('\n');
  throw new Error(
    `axe found ${results.violations.length} violation(s) on ${page.url()}:\n${report}`,
  );
}

/** Saves a full-page PNG to test-output/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
