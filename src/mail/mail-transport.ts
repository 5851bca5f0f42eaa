import { createTransport, Transporter } from 'nodemailer';

/** The process's one nodemailer SMTP transport (pooled). */
export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

/** Pooled connections with bounded timeouts, unless the URL already says otherwise. */
function pooledSmtpUrl(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  const defaults = {
    pool: 'true',
    maxConnections: '4',
    connectionTimeout: '10000',
    greetingTimeout: '5000',
  };
  for (const [key, value] of Object.entries(defaults)) {
    if (!url.searchParams.has(key)) url.searchParams.set(key, value);
  }
  return url.toString();
}

export function createMailTransport(smtpUrl: string, from: string): Transporter {
  return createTransport(pooledSmtpUrl(smtpUrl), { from });
}
