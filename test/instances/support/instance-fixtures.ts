import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { IsoDate } from '../../../workflows/shared/due-rule';
import { SYSTEM } from '../../../src/engine/engine.types';
import type { CommandResult, MemberInput } from '../../../src/engine/engine.types';
import { WorkflowEngine } from '../../../src/engine/workflow-engine.service';
import {
  COOKIES,
  httpServer,
  setCookies,
  signInLink,
  withCsrf,
  type PersonFixture,
} from '../../access/support/access-fixtures';
import type { AppHarness } from '../../support/app-harness';

/**
 * Starts a real practice review (a registered definition) through the app's workflow engine, as
 * the engine itself, with the given members. It opens in "Serious incident notification", with the
 * business manager's task due 5 working days after `awareOn`.
 */
export async function startPracticeReview(
  app: INestApplication,
  options: {
    partnershipId: string;
    title?: string;
    awareOn: IsoDate;
    members?: MemberInput[];
  },
): Promise<CommandResult> {
  return app.get(WorkflowEngine).start(SYSTEM, {
    partnershipId: options.partnershipId,
    definitionKey: 'practice-review',
    title: options.title ?? 'Child H',
    input: {
      pseudonym: 'Child H',
      awareOn: options.awareOn,
      childLookedAfter: false,
      incidentKind: 'serious-harm',
    },
    members: options.members ?? [],
  });
}

/** A person signed in through the emailed sign-in link, as a browser would be: cookies and a CSRF token. */
export interface SignedIn {
  personId: string;
  cookie: string;
  csrfToken: string;
}

export async function signIn(harness: AppHarness, person: PersonFixture): Promise<SignedIn> {
  const link = await signInLink(harness, person.email);
  const response = await request(httpServer(harness)).get(link).expect(303);
  const session = setCookies(response.headers).find((line) =>
    line.startsWith(`${COOKIES.sessionCookie}=`),
  );
  if (!session) throw new Error(`Signing in ${person.email} set no session cookie`);
  return { personId: person.id, ...(await withCsrf(harness, session.split(';')[0])) };
}

/** Requests as a signed-in person; unsafe methods carry the CSRF token. */
export function as(harness: AppHarness, who: SignedIn) {
  const server = httpServer(harness);
  return {
    get: (path: string) => request(server).get(path).set('Cookie', who.cookie),
    post: (path: string, body: object, headers: Record<string, string> = {}) =>
      request(server)
        .post(path)
        .set({ ...headers, Cookie: who.cookie, 'x-csrf-token': who.csrfToken })
        .send(body),
    put: (path: string, body: object, headers: Record<string, string> = {}) =>
      request(server)
        .put(path)
        .set({ ...headers, Cookie: who.cookie, 'x-csrf-token': who.csrfToken })
        .send(body),
    delete: (path: string, headers: Record<string, string> = {}) =>
      request(server)
        .delete(path)
        .set({ ...headers, Cookie: who.cookie, 'x-csrf-token': who.csrfToken }),
  };
}
