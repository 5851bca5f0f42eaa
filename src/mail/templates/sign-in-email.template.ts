import {
  checkFields,
  checkWholeNumber,
  htmlDocument,
  htmlLink,
  htmlParagraph,
  plural,
  SERVICE_NAME,
  textDocument,
} from './email-format';
import { renderedEmail, type RenderedEmail } from './rendered-email';
import { checkAppLink, checkPersonName, type AppLink, type PersonName } from './safe-text';

/** A one-time sign-in link. */
export interface SignInEmail {
  recipientName: PersonName;
  link: AppLink;
  expiresInMinutes: number;
}

const FOOTER = [`This is an automatic email from ${SERVICE_NAME}. Replies are not read.`];

export function renderSignInEmail(input: SignInEmail): RenderedEmail {
  const email = checkFields<SignInEmail>(input, 'sign-in', {
    recipientName: checkPersonName,
    link: checkAppLink,
    expiresInMinutes: checkWholeNumber(1, 1440),
  });
  const subject = `Sign in to ${SERVICE_NAME}`;
  const greeting = `Dear ${email.recipientName},`;
  const use = `Use this link to sign in to ${SERVICE_NAME}.`;
  const expiry = `The link expires in ${plural(email.expiresInMinutes, 'minute')}.`;
  const ignore = 'If you did not ask to sign in, you can ignore this email.';
  return renderedEmail('sign-in', {
    subject,
    text: textDocument([greeting, `${use}\n${email.link}`, expiry, ignore], FOOTER),
    html: htmlDocument(
      subject,
      [
        htmlParagraph(greeting),
        htmlParagraph(use),
        `<p>${htmlLink(email.link, `Sign in to ${SERVICE_NAME}`)}</p>`,
        htmlParagraph(expiry),
        htmlParagraph(ignore),
      ].join('\n'),
      FOOTER,
    ),
  });
}
