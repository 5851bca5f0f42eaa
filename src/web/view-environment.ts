import { Environment, FileSystemLoader } from 'nunjucks';
import { BusinessCalendar, type Rag } from '../calendar';
import { assetHref } from './assets';
import { dueInWords, formatDate, formatDateTime, type DateLike } from './filters/dates';
import { ragTag } from './filters/rag';
import { serviceNavigation } from './navigation';
import { GOVUK_FRONTEND_DIST, VIEWS_DIR } from './web-paths';

export const SERVICE_NAME = 'Safeguarding reviews';

export interface ViewEnvironmentOptions {
  /** Read templates afresh on every render: development only; elsewhere each is compiled once. */
  noCache: boolean;
  /** The current instant, for `dueInWords`. */
  now: () => Date;
  calendar?: BusinessCalendar;
}

/** Formats an optional value: a missing date renders as nothing rather than failing the page. */
function optional<T, R>(format: (value: T) => R): (value: T | null | undefined) => R | '' {
  return (value) => (value === null || value === undefined ? '' : format(value));
}

/**
 * The one Nunjucks environment: our views first, then govuk-frontend's, so
 * `{% from "govuk/components/button/macro.njk" import govukButton %}` works. Autoescape is on:
 * every value is HTML-escaped unless a template marks it `| safe`.
 *
 * Filters: `formatDate` ("Wednesday 14 January 2026"), `formatDateTime` ("… at 3:05pm"),
 * `dueInWords` ("due in 3 working days", "2 working days overdue"), `ragTag` (options for
 * `govukTag`). Globals: `serviceName`, `assetHref(name)`, `serviceNavigation(path, sections)`.
 */
export function createViewEnvironment(options: ViewEnvironmentOptions): Environment {
  const calendar = options.calendar ?? new BusinessCalendar();
  const loader = new FileSystemLoader([VIEWS_DIR, GOVUK_FRONTEND_DIST], {
    noCache: options.noCache,
    watch: false,
  });
  const environment = new Environment(loader, { autoescape: true, throwOnUndefined: false });
  environment.addGlobal('serviceName', SERVICE_NAME);
  environment.addGlobal('assetHref', assetHref);
  environment.addGlobal('serviceNavigation', serviceNavigation);
  environment.addFilter('formatDate', optional(formatDate));
  environment.addFilter('formatDateTime', optional(formatDateTime));
  environment.addFilter(
    'dueInWords',
    optional((due: DateLike) => dueInWords(due, options.now(), calendar)),
  );
  environment.addFilter('ragTag', (rag: Rag) => ragTag(rag));
  return environment;
}
