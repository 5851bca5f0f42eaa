export interface SignInMail {
  subject: string;
  text: string;
}

const TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** The sign-in email. It carries the person's name, the link and when it expires; nothing else. */
export function signInMail(displayName: string, link: string, expiresAt: Date): SignInMail {
  return {
    subject: 'Your sign-in link',
    text: [
      `Hello ${displayName},`,
      '',
      'Use this link to sign in to Safeguarding Reviews:',
      '',
      link,
      '',
      `The link works once and expires at ${TIME.format(expiresAt)} (UK time), 15 minutes after you asked for it.`,
      '',
      'If you did not ask to sign in, you can ignore this email.',
    ].join('\n'),
  };
}
