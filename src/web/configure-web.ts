import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { mountAssets } from './assets';
import { API_PATH_PREFIXES } from './page-request';
import { WebViews } from './web-views';

const UNCACHED_EXCEPT = ['/assets/', ...API_PATH_PREFIXES.map((prefix) => `${prefix}/`)];

/**
 * Wires the web shell into Express: Nunjucks as the view engine (`@Render('home')` renders
 * `src/web/views/home.njk`), static assets, `currentPath` for the layout's navigation, and
 * `Cache-Control: no-store` on pages so what a person saw is not kept on a shared computer.
 * Call after Helmet, before the app starts listening.
 */
export function configureWebShell(app: NestExpressApplication): void {
  const config = app.get<AppConfig>(APP_CONFIG);
  app.get(WebViews).environment.express(app.getHttpAdapter().getInstance());
  app.setViewEngine('njk');
  app.use((request: Request, response: Response, next: NextFunction) => {
    response.locals.currentPath = request.path;
    if (!UNCACHED_EXCEPT.some((prefix) => request.path.startsWith(prefix))) {
      response.setHeader('Cache-Control', 'no-store');
    }
    next();
  });
  mountAssets(app, config.environment === 'development');
}
