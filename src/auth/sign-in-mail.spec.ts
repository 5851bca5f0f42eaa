import { signInMail } from './sign-in-mail';

describe('signInMail', () => {
  const link = 'https://reviews.example/auth/callback?token=abc';

  it('holds the person’s name, the link and its expiry in UK time, and nothing else', () => {
    const mail = signInMail('Asha Patel', link, new Date('2026-07-01T13:45:00Z'));
    expect(mail.subject).toBe('Your sign-in link');
    expect(mail.text).toContain('Hello Asha Patel,');
    expect(mail.text).toContain(link);
    expect(mail.text).toContain('expires at 14:45 (UK time)');
  });

  it('gives the expiry in GMT in winter', () => {
    const mail = signInMail('Asha Patel', link, new Date('2026-01-15T09:05:00Z'));
    expect(mail.text).toContain('expires at 09:05 (UK time)');
  });
});
