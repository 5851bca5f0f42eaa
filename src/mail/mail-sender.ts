import { createHash } from 'node:crypto';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { MAIL_TRANSPORT } from './mail-transport';
import { checkPersonName, verifyTemplates, type PersonName, type RenderedEmail } from './templates';

export const MAIL_FAILURE_CODES = [
  /** The server refused the recipient for good (550 mailbox unavailable, 551, 553). */
  'recipient-rejected',
  /** The server refused the message for good (any other 5xx). */
  'message-rejected',
  /** The address cannot be sent to at all; nothing was sent. */
  'invalid-recipient',
  /** The server asked to try later (4xx: mailbox busy, greylisting, rate limit). */
  'server-busy',
  /** No connection: refused, reset, DNS, TLS. */
  'connection-failed',
  'timeout',
  /** The SMTP credentials were refused: fixable by operations, so worth retrying. */
  'authentication-failed',
  'unknown',
] as const;
export type MailFailureCode = (typeof MAIL_FAILURE_CODES)[number];

/**
 * A failed send. Messages name the failure and the SMTP status, never the address or the
 * server's text (which often quotes the address).
 */
export abstract class MailDeliveryError extends Error {
  abstract readonly permanent: boolean;

  constructor(
    readonly code: MailFailureCode,
    readonly responseCode: number | undefined,
  ) {
    super(
      `Mail delivery failed: ${code}${responseCode === undefined ? '' : ` (SMTP ${responseCode})`}`,
    );
  }
}

/** Retrying cannot help: the worker marks the reminder failed (BullMQ UnrecoverableError). */
export class PermanentMailError extends MailDeliveryError {
  readonly permanent = true;
  override readonly name = 'PermanentMailError';
}

/** Retrying later may work: the worker lets BullMQ retry with backoff. */
export class TransientMailError extends MailDeliveryError {
  readonly permanent = false;
  override readonly name = 'TransientMailError';
}

const PERMANENT_RECIPIENT_STATUSES = new Set([550, 551, 553]);
const CONNECTION_CODES = new Set([
  'ECONNECTION',
  'ESOCKET',
  'ECONNREFUSED',
  'ECONNRESET',
  'EDNS',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETLS',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPROTOCOL',
]);

function property(error: unknown, key: string): unknown {
  return typeof error === 'object' && error !== null
    ? (error as Record<string, unknown>)[key]
    : undefined;
}

/**
 * Sorts an SMTP failure (as nodemailer reports it) into permanent (5xx, or an address nothing can
 * be sent to) or transient (4xx, no connection, timeouts, refused credentials, anything unknown):
 * the reminder workers retry only what may succeed later.
 */
export function classifyMailFailure(error: unknown): MailDeliveryError {
  if (error instanceof MailDeliveryError) return error;
  const responseCode = property(error, 'responseCode');
  const status = typeof responseCode === 'number' ? responseCode : undefined;
  const code = property(error, 'code');
  const command = property(error, 'command');
  if (code === 'EAUTH') return new TransientMailError('authentication-failed', status);
  if (status !== undefined && status >= 500 && status < 600) {
    const recipient = command === 'RCPT TO' || PERMANENT_RECIPIENT_STATUSES.has(status);
    return new PermanentMailError(recipient ? 'recipient-rejected' : 'message-rejected', status);
  }
  if (status !== undefined && status >= 400 && status < 500) {
    return new TransientMailError('server-busy', status);
  }
  if (code === 'ETIMEDOUT' || code === 'ETIMEOUT') return new TransientMailError('timeout', status);
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) {
    return new TransientMailError('connection-failed', status);
  }
  if (code === 'EENVELOPE') return new PermanentMailError('invalid-recipient', status);
  if (code === 'EMESSAGE') return new PermanentMailError('message-rejected', status);
  return new TransientMailError('unknown', status);
}

export interface MailRecipient {
  address: string;
  name?: PersonName;
}

export interface SendOptions {
  /**
   * What the email is about, e.g. a reminder key: gives a stable Message-ID so a retry after an
   * unclear failure can be recognised as the same message. Hashed, so the key is not shown.
   */
  messageKey?: string;
}

export interface MailReceipt {
  messageId: string;
  /** The server's reply to the message, e.g. `250 OK: message queued`. */
  response: string;
}

/** One address, no display name or list, nothing a header could be bent with. */
const ADDRESS =
  /^[^\s@<>",;:()[\]\\]{1,64}@[A-Za-z0-9.-]{1,255}\.[A-Za-z]{2,63}$|^[^\s@<>",;:()[\]\\]{1,64}@localhost$/;

/**
 * Sends a rendered template to one recipient over the shared SMTP transport (MAIL_TRANSPORT).
 * Only a RenderedEmail can be sent, and only the templates make those. Failures come back as
 * PermanentMailError or TransientMailError. Checks every template at boot.
 */
@Injectable()
export class MailSender implements OnModuleInit {
  private readonly messageIdDomain: string;

  constructor(
    @Inject(MAIL_TRANSPORT) private readonly transport: Transporter,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.messageIdDomain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(config.mailFrom)?.[1] ?? 'localhost';
  }

  onModuleInit(): void {
    verifyTemplates();
  }

  async send(
    to: MailRecipient,
    email: RenderedEmail,
    options: SendOptions = {},
  ): Promise<MailReceipt> {
    if (!ADDRESS.test(to.address)) throw new PermanentMailError('invalid-recipient', undefined);
    const name = to.name === undefined ? undefined : checkPersonName(to.name, 'recipient name');
    const messageId =
      options.messageKey === undefined
        ? undefined
        : `<${createHash('sha256').update(options.messageKey).digest('hex').slice(0, 40)}@${this.messageIdDomain}>`;
    try {
      const info = (await this.transport.sendMail({
        to: name ? { name, address: to.address } : to.address,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId,
        headers: { 'Auto-Submitted': 'auto-generated' },
      })) as { messageId: string; response: string };
      return { messageId: info.messageId, response: info.response };
    } catch (error) {
      throw classifyMailFailure(error);
    }
  }
}
