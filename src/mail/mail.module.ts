import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { MailSender } from './mail-sender';
import { createMailTransport, MAIL_TRANSPORT } from './mail-transport';

@Global()
@Module({
  providers: [
    {
      provide: MAIL_TRANSPORT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Transporter =>
        createMailTransport(config.smtpUrl, config.mailFrom),
    },
    MailSender,
  ],
  exports: [MAIL_TRANSPORT, MailSender],
})
export class MailModule implements OnApplicationShutdown {
  constructor(@Inject(MAIL_TRANSPORT) private readonly transport: Transporter) {}

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
