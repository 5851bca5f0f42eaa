import type { Environment } from 'nunjucks';

/** The configured Nunjucks environment, as a Nest provider (see `WebModule`). */
export class WebViews {
  constructor(readonly environment: Environment) {}

  /** Renders a template from `src/web/views` (or govuk-frontend's), e.g. `errors/404.njk`. */
  render(template: string, context: object = {}): string {
    return this.environment.render(template, context);
  }
}
