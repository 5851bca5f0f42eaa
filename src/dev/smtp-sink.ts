import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  from: string;
  to: string[];
  raw: string;
  receivedAt: Date;
}

export interface SmtpSinkOptions {
  port: number;
  /** When set, every message is also written there as an .eml file for the development mailbox. */
  mailboxDir?: string;
  /** Addresses the sink refuses permanently (550), to exercise bounce handling. */
  rejectRecipients?: (address: string) => boolean;
}

/** A real SMTP server on loopback that accepts and keeps every message. Development and tests only. */
export class SmtpSink {
  readonly messages: CapturedMail[] = [];
  private readonly listeners = new Set<(mail: CapturedMail) => void>();
  private readonly server: SMTPServer;

  constructor(private readonly options: SmtpSinkOptions) {
    if (options.mailboxDir) mkdirSync(options.mailboxDir, { recursive: true });
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      banner: 'development mail sink',
      logger: false,
      onRcptTo: (address, _session, callback) => {
        if (options.rejectRecipients?.(address.address)) {
          const error = Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 });
          callback(error);
          return;
        }
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const mail: CapturedMail = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((recipient) => recipient.address),
            raw: Buffer.concat(chunks).toString('utf8'),
            receivedAt: new Date(),
          };
          this.keep(mail);
          callback();
        });
      },
    });
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.options.port}`;
  }

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, '127.0.0.1', () => resolve());
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  onMessage(listener: (mail: CapturedMail) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    this.messages.length = 0;
  }

  private keep(mail: CapturedMail): void {
    this.messages.push(mail);
    if (this.options.mailboxDir) {
      const name = `${mail.receivedAt.getTime()}-${Math.random().toString(36).slice(2, 8)}.eml`;
      writeFileSync(join(this.options.mailboxDir, name), mail.raw);
    }
    this.listeners.forEach((listener) => listener(mail));
  }
}
