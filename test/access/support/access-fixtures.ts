import type { Server } from 'node:http';
import { simpleParser } from 'mailparser';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { PartnershipRole } from '../../../workflows/shared/roles';
import { ApiTokenService } from '../../../src/auth/api-token.service';
import { cookieSettings } from '../../../src/auth/auth.settings';
import { AuthModule } from '../../../src/auth/auth.module';
import { SessionService } from '../../../src/auth/session.service';
import { adminServices } from '../../../src/cli/commands';
import { Clock, SettableClock } from '../../../src/common/clock';
import { inScope, SYSTEM_SCOPE } from '../../../src/database/tenancy';
import type { CapturedMail } from '../../../src/dev/smtp-sink';
import type { AppHarness } from '../../support/app-harness';

export const COOKIES = cookieSettings({ environment: 'test' });

export interface PersonFixture {
  id: string;
  email: string;
  name: string;
}

/** A partnership with its people, made through the same services as the command-line tool. */
export async function createPartnership(
  dataSource: DataSource,
  code: string,
  people: Array<{ email: string; name: string; roles?: PartnershipRole[] }>,
): Promise<{ id: string; code: string; people: PersonFixture[] }> {
  const services = adminServices(dataSource);
  return inScope(dataSource, SYSTEM_SCOPE, async (manager) => {
    const partnership = await services.partnerships.create(manager, {
      code,
      name: `${code} Safeguarding Children Partnership`,
    });
    const created: PersonFixture[] = [];
    for (const person of people) {
      const member = await services.people.addMember(manager, partnership.id, {
        email: person.email,
        displayName: person.name,
      });
      if (person.roles && person.roles.length > 0) {
        await services.people.setRoles(manager, partnership.id, member.personId, person.roles);
      }
      created.push({ id: member.personId, email: person.email, name: person.name });
    }
    return { id: partnership.id, code: partnership.code, people: created };
  });
}

export function httpServer(harness: AppHarness): Server {
  return harness.app.getHttpServer() as Server;
}

export function dataSourceOf(harness: AppHarness): DataSource {
  return harness.app.get(DataSource);
}

/**
 * The clock the sign-in, session and token services read, set to stand still at `start` and
 * moved by the test.
 */
export function controlClock(harness: AppHarness, start = new Date()): SettableClock {
  const settable = new SettableClock(start);
  const clock = harness.app.select(AuthModule).get(Clock, { strict: true });
  jest.spyOn(clock, 'now').mockImplementation(() => settable.now());
  return settable;
}

/** A session for a person, started directly (as the sign-in callback does), as a Cookie header. */
export async function sessionCookie(harness: AppHarness, personId: string): Promise<string> {
  const token = await harness.app.get(SessionService).start(personId);
  return `${COOKIES.sessionCookie}=${token}`;
}

/** A session cookie plus a CSRF token and its cookie, ready for unsafe requests. */
export async function signedInBrowser(
  harness: AppHarness,
  personId: string,
): Promise<{ cookie: string; csrfToken: string }> {
  const session = await sessionCookie(harness, personId);
  return withCsrf(harness, session);
}

export async function withCsrf(
  harness: AppHarness,
  session: string,
): Promise<{ cookie: string; csrfToken: string }> {
  const response = await request(httpServer(harness))
    .get('/auth/csrf')
    .set('Cookie', session)
    .expect(200);
  const csrfCookie = setCookies(response.headers).find((line) =>
    line.startsWith(`${COOKIES.csrfCookie}=`),
  );
  if (!csrfCookie) throw new Error('GET /auth/csrf set no CSRF cookie');
  return {
    cookie: `${session}; ${csrfCookie.split(';')[0]}`,
    csrfToken: (response.body as { csrfToken: string }).csrfToken,
  };
}

export async function apiToken(harness: AppHarness, personId: string, days = 30): Promise<string> {
  return (await harness.app.get(ApiTokenService).issue(personId, 'test', days)).token;
}

export function setCookies(headers: Record<string, unknown>): string[] {
  const value = headers['set-cookie'];
  return Array.isArray(value) ? (value as string[]) : typeof value === 'string' ? [value] : [];
}

/** Waits for the next email to `address` that arrives after `since` messages, and reads its text. */
export async function nextMailTo(
  harness: AppHarness,
  address: string,
  timeoutMs = 10_000,
): Promise<{ subject: string; text: string; raw: string }> {
  const matches = (mail: CapturedMail): boolean =>
    mail.to.some((to) => to.toLowerCase() === address.toLowerCase());
  const already = harness.smtp.messages.filter(matches);
  const mail =
    already.length > 0
      ? already[already.length - 1]
      : await new Promise<CapturedMail>((resolve, reject) => {
          const timer = setTimeout(() => {
            stop();
            reject(new Error(`No email to ${address} within ${timeoutMs} ms`));
          }, timeoutMs);
          const stop = harness.smtp.onMessage((arrived) => {
            if (!matches(arrived)) return;
            clearTimeout(timer);
            stop();
            resolve(arrived);
          });
        });
  const parsed = await simpleParser(mail.raw);
  return { subject: parsed.subject ?? '', text: parsed.text ?? '', raw: mail.raw };
}

/** Asks for a sign-in link and returns it as a path with its query, read from the email. */
export async function signInLink(
  harness: AppHarness,
  email: string,
  next?: string,
): Promise<string> {
  harness.smtp.clear();
  await request(httpServer(harness))
    .post('/auth/sign-in')
    .send(next === undefined ? { email } : { email, next })
    .expect(202);
  const mail = await nextMailTo(harness, email);
  const match = /(https?:\/\/\S+\/auth\/callback\?\S+)/.exec(mail.text);
  if (!match) throw new Error('The sign-in email holds no link');
  const url = new URL(match[1]);
  return `${url.pathname}${url.search}`;
}
