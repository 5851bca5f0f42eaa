import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { BusinessCalendar, type IsoDate } from '../../src/calendar';
import { SettableClock } from '../../src/common/clock';
import { WorkflowEngine } from '../../src/engine/workflow-engine.service';
import { MailSender } from '../../src/mail/mail-sender';
import { createRedisConnection } from '../../src/queue/redis';
import { ReminderSystem } from '../../src/reminders/reminder-system';
import {
  createPartnership,
  dataSourceOf,
  nextMailTo,
  PersonFixture,
} from '../access/support/access-fixtures';
import { startPracticeReview } from '../instances/support/instance-fixtures';
import {
  checkAccessibility,
  launchBrowser,
  screenshot,
  signInAs,
  startWebApp,
  watchPageErrors,
  WebApp,
} from '../support/browser';

const calendar = new BusinessCalendar();
const today = calendar.todayInLondon(new Date());
const PRACTICE_REVIEW = 'Rapid review and local child safeguarding practice review';

describe('My tasks and the task links of reminder emails, in Chromium', () => {
  let web: WebApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];
  let manager: PersonFixture;
  let idle: PersonFixture;
  let outsider: PersonFixture;
  let northId: string;
  /** The business manager's notification tasks: due 3 working days ago, and in 3. */
  let overdue: { instanceId: string; reference: string; taskId: string };
  let thisWeek: { instanceId: string; reference: string; taskId: string };
  /** Past notification: the rapid review due in 15 working days, agency summaries undated. */
  let later: { instanceId: string; reference: string };
  /** In the manager's second partnership: notification due in 5 working days. */
  let south: { instanceId: string; reference: string; taskId: string };

  async function review(partnershipId: string, awareOn: IsoDate) {
    const started = await startPracticeReview(web.app, { partnershipId, awareOn });
    return {
      instanceId: started.instanceId,
      reference: started.reference,
      taskId: started.tasksOpened[0].id,
    };
  }

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchBrowser()]);
    const north = await createPartnership(dataSourceOf(web), 'NSCP', [
      { email: 'asha.patel@north.example', name: 'Asha Patel', roles: ['business-manager'] },
      { email: 'ida.idle@north.example', name: 'Ida Idle' },
    ]);
    const southPartnership = await createPartnership(dataSourceOf(web), 'SSCP', [
      { email: 'sol.south@south.example', name: 'Sol South', roles: ['business-manager'] },
    ]);
    northId = north.id;
    [manager, idle] = north.people;
    [outsider] = southPartnership.people;
    // The manager also runs the south partnership's business unit.
    await dataSourceOf(web).query(
      `INSERT INTO partnership_members (partnership_id, person_id, roles)
       VALUES ($1, $2, '{business-manager}')`,
      [southPartnership.id, manager.id],
    );

    overdue = await review(north.id, calendar.subtractWorkingDays(today, 8));
    thisWeek = await review(north.id, calendar.subtractWorkingDays(today, 2));
    const laterReview = await review(north.id, calendar.subtractWorkingDays(today, 1));
    await web.app.get(WorkflowEngine).send({ personId: manager.id }, laterReview.instanceId, {
      type: 'SERIOUS_INCIDENT_NOTIFIED',
      payload: { sentOn: today },
    });
    later = laterReview;
    south = await review(southPartnership.id, today);
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

  async function signInThroughThePage(email: string): Promise<void> {
    web.smtp.clear();
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.waitForURL(/\/sign-in\/check-email/);
    await checkAccessibility(page);
    const mail = await nextMailTo(web, email);
    const link = /(https?:\/\/\S+\/auth\/callback\?\S+)/.exec(mail.text)?.[1];
    if (!link) throw new Error('The sign-in email holds no link');
    await page.goto(link);
  }

  /** Each group's heading, and each row's task, reference, kind, partnership and due cell. */
  async function groups(): Promise<Array<{ heading: string; rows: string[][] }>> {
    const sections = await page.locator('main h2').all();
    const result: Array<{ heading: string; rows: string[][] }> = [];
    for (const heading of sections) {
      const id = await heading.getAttribute('id');
      const rows = await page.locator(`table[aria-labelledby="${id}"] tbody tr`).all();
      result.push({
        heading: (await heading.innerText()).split('\n')[0].trim(),
        rows: await Promise.all(
          rows.map(async (row) =>
            (await row.locator('td').allInnerTexts()).map((cell) => cell.replace(/\s+/g, ' ')),
          ),
        ),
      });
    }
    return result;
  }

  /** A task's step title and due date as the engine stored them. */
  async function stored(taskId: string): Promise<{ title: string; dueOn: IsoDate }> {
    const rows: Array<{ title: string; due_on: IsoDate }> = await dataSourceOf(web).query(
      `SELECT title, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM tasks WHERE id = $1`,
      [taskId],
    );
    return { title: rows[0].title, dueOn: rows[0].due_on };
  }

  it('groups every open task of mine across my partnerships: overdue, this week, later, undated', async () => {
    await signInAs(page, web, manager.email, '/tasks');

    expect(await page.title()).toBe('My tasks – Safeguarding reviews');
    const shown = await groups();
    expect(shown.map((group) => group.heading)).toEqual([
      'Overdue',
      'Due this week',
      'Later',
      'No due date',
    ]);

    const late = await stored(overdue.taskId);
    const [overdueRow] = shown[0].rows;
    expect(overdueRow.slice(0, 3)).toEqual([
      late.title,
      `${overdue.reference} ${PRACTICE_REVIEW}`,
      'NSCP Safeguarding Children Partnership',
    ]);
    const daysOverdue = -calendar.workingDaysBetween(today, late.dueOn);
    expect(overdueRow[3]).toContain(
      `${daysOverdue} working day${daysOverdue === 1 ? '' : 's'} overdue`,
    );
    expect(await page.locator('table[aria-labelledby="overdue"] .govuk-tag--red').innerText()).toBe(
      'Overdue',
    );
    expect(await page.locator('table[aria-labelledby="overdue"] a').getAttribute('href')).toBe(
      `/tasks/${overdue.taskId}`,
    );

    // Due within five working days, soonest first, from both partnerships.
    expect(shown[1].rows.map((row) => row.slice(1, 3))).toEqual([
      [`${thisWeek.reference} ${PRACTICE_REVIEW}`, 'NSCP Safeguarding Children Partnership'],
      [`${south.reference} ${PRACTICE_REVIEW}`, 'SSCP Safeguarding Children Partnership'],
    ]);
    const soon = await stored(thisWeek.taskId);
    const daysLeft = calendar.workingDaysBetween(today, soon.dueOn);
    expect(shown[1].rows[0][3]).toContain(
      `${daysLeft} working day${daysLeft === 1 ? '' : 's'} left`,
    );
    expect(
      await page.locator('table[aria-labelledby="due-this-week"] .govuk-tag--yellow').count(),
    ).toBe(2);

    expect(shown[2].rows.map((row) => row[1])).toEqual([`${later.reference} ${PRACTICE_REVIEW}`]);
    expect(shown[2].rows[0][3]).toContain('15 working days left');
    expect(shown[3].rows.map((row) => [row[1], row[3]])).toEqual([
      [`${later.reference} ${PRACTICE_REVIEW}`, 'No due date'],
    ]);
    // Dates in words; nothing about the child, not even the pseudonym.
    expect(shown[2].rows[0][3]).toMatch(
      /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} [A-Z][a-z]+ \d{4}/,
    );
    expect(await page.locator('main').innerText()).not.toContain('Child H');
    await checkAccessibility(page);
    await screenshot(page, 'my-tasks');
    expect(pageErrors).toEqual([]);
  });

  it('shows a title containing <script> as text', async () => {
    const hostile = '<script>document.body.dataset.hacked = "yes"</script> Check the summaries';
    const original = (await stored(thisWeek.taskId)).title;
    await dataSourceOf(web).query(`UPDATE tasks SET title = $1 WHERE id = $2`, [
      hostile,
      thisWeek.taskId,
    ]);
    try {
      await signInAs(page, web, manager.email, '/tasks');
      expect(await page.locator(`a[href="/tasks/${thisWeek.taskId}"]`).innerText()).toBe(hostile);
      expect(await page.evaluate('document.body.dataset.hacked ?? null')).toBeNull();
      await checkAccessibility(page);
    } finally {
      await dataSourceOf(web).query(`UPDATE tasks SET title = $1 WHERE id = $2`, [
        original,
        thisWeek.taskId,
      ]);
    }
  });

  it('tells someone with nothing to do so', async () => {
    await signInAs(page, web, idle.email, '/tasks');
    expect(await page.locator('main').innerText()).toContain('You have no tasks to do.');
    expect(await page.locator('main table').count()).toBe(0);
    await checkAccessibility(page);
  });

  it('sends someone signed out to sign in and back to My tasks', async () => {
    await page.goto(`${web.baseUrl}/tasks`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await signInThroughThePage(manager.email);
    expect(new URL(page.url()).pathname).toBe('/tasks');
    expect(await page.locator('h1').innerText()).toBe('My tasks');
  });

  describe('the link in a reminder email', () => {
    let reminded: { instanceId: string; reference: string; taskId: string };
    let reminderLink: string;

    /** Sends the task's due-day reminder through the reminder system, as the worker would. */
    beforeAll(async () => {
      // Aware today: the notification is due in 5 working days. Its reminders are planned now, as
      // the worker plans them when the task opens; at midday on the due date the due-day reminder
      // is sent.
      reminded = await review(northId, today);
      const { dueOn } = await stored(reminded.taskId);
      const clock = new SettableClock();
      const redis = createRedisConnection(`${process.env.REDIS_URL ?? ''}/14`, 'producer');
      const system = new ReminderSystem({
        dataSource: dataSourceOf(web),
        redis,
        mail: web.app.get(MailSender),
        clock,
        calendar,
        appUrl: web.baseUrl,
        databaseUrl: web.database.url,
        sweep: { dueGraceMs: 0 },
      });
      web.smtp.clear();
      await system.start();
      try {
        await system.planner.syncTask(reminded.taskId);
        clock.set(calendar.londonWallClockToUtc(dueOn, 12));
        const dispatched = await system.dispatcher.dispatchTask(reminded.taskId);
        expect(dispatched.delivered).toEqual([expect.objectContaining({ result: 'sent' })]);
      } finally {
        await system.stop();
        await redis.quit();
      }
      const mail = await nextMailTo(web, manager.email);
      expect(mail.text).toContain(reminded.reference);
      const link = /(https?:\/\/\S+\/tasks\/[0-9a-f-]{36})/.exec(mail.text)?.[1];
      if (!link) throw new Error('The reminder holds no task link');
      reminderLink = link;
    });

    it('points at /tasks/:taskId of the app', () => {
      expect(reminderLink).toBe(`${web.baseUrl}/tasks/${reminded.taskId}`);
    });

    it('takes a signed-out person through sign-in to the step of that task', async () => {
      await page.goto(reminderLink);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      expect(new URL(page.url()).searchParams.get('next')).toBe(`/tasks/${reminded.taskId}`);
      await checkAccessibility(page);

      await signInThroughThePage(manager.email);

      expect(new URL(page.url()).pathname).toBe(
        `/instances/${reminded.instanceId}/tasks/${reminded.taskId}`,
      );
      await checkAccessibility(page);
    });

    it('redirects a person who may see the task to its step page', async () => {
      await signInAs(page, web, manager.email);
      const cookies = await context.cookies();
      const response = await request(web.baseUrl)
        .get(`/tasks/${reminded.taskId}`)
        .set('Accept', 'text/html')
        .set('Cookie', cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; '))
        .expect(303);
      expect(response.headers.location).toBe(
        `/instances/${reminded.instanceId}/tasks/${reminded.taskId}`,
      );
    });

    it('shows another partnership’s person the page not found, as for a task that does not exist', async () => {
      await signInAs(page, web, outsider.email);
      const response = await page.goto(reminderLink);
      expect(response?.status()).toBe(404);
      expect(await page.locator('h1').innerText()).toBe('Page not found');
      expect(new URL(page.url()).pathname).toBe(`/tasks/${reminded.taskId}`);
      await checkAccessibility(page);

      const none = await page.goto(`${web.baseUrl}/tasks/00000000-0000-4000-8000-000000000000`);
      expect(none?.status()).toBe(404);
      const malformed = await page.goto(`${web.baseUrl}/tasks/not-a-task`);
      expect(malformed?.status()).toBe(404);
    });
  });
});
