import { Controller, Get, NotFoundException, Param, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../../access/access.decorators';
import { MailboxService, MailMessage, MailSummary } from './mailbox.service';

/**
 * Development only: the emails the local SMTP sink kept, so sign-in links and reminders can be
 * followed without a real mail server. Answers 404 in production or without `MAILBOX_DIR`.
 */
@ApiExcludeController()
@Public()
@Controller('dev/mailbox')
export class MailboxController {
  constructor(private readonly mailbox: MailboxService) {}

  @Get()
  @Render('dev/mailbox')
  async list(): Promise<{ messages: MailSummary[] }> {
    this.requireEnabled();
    return { messages: await this.mailbox.list() };
  }

  @Get(':id')
  @Render('dev/mailbox-message')
  async show(@Param('id') id: string): Promise<{ message: MailMessage }> {
    this.requireEnabled();
    const message = await this.mailbox.read(id);
    if (!message) throw new NotFoundException();
    return { message };
  }

  private requireEnabled(): void {
    if (!this.mailbox.enabled) throw new NotFoundException();
  }
}
