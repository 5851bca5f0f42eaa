import { SettableClock } from '../common/clock';
import { FormErrors, formView } from './forms/form-errors';
import { createViewEnvironment } from './view-environment';

describe('the view environment', () => {
  const clock = new SettableClock('2026-01-14T09:00:00Z');
  const environment = createViewEnvironment({ noCache: false, now: () => clock.now() });

  it('escapes every value, so a title holding a script shows as text', () => {
    const html = environment.renderString('<h1>{{ title }}</h1>', {
      title: '<script>alert("x")</script>',
    });

    expect(html).toBe('<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</h1>');
  });

  it('escapes values passed to govuk-frontend macros', () => {
    const html = environment.renderString(
      '{% from "govuk/components/input/macro.njk" import govukInput %}' +
        '{{ govukInput({ id: "theme", name: "theme", label: { text: "Theme" }, value: value }) }}',
      { value: '"><script>alert(1)</script>' },
    );

    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).not.toContain('<script>');
  });

  it('renders a page in the layout with its title after the page name', () => {
    const html = environment.render('errors/404.njk', { currentPath: '/missing' });

    expect(html).toContain('<title>Page not found – Safeguarding reviews</title>');
    expect(html).toContain('govuk-generic-header');
    expect(html).not.toContain('govuk-header__logotype');
  });

  it('starts the title with "Error: " when the page shows a form with errors', () => {
    const form = formView({ theme: '' }, FormErrors.fromMap({ theme: 'Enter a theme' }));
    const html = environment.renderString(
      '{% extends "layout.njk" %}{% set title = "Plan an audit" %}' +
        '{% from "macros/forms.njk" import errorSummary %}' +
        '{% block content %}{{ errorSummary(form) }}{% endblock %}',
      { form },
    );

    expect(html).toContain('<title>Error: Plan an audit – Safeguarding reviews</title>');
    expect(html).toContain('<a href="#theme">Enter a theme</a>');
  });

  it('offers the date, due-date and RAG filters', () => {
    const html = environment.renderString(
      '{{ due | formatDate }}; {{ due | dueInWords }}; {{ (rag | ragTag).text }}; [{{ none | formatDate }}]',
      { due: '2026-01-19', rag: 'amber', none: null },
    );

    expect(html).toBe('Monday 19 January 2026; due in 3 working days; At risk; []');
  });
});
