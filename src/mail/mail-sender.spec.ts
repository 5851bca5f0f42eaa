import {
  classifyMailFailure,
  PermanentMailError,
  TransientMailError,
  type MailFailureCode,
} from './mail-sender';

/** Errors shaped as nodemailer 10 reports them (seen against the real SMTP sink). */
const smtpError = (fields: Record<string, unknown>): Error =>
  Object.assign(
    new Error("Can't send mail - all recipients were rejected: 550 <jo@example.org> unknown"),
    fields,
  );

describe('classifyMailFailure', () => {
  it.each<
    [
      string,
      Record<string, unknown>,
      'permanent' | 'transient',
      MailFailureCode,
      number | undefined,
    ]
  >([
    [
      '550 on RCPT TO',
      { code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' },
      'permanent',
      'recipient-rejected',
      550,
    ],
    [
      '553 mailbox name not allowed',
      { code: 'EENVELOPE', responseCode: 553 },
      'permanent',
      'recipient-rejected',
      553,
    ],
    [
      '554 transaction failed after DATA',
      { code: 'EMESSAGE', responseCode: 554, command: 'DATA' },
      'permanent',
      'message-rejected',
      554,
    ],
    [
      '452 insufficient storage',
      { code: 'EENVELOPE', responseCode: 452, command: 'RCPT TO' },
      'transient',
      'server-busy',
      452,
    ],
    [
      '421 service closing',
      { code: 'EPROTOCOL', responseCode: 421 },
      'transient',
      'server-busy',
      421,
    ],
    [
      'connection refused',
      { code: 'ESOCKET', originalCode: 'ECONNREFUSED', command: 'CONN' },
      'transient',
      'connection-failed',
      undefined,
    ],
    ['connection error', { code: 'ECONNECTION' }, 'transient', 'connection-failed', undefined],
    ['DNS failure', { code: 'EDNS' }, 'transient', 'connection-failed', undefined],
    ['timeout', { code: 'ETIMEDOUT' }, 'transient', 'timeout', undefined],
    [
      'credentials refused (535)',
      { code: 'EAUTH', responseCode: 535 },
      'transient',
      'authentication-failed',
      535,
    ],
    [
      'no usable recipient',
      { code: 'EENVELOPE', command: 'API' },
      'permanent',
      'invalid-recipient',
      undefined,
    ],
    ['anything else', {}, 'transient', 'unknown', undefined],
  ])('%s', (_case, fields, kind, code, responseCode) => {
    const error = classifyMailFailure(smtpError(fields));
    expect(error).toBeInstanceOf(kind === 'permanent' ? PermanentMailError : TransientMailError);
    expect(error.permanent).toBe(kind === 'permanent');
    expect(error.code).toBe(code);
    expect(error.responseCode).toBe(responseCode);
  });

  it("never repeats the server's text, which may quote the address", () => {
    const error = classifyMailFailure(smtpError({ responseCode: 550, command: 'RCPT TO' }));
    expect(error.message).toBe('Mail delivery failed: recipient-rejected (SMTP 550)');
    expect(error.message).not.toContain('@');
  });

  it('classifies something that is not an error object as transient', () => {
    expect(classifyMailFailure('boom')).toBeInstanceOf(TransientMailError);
  });

  it('passes a classified error through unchanged', () => {
    const error = new PermanentMailError('invalid-recipient', undefined);
    expect(classifyMailFailure(error)).toBe(error);
  });
});
