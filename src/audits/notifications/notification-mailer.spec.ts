import type { DataSource } from 'typeorm';
import {
  MailSender,
  PermanentMailError,
  TransientMailError,
  type MailRecipient,
} from '../../mail/mail-sender';
import {
  appLink,
  referenceNumber,
  renderMeetingDateChangedEmail,
  type RenderedEmail,
} from '../../mail/templates';
import type { NotificationLedger, NotificationResult } from './notification-ledger';
import { NotificationMailer } from './notification-mailer';
import { RecipientReasons } from './notification-recipients';

const PEOPLE = [
  { id: 'a', email: 'a@example.org', display_name: 'Asha Patel' },
  { id: 'b', email: 'bounce@example.org', display_name: 'Bo Unce' },
  { id: 'c', email: 'busy@example.org', display_name: 'Cara Busy' },
  { id: 'd', email: 'd@example.org', display_name: 'Room 101' },
];

/** A ledger in memory: who is recorded, and how. */
class MemoryLedger {
  readonly rows = new Map<string, NotificationResult>();
  messageKey(personId: string): string {
    return `test:${personId}`;
  }
  async told(personIds: readonly string[]): Promise<Set<string>> {
    return new Set(personIds.filter((id) => this.rows.has(id)));
  }
  async record(personId: string, result: NotificationResult): Promise<void> {
    if (!this.rows.has(personId)) this.rows.set(personId, result);
  }
}

function setUp(busy: { fail: boolean }) {
  const sent: Array<{ to: MailRecipient; email: RenderedEmail; key?: string }> = [];
  const mail = {
    send: async (to: MailRecipient, email: RenderedEmail, options: { messageKey?: string }) => {
      if (to.address.startsWith('bounce@')) throw new PermanentMailError('recipient-rejected', 550);
      if (to.address.startsWith('busy@') && busy.fail) {
        throw new TransientMailError('server-busy', 451);
      }
      sent.push({ to, email, key: options.messageKey });
      return { messageId: `<${sent.length}@example.org>`, response: '250 OK' };
    },
  } as unknown as MailSender;
  const dataSource = {
    query: async (_sql: string, [ids]: [string[]]) =>
      PEOPLE.filter((person) => ids.includes(person.id)),
  } as unknown as DataSource;
  const ledger = new MemoryLedger();
  const recipients = new RecipientReasons(['member'] as const);
  for (const person of PEOPLE) recipients.add(person.id, 'member');
  const round = {
    what: 'test',
    ids: {},
    recipients,
    ledger: ledger as unknown as NotificationLedger,
    render: ({
      name,
    }: {
      name: Parameters<typeof renderMeetingDateChangedEmail>[0]['recipientName'];
    }) =>
      renderMeetingDateChangedEmail({
        recipientName: name,
        reference: referenceNumber('RSCP-CFA-2026-001'),
        meetingOn: '2026-02-11',
        auditUrl: appLink('https://reviews.example.org', '/instances'),
      }),
  };
  return { mailer: new NotificationMailer(dataSource, mail), round, ledger, sent };
}

describe('NotificationMailer', () => {
  it('records sent and permanently failed people, and throws a transient failure after the rest', async () => {
    const busy = { fail: true };
    const { mailer, round, ledger, sent } = setUp(busy);
    await expect(mailer.sendToEach(round)).rejects.toBeInstanceOf(TransientMailError);
    expect(sent.map((each) => each.to.address)).toEqual(['a@example.org']);
    expect(sent[0].key).toBe('test:a');
    expect(Object.fromEntries(ledger.rows)).toEqual({
      a: { status: 'sent', messageId: '<1@example.org>' },
      b: { status: 'failed', failureCode: 'recipient-rejected' },
      d: { status: 'failed', failureCode: 'unsafe-content' },
    });

    busy.fail = false;
    await expect(mailer.sendToEach(round)).resolves.toEqual({ sent: 1, failed: 0, alreadyTold: 3 });
    expect(sent.map((each) => each.to.address)).toEqual(['a@example.org', 'busy@example.org']);
    await expect(mailer.sendToEach(round)).resolves.toEqual({ sent: 0, failed: 0, alreadyTold: 4 });
    expect(sent).toHaveLength(2);
  });
});
