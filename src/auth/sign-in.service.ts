import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { inScope, SYSTEM_SCOPE } from '../database/tenancy';
import { MailSender } from '../mail/mail-sender';
import {
  checkAppLink,
  checkPersonName,
  renderSignInEmail,
  UnsafeEmailContentError,
  type AppLink,
} from '../mail/templates';
import { SIGN_IN_LINK_TTL_MS } from './auth.settings';
import { safeNextPath } from './safe-next-path';
import { newSecret, sameDigest, sha256Hex } from './secrets';
import { SessionService } from './session.service';
import { SignInLink } from './sign-in-link.entity';

const LINK_TOKEN = /^[A-Za-z0-9_-]{43}$/;

interface PersonRow {
  id: string;
  email: string;
  display_name: string;
}

/** Email sign-in links: asked for by address, used once within 15 minutes, exchanged for a session. */
@Injectable()
export class SignInService {
  private readonly logger = new Logger('SignIn');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: MailSender,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly sessions: SessionService,
  ) {}

  /**
   * Emails a link when the address belongs to an active person, and otherwise does nothing. Either
   * way it returns the same, as fast, and the email leaves after the answer: the caller cannot tell
   * which happened.
   */
  async requestLink(email: string, next: string | undefined): Promise<void> {
    const people: PersonRow[] = await this.dataSource.query(
      `SELECT id, email, display_name FROM people WHERE lower(email) = lower($1) AND deactivated_at IS NULL`,
      [email.trim()],
    );
    if (people.length === 0) return;
    const person = people[0];
    const token = newSecret();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + SIGN_IN_LINK_TTL_MS);
    await this.dataSource.manager.insert(SignInLink, {
      personId: person.id,
      tokenHash: sha256Hex(token),
      createdAt: now,
      expiresAt,
      usedAt: null,
    });
    const link = new URL('/auth/callback', this.config.appUrl);
    link.searchParams.set('token', token);
    const path = safeNextPath(next);
    if (path !== '/') link.searchParams.set('next', path);
    void Promise.resolve()
      .then(() => {
        const recipientName = checkPersonName(person.display_name, 'recipientName');
        const email = renderSignInEmail({
          recipientName,
          link: this.emailableLink(link),
          expiresInMinutes: SIGN_IN_LINK_TTL_MS / 60_000,
        });
        return this.mail.send({ address: person.email, name: recipientName }, email);
      })
      // Log the failure's kind only: SMTP messages can quote the recipient's address.
      .catch((error: unknown) => {
        const { name, code } = error as { name?: string; code?: string };
        this.logger.error({ error: name, code }, 'sign-in email not sent');
      });
  }

  /**
   * The link as an email may carry it. A `next` an email may not hold (e.g. capital letters, which
   * could spell a name) is dropped rather than the email: the person still gets in, at the start.
   */
  private emailableLink(link: URL): AppLink {
    try {
      return checkAppLink(link.toString());
    } catch (error) {
      if (!(error instanceof UnsafeEmailContentError) || !link.searchParams.has('next'))
        throw error;
      this.logger.warn('sign-in link sent without its next page, which an email may not hold');
      const withoutNext = new URL(link);
      withoutNext.searchParams.delete('next');
      return checkAppLink(withoutNext.toString());
    }
  }

  /**
   * Uses a link: marks it used and starts a session in one transaction, so a link can start at most
   * one session even when opened twice at once. Returns the session token, or null when the link is
   * unknown, used, expired or its person deactivated.
   */
  async useLink(token: string): Promise<string | null> {
    if (!LINK_TOKEN.test(token)) return null;
    const hash = sha256Hex(token);
    return inScope(this.dataSource, SYSTEM_SCOPE, async (manager) => {
      // An UPDATE answers [rows, count].
      const [used] = await manager.query<
        [Array<{ person_id: string; token_hash: string }>, number]
      >(
        `UPDATE sign_in_links SET used_at = $2
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
         RETURNING person_id, token_hash`,
        [hash, this.clock.now()],
      );
      const link = used[0];
      if (!link || !sameDigest(link.token_hash, hash)) return null;
      const active: unknown[] = await manager.query(
        `SELECT 1 FROM people WHERE id = $1 AND deactivated_at IS NULL`,
        [link.person_id],
      );
      if (active.length === 0) return null;
      return this.sessions.start(link.person_id, manager);
    });
  }
}
