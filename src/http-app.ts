import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { createValidationPipe } from './common/validation';
import { configureWebShell } from './web/configure-web';
import { scriptSources } from './web/content-security-policy';
import { WebErrorFilter } from './web/web-error.filter';
import { WebViews } from './web/web-views';

/** Builds the HTTP application; `main.ts` listens, tests drive it in-process. */
export async function createHttpApp(): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  const views = app.get(WebViews);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Same-origin scripts, plus govuk-frontend's one inline template script by its hash.
          'script-src': scriptSources(views),
          // Swagger UI needs inline styles.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
        },
      },
    }),
  );
  configureWebShell(app);
  app.use(cookieParser());
  app.useGlobalPipes(createValidationPipe());
  // HTML error pages for browsers on web pages, problem details JSON for everything else.
  app.useGlobalFilters(new WebErrorFilter(views));
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Safeguarding reviews API')
      .setDescription(
        'Multi-agency case file audits, practice reviews and learning reviews as durable workflows.',
      )
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json' });
  return app;
}
