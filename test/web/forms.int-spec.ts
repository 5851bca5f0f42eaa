import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsInt, IsNotEmpty, validateSync } from 'class-validator';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { FormErrors, formView, FormView } from '../../src/web/forms/form-errors';
import { WebViews } from '../../src/web/web-views';
import {
  checkAccessibility,
  launchBrowser,
  screenshot,
  startWebApp,
  watchPageErrors,
  WebApp,
} from '../support/browser';

class PlanAudit {
  @IsNotEmpty({ message: 'Enter a theme' })
  theme!: string;

  @Type(() => Number)
  @IsInt({ message: 'Number of cases must be a whole number, like 6' })
  cases!: number;

  @IsNotEmpty({ message: 'Enter the meeting venue' })
  venue!: string;
}

/** A form page as a feature will write one, using the shared pattern and govuk-frontend macros. */
const PLAN_AUDIT_PAGE = `
{% extends "layout.njk" %}
{% from "macros/forms.njk" import errorSummary %}
{% from "govuk/components/input/macro.njk" import govukInput %}
{% from "govuk/components/button/macro.njk" import govukButton %}
{% set title = "Plan an audit" %}
{% block content %}
  <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
    {{ errorSummary(form) }}
    <h1 class="govuk-heading-l">{{ title }}</h1>
    <form method="post" novalidate>
      {{ govukInput({ id: "theme", name: "theme", label: { text: "Theme" },
                      value: form.values.theme, errorMessage: form.errors.fields.theme }) }}
      {{ govukInput({ id: "cases", name: "cases", label: { text: "Number of cases" },
                      classes: "govuk-input--width-3", inputmode: "numeric",
                      value: form.values.cases, errorMessage: form.errors.fields.cases }) }}
      {{ govukInput({ id: "venue", name: "venue", label: { text: "Meeting venue" },
                      value: form.values.venue, errorMessage: form.errors.fields.venue }) }}
      {{ govukButton({ text: "Continue" }) }}
    </form>
  </div></div>
{% endblock %}`;

describe('the shared form error pattern in Chromium', () => {
  let web: WebApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  afterEach(async () => {
    await page.close();
  });

  /**
   * Renders the page through the app's own environment and serves it at the app's origin with the
   * app's own security headers; its CSS and JS come from the running app.
   */
  async function showPlanAudit(form: FormView): Promise<string[]> {
    const html = web.app
      .get(WebViews)
      .environment.renderString(PLAN_AUDIT_PAGE, { form, currentPath: '/audits/new' });
    const { headers } = await request(web.baseUrl).get('/').set('Accept', 'text/html');
    await page.route(`${web.baseUrl}/audits/new`, (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        headers: { 'content-security-policy': String(headers['content-security-policy']) },
        body: html,
      }),
    );
    const pageErrors = watchPageErrors(page);
    await page.goto(`${web.baseUrl}/audits/new`);
    return pageErrors;
  }

  function submitted(body: Record<string, string>): FormView {
    return formView(
      body,
      FormErrors.fromValidation(validateSync(plainToInstance(PlanAudit, body))),
    );
  }

  it('summarises the errors at the top, marks each field, and keeps what was typed', async () => {
    const pageErrors = await showPlanAudit(
      submitted({ theme: 'Neglect', cases: '12x', venue: '' }),
    );

    expect(await page.title()).toBe('Error: Plan an audit – Safeguarding reviews');
    expect(await page.locator('.govuk-error-summary__list a').allInnerTexts()).toEqual([
      'Number of cases must be a whole number, like 6',
      'Enter the meeting venue',
    ]);
    expect(await page.locator('#cases-error').innerText()).toContain(
      'Number of cases must be a whole number, like 6',
    );
    expect(await page.locator('#theme').inputValue()).toBe('Neglect');
    expect(await page.locator('#cases').inputValue()).toBe('12x');
    expect(await page.locator('#theme-error').count()).toBe(0);
    await checkAccessibility(page);
    await screenshot(page, 'form-errors');
    expect(pageErrors).toEqual([]);
  });

  it('focuses the summary on load and takes the keyboard from an error to its field', async () => {
    await showPlanAudit(submitted({ theme: 'Neglect', cases: '12x', venue: '' }));

    // govuk-frontend focuses the summary as it initialises it.
    await page.locator('[data-govuk-error-summary-init]').waitFor({ state: 'attached' });
    expect(
      await page.evaluate("document.activeElement.classList.contains('govuk-error-summary')"),
    ).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent.trim()')).toBe(
      'Number of cases must be a whole number, like 6',
    );
    await page.keyboard.press('Enter');

    expect(await page.evaluate('document.activeElement.id')).toBe('cases');
  });

  it('shows no summary and no "Error:" in the title when nothing is wrong', async () => {
    await showPlanAudit(formView());

    expect(await page.title()).toBe('Plan an audit – Safeguarding reviews');
    expect(await page.locator('.govuk-error-summary').count()).toBe(0);
    await checkAccessibility(page);
  });
});
