import { createHash } from 'node:crypto';
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { BusinessCalendar } from '../../src/calendar';
import { ConfigModule } from '../../src/config/config.module';
import { freePort } from '../../src/dev/free-port';
import { SmtpSink, type CapturedMail } from '../../src/dev/smtp-sink';
import {
  MailSender,
  PermanentMailError,
  TransientMailError,
  type MailDeliveryError,
} from '../../src/mail/mail-sender';
import { MailModule } from '../../src/mail/mail.module';
import {
  agencyName,
  appLink,
  personName,
  referenceNumber,
  renderDigestEmail,
  renderEscalationEmail,
  renderReminderEmail,
  renderSignInEmail,
  stepTitle,
  taskLink,
  type RenderedEmail,
} from '../../src/mail/templates';
import { buildDigest, dueTiming } from '../../src/reminders/policy';

@Module({ imports: [ConfigModule, MailModule], providers: [MailSender] })
class MailTestModule {}

const APP_URL = 'https://reviews.example.org';
const calendar = new BusinessCalendar();

/** The real mail wiring (validated config, pooled MAIL_TRANSPORT, MailSender) against `smtpUrl`. */
async function startMail(smtpUrl: string): Promise<INestApplicationContext> {
  const saved = { ...process.env };
  Object.assign(process.env, {
    SMTP_URL: smtpUrl,
    DATABASE_URL: process.env.TEMPLATE_DATABASE_URL, // required by config; nothing here connects
    MAIL_FROM: 'Safeguarding Reviews <no-reply@reviews.example.org>',
  });
  try {
    const app = await NestFactory.createApplicationContext(MailTestModule, { logger: false });
    await app.init();
    return app;
  } finally {
    process.env = saved;
  }
}

/**
 * What surrounds an email in the product: a task on an audit of real children's records. Only
 * the step title, reference, due date and ids may reach an email; the rest must never.
 */
const caseFile = {
  pseudonym: 'Case A',
  childName: 'Harry Whitfield',
  siblingName: 'Maisie Whitfield',
  dateOfBirth: '2014-03-09',
  address: '12 Acacia Avenue, Chatham ME4 4TB',
  nhsNumber: '943 476 5919',
  findings: 'Neglect was not recognised at the school nurse review',
};
const task = {
  id: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b',
  stepTitle: 'Agency audit return',
  reference: 'MSCP-CFAG-2026-01',
  dueOn: '2026-01-14',
  agency: { name: 'Kent Police' },
  case: caseFile,
  notes: `${caseFile.pseudonym}: mother disclosed concerns about ${caseFile.childName}`,
};
const assignee = { displayName: 'Jo Bloggs', email: 'jo.bloggs@police.example.org' };
const chair = { displayName: 'Sam Chair', email: 'sam.chair@mscp.example.org' };
const FORBIDDEN = [
  ...Object.values(caseFile),
  'Case A',
  'Harry',
  'Whitfield',
  'Maisie',
  'Acacia',
  'ME4 4TB',
  '9434765919',
  'Neglect',
  'mother disclosed',
];

/** Every email the product sends, built the way the workers build them from the data above. */
function emailsAbout(today: string): Record<string, RenderedEmail> {
  const common = {
    stepTitle: stepTitle(task.stepTitle),
    reference: referenceNumber(task.reference),
    dueOn: task.dueOn,
    taskUrl: taskLink(APP_URL, task.id),
  };
  const digest = buildDigest(
    [{ taskId: task.id, dueOn: task.dueOn, reference: task.reference, stepTitle: task.stepTitle }],
    today,
    calendar,
  );
  const item = (line: (typeof digest.groups.overdue)[number]) => ({
    ...common,
    timing: line.timing,
  });
  return {
    reminder: renderReminderEmail({
      ...common,
      recipientName: personName(assignee.displayName),
      timing: dueTiming(task.dueOn, today, calendar),
    }),
    escalation: renderEscalationEmail({
      ...common,
      recipientName: personName(chair.displayName),
      reason: 'chair',
      workingDaysOverdue: 6,
      assigneeName: personName(assignee.displayName),
      agencyName: agencyName(task.agency.name),
      overdueRemindersSent: 2,
    }),
    digest: renderDigestEmail({
      recipientName: personName(assignee.displayName),
      date: today,
      groups: {
        overdue: digest.groups.overdue.map(item),
        dueToday: digest.groups.dueToday.map(item),
        dueThisWeek: digest.groups.dueThisWeek.map(item),
        later: digest.groups.later.map(item),
      },
      tasksUrl: appLink(APP_URL, '/tasks'),
    }),
    'sign-in': renderSignInEmail({
      recipientName: personName(assignee.displayName),
      link: appLink(APP_URL, '/sign-in', { token: 'q9X2vB7kLm3Np8Rt5Wy1Zc4Df6Gh0Jk' }),
      expiresInMinutes: 15,
    }),
  };
}

function onlyAddress(to: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(to) ? to : to ? [to] : [];
  return list.flatMap((group) => group.value.map((address) => address.address ?? ''));
}

async function failureOf(send: Promise<unknown>): Promise<MailDeliveryError> {
  try {
    await send;
  } catch (error) {
    return error as MailDeliveryError;
  }
  throw new Error('expected the send to fail');
}

describe('MailSender against a real SMTP server', () => {
  let sink: SmtpSink;
  let app: INestApplicationContext;
  let sender: MailSender;

  beforeAll(async () => {
    sink = new SmtpSink({
      port: await freePort(),
      rejectRecipients: (address) => address.startsWith('left-the-agency@'),
    });
    await sink.start();
    app = await startMail(sink.url);
    sender = app.get(MailSender);
  });

  afterAll(async () => {
    await app?.close();
    await sink?.stop();
  });

  beforeEach(() => sink.clear());

  async function sendAndCapture(
    email: RenderedEmail,
    to = assignee,
    messageKey?: string,
  ): Promise<{ captured: CapturedMail; parsed: ParsedMail }> {
    await sender.send({ address: to.email, name: personName(to.displayName) }, email, {
      messageKey,
    });
    expect(sink.messages).toHaveLength(1);
    const captured = sink.messages[0];
    return { captured, parsed: await simpleParser(captured.raw) };
  }

  it('delivers a reminder with the name, step, reference, due date in words, working days and link in text and HTML', async () => {
    const { reminder } = emailsAbout('2026-01-07');
    const key = `${task.id}:2026-01-14:before-5`;
    const { captured, parsed } = await sendAndCapture(reminder, assignee, key);

    expect(captured.to).toEqual([assignee.email]);
    expect(captured.from).toBe('no-reply@reviews.example.org');
    expect(onlyAddress(parsed.to)).toEqual([assignee.email]);
    expect(parsed.subject).toBe(
      'Reminder: Agency audit return is due in 5 working days (MSCP-CFAG-2026-01)',
    );
    const sentence =
      'Your agency audit return is due in 5 working days, on Wednesday 14 January 2026.';
    for (const body of [parsed.text ?? '', parsed.html || '']) {
      expect(body).toContain('Dear Jo Bloggs,');
      expect(body).toContain(sentence);
      expect(body).toContain('MSCP-CFAG-2026-01');
      expect(body).toContain(`${APP_URL}/tasks/${task.id}`);
    }
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    const hash = createHash('sha256').update(key).digest('hex').slice(0, 40);
    expect(parsed.messageId).toBe(`<${hash}@reviews.example.org>`);
    expect(captured.raw).not.toContain(key);
  });

  it.each(['reminder', 'escalation', 'digest', 'sign-in'])(
    'lets no case content reach a sent %s email',
    async (name) => {
      const recipient = name === 'escalation' ? chair : assignee;
      const { captured, parsed } = await sendAndCapture(emailsAbout('2026-01-19')[name], recipient);
      const headers = [...parsed.headers.entries()].map(
        ([key, value]) => `${key}: ${JSON.stringify(value)}`,
      );
      const everything = [
        captured.raw,
        parsed.subject ?? '',
        parsed.text ?? '',
        parsed.html || '',
        ...headers,
      ];
      for (const part of everything) {
        for (const forbidden of FORBIDDEN) expect(part).not.toContain(forbidden);
      }
      // The check reads the decoded message: what is allowed in is found there.
      expect(parsed.text).toContain(`Dear ${recipient.displayName},`);
      expect(parsed.html || '').toContain(`Dear ${recipient.displayName},`);
    },
  );

  it('refuses a rejected address as a permanent failure, naming neither the address nor the server text', async () => {
    const error = await failureOf(
      sender.send(
        { address: 'left-the-agency@police.example.org' },
        emailsAbout('2026-01-07').reminder,
      ),
    );
    expect(error).toBeInstanceOf(PermanentMailError);
    expect(error).toMatchObject({ code: 'recipient-rejected', responseCode: 550, permanent: true });
    expect(error.message).not.toContain('left-the-agency');
    expect(sink.messages).toHaveLength(0);
  });

  it('refuses an address that is not one, without contacting the server', async () => {
    const error = await failureOf(
      sender.send(
        { address: 'jo@example.org, eve@example.org' },
        emailsAbout('2026-01-07').reminder,
      ),
    );
    expect(error).toBeInstanceOf(PermanentMailError);
    expect(error.code).toBe('invalid-recipient');
    expect(sink.messages).toHaveLength(0);
  });

  it('reports a stopped mail server as a transient failure to retry', async () => {
    const stopped = new SmtpSink({ port: await freePort() });
    await stopped.start();
    await stopped.stop();
    const down = await startMail(stopped.url);
    try {
      const error = await failureOf(
        down.get(MailSender).send({ address: assignee.email }, emailsAbout('2026-01-07').reminder),
      );
      expect(error).toBeInstanceOf(TransientMailError);
      expect(error).toMatchObject({ code: 'connection-failed', permanent: false });
    } finally {
      await down.close();
    }
  });
});
