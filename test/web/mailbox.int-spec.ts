import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Transporter } from 'nodemailer';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { freePort } from '../../src/dev/free-port';
import { SmtpSink } from '../../src/dev/smtp-sink';
import { MAIL_TRANSPORT } from '../../src/mail/mail-transport';
import {
  checkAccessibility,
  launchBrowser,
  screenshot,
  startWebApp,
  watchPageErrors,
  WebApp,
} from '../support/browser';

describe('development mailbox', () => {
  let mailboxDir: string;
  let sink: SmtpSink;
  let web: WebApp;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    mailboxDir = mkdtempSync(join(tmpdir(), 'reviews-mailbox-'));
    sink = new SmtpSink({ port: await freePort(), mailboxDir });
    await sink.start();
    [web, browser] = await Promise.all([
      startWebApp({ SMTP_URL: sink.url, MAILBOX_DIR: mailboxDir }),
      launchBrowser(),
    ]);
    const transport = web.app.get<Transporter>(MAIL_TRANSPORT);
    await transport.sendMail({
      to: 'agency.lead@example.org',
      subject: 'Agency report due',
      text: 'Your agency report is due on Monday 19 January 2026.',
    });
    await transport.sendMail({
      to: 'panel.chair@example.org',
      subject: 'Sign in <script>document.title = "hijacked"</script>',
      text:
        'Use this link to sign in: http://localhost:3999/auth/link/abc123.\n' +
        'The link works once and for 15 minutes.',
    });
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await sink?.stop();
    rmSync(mailboxDir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    pageErrors = watchPageErrors(page);
  });

  afterEach(async () => {
    await page.close();
  });

  it('lists the emails the SMTP sink kept, newest first, with recipient and subject', async () => {
    await page.goto(`${web.baseUrl}/dev/mailbox`);

    expect(await page.title()).toBe('Development mailbox – Safeguarding reviews');
    const rows: string[][] = [];
    for (const row of await page.locator('tbody tr').all()) {
      rows.push((await row.locator('td').allInnerTexts()).map((text) => text.trim()));
    }
    expect(rows.map(([subject, to]) => [subject, to])).toEqual([
      ['Sign in <script>document.title = "hijacked"</script>', 'panel.chair@example.org'],
      ['Agency report due', 'agency.lead@example.org'],
    ]);
    expect(rows[0][2]).toMatch(
      /^\w+day \d{1,2} \w+ \d{4} at (\d{1,2}:\d{2}[ap]m|midday|midnight)$/,
    );
    await checkAccessibility(page);
    await screenshot(page, 'dev-mailbox');
    expect(pageErrors).toEqual([]);
  });

  it('opens a message by keyboard and shows its text with the links clickable', async () => {
    await page.goto(`${web.baseUrl}/dev/mailbox`);

    await page
      .getByRole('main')
      .getByRole('link', { name: /^Sign in/ })
      .focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/dev\/mailbox\/[\w-]+$/);

    expect(await page.locator('h1').innerText()).toBe(
      'Sign in <script>document.title = "hijacked"</script>',
    );
    expect(await page.title()).toBe(
      'Sign in <script>document.title = "hijacked"</script> – Safeguarding reviews',
    );
    expect(await page.locator('main script').count()).toBe(0);
    const link = page.getByRole('link', { name: 'http://localhost:3999/auth/link/abc123' });
    expect(await link.getAttribute('href')).toBe('http://localhost:3999/auth/link/abc123');
    expect(await page.locator('.app-email-text').innerText()).toContain(
      'The link works once and for 15 minutes.',
    );
    await checkAccessibility(page);
    await screenshot(page, 'dev-mailbox-message');
    expect(pageErrors).toEqual([]);
  });

  it('answers 404 for a message that is not there or a name that is not a message id', async () => {
    for (const id of ['1-nothing', '..%2F..%2Fpackage.json', 'a.b']) {
      const response = await request(web.baseUrl)
        .get(`/dev/mailbox/${id}`)
        .set('Accept', 'text/html');
      expect(response.status).toBe(404);
      expect(response.text).toContain('Page not found');
    }
  });

  it('shows the service’s error page, with nothing of the failure, when the mailbox cannot be read', async () => {
    const notAFolder = join(mailboxDir, 'not-a-folder.txt');
    writeFileSync(notAFolder, 'x');
    const broken = await startWebApp({ MAILBOX_DIR: notAFolder });
    try {
      const response = await page.goto(`${broken.baseUrl}/dev/mailbox`);

      expect(response?.status()).toBe(500);
      expect(await page.title()).toBe(
        'Sorry, there is a problem with the service – Safeguarding reviews',
      );
      const html = await page.content();
      expect(html).not.toContain('ENOTDIR');
      expect(html).not.toContain(notAFolder);
      await checkAccessibility(page);
      await screenshot(page, 'server-error');
    } finally {
      await broken.close();
    }
  });
});

describe('development mailbox when it must not exist', () => {
  let mailboxDir: string;

  beforeAll(() => {
    mailboxDir = mkdtempSync(join(tmpdir(), 'reviews-mailbox-'));
  });

  afterAll(() => {
    rmSync(mailboxDir, { recursive: true, force: true });
  });

  it('answers 404 in production even with MAILBOX_DIR set', async () => {
    const web = await startWebApp({ NODE_ENV: 'production', MAILBOX_DIR: mailboxDir });
    try {
      for (const path of ['/dev/mailbox', '/dev/mailbox/1-abc']) {
        const response = await request(web.baseUrl).get(path).set('Accept', 'text/html');
        expect(response.status).toBe(404);
        expect(response.text).toContain('Page not found');
      }
    } finally {
      await web.close();
    }
  });

  it('answers 404 when MAILBOX_DIR is not set', async () => {
    const web = await startWebApp();
    try {
      const response = await request(web.baseUrl).get('/dev/mailbox').set('Accept', 'text/html');
      expect(response.status).toBe(404);
    } finally {
      await web.close();
    }
  });
});
