import { existsSync } from 'node:fs';
import { Module } from '@nestjs/common';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { HomeController } from './home.controller';
import { MailboxController } from './mailbox/mailbox.controller';
import { MailboxService } from './mailbox/mailbox.service';
import { createViewEnvironment } from './view-environment';
import { PUBLIC_DIR, VIEWS_DIR } from './web-paths';
import { WebViews } from './web-views';

/**
 * The web shell: the Nunjucks environment (configured once, here), the start page, error pages
 * (see `WebErrorFilter`) and the development mailbox. `configureWebShell` wires it into Express.
 */
@Module({
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
  ],
  exports: [WebViews],
})
export class WebModule {}
