import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { simpleParser } from 'mailparser';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { WorkerModule } from '../../src/worker/worker.module';
import {
  buildAuditWorld,
  CHILDREN,
  toolBody,
  workingDaysFromToday,
  type AuditWorld,
} from '../audits/support/audit-world';
import {
  checkAccessibility,
  launchBrowser,
  screenshot,
  signInAs,
  startWebApp,
  watchPageErrors,
  WebApp,
} from '../support/browser';

/** A Redis database of this file's own, so other test files' workers never take its jobs. */
const REDIS_URL = (() => {
  const url = new URL(process.env.REDIS_URL ?? '');
  url.pathname = '/11';
  return url.toString();
})();

const SCRIPT = '<script>window.injected = true</script>';

/**
 * An audit in its single-agency audits through the API: the police's lead and auditor and the
 * health lead on it, the police had contact with Case A and health with Case B. Returns the audit
 * and the police's return task.
 */
async function auditAwaitingReturns(world: AuditWorld): Promise<{ audit: string; task: string }> {
  const { manager, officer, auditChair, policeLead, policeAuditor, healthLead } = world.people;
  const tool = await manager.api
    .post(`/api/partnerships/${world.partnershipId}/audit-tools`, toolBody('Web tool'))
    .expect(201);
  const created = await manager.api
    .post(`/api/partnerships/${world.partnershipId}/audits`, {
      theme: 'Children stepped down from social care',
      scope: 'Stepped down in the last year',
      lookBackMonths: 12,
      toolId: tool.body.id,
      meetingOn: workingDaysFromToday(25),
      agencyIds: [world.agencies.police, world.agencies.health],
      members: [
        { personId: auditChair.id, role: 'panel-chair' },
        {
          personId: policeLead.id,
          role: 'agency-safeguarding-lead',
          agencyId: world.agencies.police,
        },
        { personId: policeAuditor.id, role: 'audit-group-member', agencyId: world.agencies.police },
        {
          personId: healthLead.id,
          role: 'agency-safeguarding-lead',
          agencyId: world.agencies.health,
        },
      ],
    })
    .expect(201);
  const audit = created.body.instanceId as string;
  await manager.api.post(`/api/audits/${audit}/plan/agree`).expect(200);
  await officer.api
    .post(`/api/audits/${audit}/cases`, {
      cases: CHILDREN.slice(0, 2).map((child) => ({ identifiers: child })),
    })
    .expect(201);
  await policeLead.api
    .post(`/api/audits/${audit}/involvement`, { agencyId: world.agencies.police, caseKeys: ['A'] })
    .expect(200);
  await healthLead.api
    .post(`/api/audits/${audit}/involvement`, { agencyId: world.agencies.health, caseKeys: ['B'] })
    .expect(200);
  const view = await manager.api.get(`/api/instances/${audit}`).expect(200);
  const task = (
    view.body.openTasks as Array<{ id: string; stepKey: string; assignee: { agencyId: string } }>
  ).find(
    (entry) =>
      entry.stepKey === 'complete-agency-audit-returns' &&
      entry.assignee.agencyId === world.agencies.police,
  );
  if (!task) throw new Error('The police have no audit return task');
  return { audit, task: task.id };
}

describe('an agency audit return in Chromium', () => {
  let web: WebApp;
  let worker: INestApplicationContext;
  let browser: Browser;
  let world: AuditWorld;
  let audit: string;
  let task: string;
  const contexts: BrowserContext[] = [];

  /** A new browser session with its errors watched. */
  async function newPage(): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    return { page, errors: watchPageErrors(page) };
  }

  const taskPath = (): string => `/instances/${audit}/tasks/${task}`;
  const formPath = (): string => `${taskPath()}/returns/a`;

  async function returnRow(): Promise<{ status: string; strengths: string | null }> {
    const rows = await world.dataSource.query<Array<{ status: string; strengths: string | null }>>(
      `SELECT r.status, r.strengths FROM audit_returns r JOIN audit_cases c ON c.id = r.case_id
        WHERE r.instance_id = $1 AND r.agency_id = $2 AND c.case_key = 'A'`,
      [audit, world.agencies.police],
    );
    return rows[0];
  }

  /** The immediate concern email to `address`, once the worker has sent it. */
  async function concernMailTo(address: string): Promise<{ subject: string; text: string }> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      for (const mail of web.smtp.messages) {
        if (!mail.to.includes(address)) continue;
        const parsed = await simpleParser(mail.raw);
        if (/immediate concern/i.test(parsed.subject ?? '')) {
          return { subject: parsed.subject ?? '', text: parsed.text ?? '' };
        }
      }
      if (Date.now() > deadline) throw new Error(`No concern email to ${address}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp({ REDIS_URL }), launchBrowser()]);
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    await worker.init();
    world = await buildAuditWorld(web, 'WEBR');
    ({ audit, task } = await auditAwaitingReturns(world));
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await worker?.close();
    await web?.close();
  });

  it('refuses another agency’s people the open return form, and hides the audit from outsiders', async () => {
    const health = await newPage();
    await signInAs(health.page, web, world.people.healthLead.email, formPath());
    const refused = await health.page.goto(`${web.baseUrl}${formPath()}`);
    expect(refused?.status()).toBe(403);
    expect(await health.page.locator('main').innerText()).toContain(
      'This task is for Northshire Police',
    );
    await checkAccessibility(health.page);

    const outsider = await newPage();
    await signInAs(outsider.page, web, world.people.outsider.email, '/');
    const hidden = await outsider.page.goto(`${web.baseUrl}${formPath()}`);
    expect(hidden?.status()).toBe(404);
    await checkAccessibility(outsider.page);
  });

  it('takes an audit group member from the emailed link through the return to submitting it', async () => {
    const { page, errors } = await newPage();
    await signInAs(page, web, world.people.policeAuditor.email, taskPath());

    expect(new URL(page.url()).pathname).toBe(taskPath());
    expect(await page.locator('h1').innerText()).toBe("Complete your agency's audit returns");
    const summary = await page.locator('.govuk-summary-list').innerText();
    expect(summary).toMatch(/Due\s+\w+day \d{1,2} \w+ \d{4}\s+\(due in \d+ working days\)/);
    expect(summary).toContain('Northshire Police');
    expect(summary).toContain('Pat Policeauditor');
    // Cases by pseudonym only: nothing identifying on the page.
    const text = await page.locator('main').innerText();
    for (const child of CHILDREN) expect(text).not.toContain(child.fullName);
    await checkAccessibility(page);

    await page.getByRole('link', { name: 'Complete the return for Case A' }).click();
    expect(await page.title()).toBe('Audit return for Case A – Safeguarding reviews');

    // Continue with nothing filled in: every missing field is named and each link finds its field.
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.title()).toBe('Error: Audit return for Case A – Safeguarding reviews');
    const problems = await page.locator('.govuk-error-summary__list a').allInnerTexts();
    expect(problems).toEqual([
      'Select a grade for Voice of the child',
      'Enter the answer to “Was the child seen, and seen alone where appropriate?”',
      'Select a grade for Assessment of risk and need',
      'Enter the answer to “Did the assessment consider the family history?”',
      'Select a grade for Planning and review',
      'Select a grade for Multi-agency working and information sharing',
      'Enter the answer to “Was information shared with the right agencies promptly?”',
      'Select an overall grade for the case',
      'Enter the strengths: what was done well',
      'Enter the areas for development: what could be done better',
    ]);
    expect(await page.locator('#domainGrades-planning-and-review-error').innerText()).toContain(
      'Select a grade for Planning and review',
    );
    await checkAccessibility(page);
    await page.locator('.govuk-error-summary__list a', { hasText: 'Planning and review' }).click();
    expect(await page.evaluate('document.activeElement.id')).toBe(
      'domainGrades-planning-and-review',
    );

    // Grades by keyboard: focus each group's first radio and move down one, to "Good".
    for (const domain of [
      'voice-of-the-child',
      'assessment-of-risk',
      'planning-and-review',
      'multi-agency-working',
    ]) {
      await page.focus(`#domainGrades-${domain}`);
      await page.keyboard.press('ArrowDown');
    }
    await page.fill('#answers-child-seen', 'Seen alone at each visit.');
    await page.fill('#strengths', `Good recording. ${SCRIPT}`);
    await page.getByRole('button', { name: 'Save as draft' }).click();
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain(
      'Your draft has been saved.',
    );
    expect((await returnRow()).status).toBe('draft');
    await checkAccessibility(page);

    // Leave, and come back: everything is as it was left.
    await page.getByRole('link', { name: 'Back to the task' }).click();
    await page.getByRole('link', { name: 'Complete the return for Case A' }).click();
    expect(await page.locator('#domainGrades-voice-of-the-child-2').isChecked()).toBe(true);
    expect(await page.locator('#domainGrades-multi-agency-working-2').isChecked()).toBe(true);
    expect(await page.inputValue('#answers-child-seen')).toBe('Seen alone at each visit.');
    expect(await page.inputValue('#strengths')).toBe(`Good recording. ${SCRIPT}`);

    await page.fill('#answers-history-considered', 'Yes, three generations.');
    await page.fill('#answers-information-shared', 'Within a day.');
    await page.check('#overallGrade-3');
    await page.fill('#areasForDevelopment', 'Share strategy minutes with health.');
    await page.getByRole('button', { name: 'Continue' }).click();

    expect(await page.locator('h1').innerText()).toBe('Check your audit return for Case A');
    const answers = await page.locator('.govuk-summary-list').innerText();
    expect(answers).toContain('Requires Improvement');
    // Typed markup shows as text and never runs.
    expect(answers).toContain(SCRIPT);
    expect(await page.evaluate('window.injected === undefined')).toBe(true);
    await checkAccessibility(page);
    await screenshot(page, 'audit-return-check');

    // Change one answer through its Change link, then come back to check.
    await page.getByRole('link', { name: 'Change Overall grade' }).click();
    expect(new URL(page.url()).hash).toBe('#overallGrade');
    await page.check('#overallGrade-2');
    await screenshot(page, 'audit-return');
    await page.getByRole('button', { name: 'Continue' }).click();
    const changed = page.locator('.govuk-summary-list__row', { hasText: 'Overall grade' });
    expect(await changed.innerText()).toContain('Good');

    // A second tab keeps this check page open, to be submitted again once it is stale.
    const stale = await page.context().newPage();
    await stale.goto(page.url());

    await page.getByRole('button', { name: 'Submit return' }).click();
    expect(new URL(page.url()).pathname).toBe(taskPath());
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain(
      'Your audit return for Case A has been submitted.',
    );
    expect(await page.locator('main').innerText()).toContain(
      'This task is done: Pat Policeauditor completed it.',
    );
    await checkAccessibility(page);
    expect(await returnRow()).toEqual({
      status: 'submitted',
      strengths: `Good recording. ${SCRIPT}`,
    });
    const tasks = await world.dataSource.query<Array<{ status: string }>>(
      `SELECT status FROM tasks WHERE id = $1`,
      [task],
    );
    expect(tasks).toEqual([{ status: 'completed' }]);

    const again = stale.waitForResponse((response) => response.request().method() === 'POST');
    await stale.getByRole('button', { name: 'Submit return' }).click();
    expect((await again).status()).toBe(409);
    expect(await stale.locator('.govuk-error-summary').innerText()).toContain(
      'This return was changed after you opened this page, so nothing was saved or submitted.',
    );
    await checkAccessibility(stale);
    expect(errors.filter((error) => !/409|422/.test(error))).toEqual([]);
  });

  it('raises an immediate concern, confirms it, and tells the business manager without case content', async () => {
    const { page } = await newPage();
    await signInAs(page, web, world.people.healthLead.email, `/instances/${audit}/concerns/new`);
    expect(await page.locator('h1').innerText()).toBe('Raise an immediate concern');
    await page.getByRole('button', { name: 'Raise the concern' }).click();
    expect(await page.locator('.govuk-error-summary__list a').allInnerTexts()).toEqual([
      'Select the case the concern is about, or that it is not about one case',
      'Enter the concern',
    ]);
    await checkAccessibility(page);

    web.smtp.clear();
    await page.getByLabel('Case B').check();
    await page.fill('#concern', 'Bruising seen on Ben at the last visit.');
    await page.getByRole('button', { name: 'Raise the concern' }).click();
    expect(await page.locator('.govuk-panel__title').innerText()).toBe('Concern raised');
    expect(await page.locator('main').innerText()).toContain('What happens next');
    await checkAccessibility(page);
    await screenshot(page, 'concern-confirmation');

    const mail = await concernMailTo(world.people.manager.email);
    const shown = `${mail.subject}\n${mail.text}`;
    expect(mail.subject).toMatch(/^Immediate concern raised in audit /);
    expect(shown).toContain(`/instances/${audit}`);
    for (const secret of [
      'Bruising',
      'Ben',
      'Case B',
      ...CHILDREN.map((child) => child.fullName),
    ]) {
      expect(shown).not.toContain(secret);
    }
  });
});
