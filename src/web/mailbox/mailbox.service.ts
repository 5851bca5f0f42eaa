import { Inject, Injectable } from '@nestjs/common';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AddressObject, simpleParser } from 'mailparser';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { TextPart, textWithLinks } from './text-with-links';

export interface MailSummary {
  id: string;
  to: string;
  subject: string;
  /** The Date header, else when the sink kept the message. */
  date: Date;
}

export interface MailMessage extends MailSummary {
  from: string;
  /** The plain-text part, with its links picked out. */
  body: TextPart[];
}

const MESSAGE_ID = /^[A-Za-z0-9_-]+$/;
const LIST_LIMIT = 200;

function addresses(value: AddressObject | AddressObject[] | undefined): string {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.map((address) => address.text).join(', ');
}

/**
 * Reads the `.eml` files the development SMTP sink keeps in `MAILBOX_DIR`. Enabled only when that
 * is set and the process is not in production.
 */
@Injectable()
export class MailboxService {
  private readonly dir: string | undefined;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.dir = config.environment === 'production' ? undefined : config.mailboxDir;
  }

  get enabled(): boolean {
    return this.dir !== undefined;
  }

  /** The newest messages first. */
  async list(): Promise<MailSummary[]> {
    const dir = this.requireDir();
    const names = (await readdir(dir)).filter((name) => name.endsWith('.eml'));
    const files = await Promise.all(
      names.map(async (name) => ({ name, modified: (await stat(join(dir, name))).mtimeMs })),
    );
    files.sort((a, b) => b.modified - a.modified || b.name.localeCompare(a.name));
    return Promise.all(
      files.slice(0, LIST_LIMIT).map(async ({ name }) => {
        const message = await this.read(name.slice(0, -'.eml'.length));
        if (!message) throw new Error(`${name} disappeared while listing the mailbox`);
        const { id, to, subject, date } = message;
        return { id, to, subject, date };
      }),
    );
  }

  /** One message, or undefined when there is none with that id. */
  async read(id: string): Promise<MailMessage | undefined> {
    const dir = this.requireDir();
    if (!MESSAGE_ID.test(id)) return undefined;
    const file = join(dir, `${id}.eml`);
    let source: Buffer;
    try {
      source = await readFile(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const mail = await simpleParser(source);
    return {
      id,
      from: addresses(mail.from),
      to: addresses(mail.to),
      subject: mail.subject ?? '(no subject)',
      date: mail.date ?? (await stat(file)).mtime,
      body: textWithLinks(mail.text ?? ''),
    };
  }

  private requireDir(): string {
    if (this.dir === undefined) throw new Error('The development mailbox is not enabled');
    return this.dir;
  }
}
