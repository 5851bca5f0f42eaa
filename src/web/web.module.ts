import { existsSync } from 'node:fs';
import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuthModule } from '../auth/auth.module';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { AdminPagesModule } from './admin/admin-pages.module';
import { DashboardPagesModule } from './dashboard/dashboard-pages.module';
import { HomeController } from './home.controller';
import { InstancePagesModule } from './instances/instance-pages.module';
import { MailboxController } from './mailbox/mailbox.controller';
import { MailboxService } from './mailbox/mailbox.service';
import { PageLocalsInterceptor } from './signed-in/page-locals.interceptor';
import { SignInPagesModule } from './sign-in/sign-in-pages.module';
import { StepPagesModule } from './steps/step-pages.module';
import { TaskPagesModule } from './tasks/task-pages.module';
import { createViewEnvironment } from './view-environment';
import { PUBLIC_DIR, VIEWS_DIR } from './web-paths';
import { WebViews } from './web-views';

/**
 * The web: the Nunjucks environment (configured once, here), the start page, error pages (see
 * `WebErrorFilter`), what every signed-in page gets (`PageLocalsInterceptor`), the development
 * mailbox, and a module per group of pages. `configureWebShell` wires it into Express.
 */
@Module({
  imports: [
    AuthModule,
    SignInPagesModule,
    TaskPagesModule,
    InstancePagesModule,
    DashboardPagesModule,
    StepPagesModule,
    AdminPagesModule,
  ],
  controllers: [HomeController, MailboxController],
  providers: [
    {
      provide: WebViews,
      inject: [APP_CONFIG, { token: Clock, optional: true }],
      useFactory: (config: AppConfig, clock: Clock | undefined): WebViews => {
        for (const dir of [VIEWS_DIR, PUBLIC_DIR]) {
          if (!existsSync(dir)) throw new Error(`${dir} not found: deploy src/web with the build`);
        }
        return new WebViews(
          createViewEnvironment({
            noCache: config.environment === 'development',
            now: () => (clock ? clock.now() : new Date()),
          }),
        );
      },
    },
    MailboxService,
    { provide: APP_INTERCEPTOR, useClass: PageLocalsInterceptor },
  ],
  exports: [WebViews],
})
export class WebModule {}
