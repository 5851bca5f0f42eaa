import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Queue } from 'bullmq';
import type IORedis from 'ioredis';
import { simpleParser } from 'mailparser';
import { ImmediateConcernNotifier } from '../../src/audits/concerns/immediate-concern.notifier';
import type { OutboxNotifier } from '../../src/audits/notifications/audit-outbox-job';
import { ConcernActionedNotifier } from '../../src/audits/notifications/concern-actioned.notifier';
import { MeetingDateChangedNotifier } from '../../src/audits/notifications/meeting-date-changed.notifier';
import { ReturnReopenedNotifier } from '../../src/audits/notifications/return-reopened.notifier';
import { freePort } from '../../src/dev/free-port';
import { SmtpSink, type CapturedMail } from '../../src/dev/smtp-sink';
import { outboxQueueName, type OutboxJobData } from '../../src/engine/queue-names';
import { dateInWords } from '../../src/mail/templates';
import { createRedisConnection } from '../../src/queue/redis';
import { WorkerModule } from '../../src/worker/worker.module';
import { eventually } from '../reviews/support/review-world';
import { AppHarness, startApp } from '../support/app-harness';
import { auditWithCases } from './support/audit-setup';
import {
  buildAuditWorld,
  CHILDREN,
  completeReturn,
  workingDaysFromToday,
  type AuditWorld,
  type WorldPerson,
} from './support/audit-world';

/** A Redis database of this file's own, so workers of other test files never take its jobs. */
const REDIS_URL = (() => {
  const url = new URL(process.env.REDIS_URL ?? '');
  url.pathname = '/5';
  return url.toString();
})();

/** The audit group member of the police, whose mail server refuses every message (550). */
const REJECTED = 'policeauditor@ntf.example';

/** Everything about the audit's cases that must never reach an email. */
const CASE_CONTENT = [
  'Case A',
  'Case B',
  ...CHILDREN.flatMap((child) => [child.fullName, child.dateOfBirth, child.address]),
  'Testchild',
  'Amelia',
  'NP-4471',
  'stepped down',
  'Bruising',
  'strategy discussion',
  'grade does not match',
];

describe('emails about an audit: a concern actioned, a return reopened, the meeting moved', () => {
  let sink: SmtpSink;
  let harness: AppHarness;
  let worker: INestApplicationContext;
  let redis: IORedis;
  let world: AuditWorld;
  let audit: string;
  let reference: string;
  const queues = new Map<string, Queue<OutboxJobData>>();

  const ret = (agencyId: string, caseKey: string): string =>
    `/api/audits/${audit}/returns/${agencyId}/${caseKey}`;

  function queue(topic: string): Queue<OutboxJobData> {
    let found = queues.get(topic);
    if (!found) {
      found = new Queue<OutboxJobData>(outboxQueueName(topic), { connection: redis });
      queues.set(topic, found);
    }
    return found;
  }

  /** Waits until every job of the topic has finished, and returns them. */
  async function finishedJobs(topic: string, count: number): Promise<OutboxJobData[]> {
    const counts = await eventually(
      () => queue(topic).getJobCounts('completed', 'failed', 'waiting', 'active', 'delayed'),
      (now) => now.completed + now.failed === count && now.active + now.waiting === 0,
    );
    expect(counts).toMatchObject({ completed: count, failed: 0, delayed: 0 });
    const jobs = await queue(topic).getJobs(['completed']);
    return jobs.map((job) => job.data);
  }

  /** The emails of one kind (by subject) the sink accepted, by recipient. */
  async function mailsAbout(subject: RegExp): Promise<Map<string, string[]>> {
    const byRecipient = new Map<string, string[]>();
    for (const mail of sink.messages) {
      const parsed = await simpleParser(mail.raw);
      if (!subject.test(parsed.subject ?? '')) continue;
      const shown = `${parsed.subject ?? ''}\n${parsed.text ?? ''}\n${parsed.html || ''}`;
      for (const to of mail.to) byRecipient.set(to, [...(byRecipient.get(to) ?? []), shown]);
    }
    return byRecipient;
  }

  async function recorded(
    kind: string,
  ): Promise<Array<{ person_id: string; status: string; failure_code: string | null }>> {
    return world.dataSource.query(
      `SELECT person_id, status, failure_code FROM audit_notifications
        WHERE kind = $1 AND instance_id = $2 ORDER BY person_id`,
      [kind, audit],
    );
  }

  function expectOneEachAndNoCaseContent(
    mails: Map<string, string[]>,
    people: readonly WorldPerson[],
  ): void {
    expect([...mails.keys()].sort()).toEqual(people.map((person) => person.email).sort());
    for (const person of people) {
      const messages = mails.get(person.email) ?? [];
      expect(messages).toHaveLength(1);
      expect(messages[0]).toContain(`Dear ${person.name},`);
      expect(messages[0]).toContain(`http://localhost:3999/instances/${audit}`);
      expect(messages[0]).toContain(reference);
      for (const secret of CASE_CONTENT) expect(messages[0]).not.toContain(secret);
    }
  }

  /** The ledger rows expected: sent to each of `told`, failed for good to the rejected address. */
  function ledger(told: readonly WorldPerson[], rejected?: WorldPerson) {
    return [
      ...told.map((person) => ({ person_id: person.id, status: 'sent', failure_code: null })),
      ...(rejected
        ? [{ person_id: rejected.id, status: 'failed', failure_code: 'recipient-rejected' }]
        : []),
    ].sort((a, b) => a.person_id.localeCompare(b.person_id));
  }

  beforeAll(async () => {
    sink = new SmtpSink({ port: await freePort(), rejectRecipients: (to) => to === REJECTED });
    await sink.start();
    redis = createRedisConnection(REDIS_URL, 'producer');
    await redis.flushdb();
    harness = await startApp({ REDIS_URL, SMTP_URL: sink.url });
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    await worker.init();
    world = await buildAuditWorld(harness, 'NTF');

    const { manager, policeAuditor, policeLead, healthLead } = world.people;
    const { police, health } = world.agencies;
    audit = await auditWithCases(world);
    for (const [person, role, agencyId] of [
      [policeAuditor, 'audit-group-member', police],
      [healthLead, 'agency-safeguarding-lead', health],
    ] as const) {
      await manager.api
        .put(`/api/instances/${audit}/members/${person.id}`, { role, agencyId })
        .expect(201);
    }
    reference = (await manager.api.get(`/api/audits/${audit}`).expect(200)).body.reference;
    await policeLead.api
      .post(`/api/audits/${audit}/involvement`, { agencyId: police, caseKeys: ['A', 'B'] })
      .expect(200);
    await healthLead.api
      .post(`/api/audits/${audit}/involvement`, { agencyId: health, caseKeys: ['A'] })
      .expect(200);
  });

  afterAll(async () => {
    await Promise.all([...queues.values()].map((each) => each.close()));
    await worker?.close();
    await harness?.close();
    await redis?.quit();
    await sink?.stop();
  });

  it('tells the reopened agency’s lead and auditor, and nobody else, without the case or the reason', async () => {
    const { policeAuditor, policeLead, officer } = world.people;
    const { police } = world.agencies;
    await policeLead.api.put(ret(police, 'A'), completeReturn()).set('If-Match', '"1"').expect(200);
    await policeLead.api
      .post(`${ret(police, 'A')}/submit`)
      .set('If-Match', '"2"')
      .expect(200);
    await officer.api
      .post(`${ret(police, 'A')}/reopen`, {
        reason: 'The overall grade does not match what Amelia Testchild’s file shows.',
      })
      .expect(200);

    await finishedJobs('return-reopened', 1);
    expectOneEachAndNoCaseContent(await mailsAbout(/^Audit return reopened in audit /), [
      policeLead,
    ]);
    const mail = (await mailsAbout(/^Audit return reopened/)).get(policeLead.email)?.[0] ?? '';
    expect(mail).toContain(`Audit return reopened in audit ${reference}`);
    expect(mail).toContain('reopened an audit return from Northshire Police');
    expect(mail).toContain('It needs to be submitted again.');
    expect(await recorded('return-reopened')).toEqual(ledger([policeLead], policeAuditor));
  });

  it('tells every member of the audit the new meeting date in words, once each', async () => {
    const { officer, auditChair, policeLead, policeAuditor, healthLead, panelMember } =
      world.people;
    const movedTo = workingDaysFromToday(40);
    await officer.api
      .post(`/api/audits/${audit}/events`, {
        type: 'MEETING_DATE_CHANGED',
        payload: { meetingOn: movedTo, reason: 'The chair must attend a strategy discussion.' },
      })
      .expect(200);

    await finishedJobs('meeting-date-changed', 1);
    const mails = await mailsAbout(/^Audit meeting for /);
    expectOneEachAndNoCaseContent(mails, [auditChair, policeLead, healthLead, panelMember]);
    expect(mails.get(healthLead.email)?.[0]).toContain(
      `Audit meeting for ${reference} moved to ${dateInWords(movedTo)}`,
    );
    expect(mails.get(healthLead.email)?.[0]).toContain(
      `The multi-agency audit meeting for case file audit ${reference} is now on ${dateInWords(movedTo)}.`,
    );
    expect(await recorded('meeting-date-changed')).toEqual(
      ledger([auditChair, policeLead, healthLead, panelMember], policeAuditor),
    );
  });

  it('tells who raised a concern and the business manager that it was actioned, never what was done', async () => {
    const { policeLead, manager, chair, auditChair } = world.people;
    const raised = await policeLead.api
      .post(`/api/audits/${audit}/concerns`, {
        caseKey: 'B',
        concern: 'Bruising seen on Ben Testchild at the last visit.',
      })
      .expect(201);
    await finishedJobs('immediate-concern-raised', 1);
    const raisedMails = await mailsAbout(/^Immediate concern raised in audit /);
    expectOneEachAndNoCaseContent(raisedMails, [manager, chair, auditChair, policeLead]);
    expect(raisedMails.get(manager.email)?.[0]).not.toContain('/concerns/');

    await manager.api
      .post(`/api/audits/${audit}/concerns/${raised.body.id}/actioned`, {
        actionTaken: 'A strategy discussion was held with Ben Testchild’s school the same day.',
      })
      .expect(200);
    await finishedJobs('immediate-concern-actioned', 1);
    const mails = await mailsAbout(/^Immediate concern actioned in audit /);
    expectOneEachAndNoCaseContent(mails, [policeLead, manager]);
    expect(mails.get(policeLead.email)?.[0]).toContain('because you raised the concern.');
    expect(mails.get(manager.email)?.[0]).toContain(
      'because you are the partnership’s business manager.',
    );
    expect(await recorded('immediate-concern-actioned')).toEqual(ledger([policeLead, manager]));
  });

  it('sends nothing twice when a job runs again, and does not retry a rejected address', async () => {
    const notifiers: Array<[string, OutboxNotifier]> = [
      ['immediate-concern-raised', worker.get(ImmediateConcernNotifier)],
      ['immediate-concern-actioned', worker.get(ConcernActionedNotifier)],
      ['return-reopened', worker.get(ReturnReopenedNotifier)],
      ['meeting-date-changed', worker.get(MeetingDateChangedNotifier)],
    ];
    const before = sink.messages.length;
    const rejectedBefore = (await recorded('return-reopened')).length;
    for (const [topic, notifier] of notifiers) {
      const [job] = await finishedJobs(topic, 1);
      const outcome = await notifier.notify(job);
      expect(outcome.sent).toBe(0);
      expect(outcome.failed).toBe(0);
      expect(outcome.alreadyTold).toBeGreaterThan(0);
    }
    expect(sink.messages.length).toBe(before);
    expect(sink.messages.some((mail: CapturedMail) => mail.to.includes(REJECTED))).toBe(false);
    expect((await recorded('return-reopened')).length).toBe(rejectedBefore);
  });
});
