import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { SESSION_IDLE_MS, SESSION_MAX_MS, TOUCH_INTERVAL_MS } from './auth.settings';
import { newSecret, sameDigest, sha256Hex } from './secrets';
import { SessionCookie } from './session-cookie';
import { Session } from './session.entity';

const SESSION_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface ActiveSession {
  sessionId: string;
  personId: string;
}

/** Browser sessions: started on sign-in, slid forward while used, ended on sign-out or inactivity. */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly cookie: SessionCookie,
  ) {}

  /** Starts a session and returns the token for the cookie; only its hash is kept. */
  async start(personId: string, manager: EntityManager = this.dataSource.manager): Promise<string> {
    const token = newSecret();
    const now = this.clock.now();
    await manager.insert(Session, {
      personId,
      tokenHash: sha256Hex(token),
      createdAt: now,
      lastSeenAt: now,
      idleExpiresAt: new Date(now.getTime() + SESSION_IDLE_MS),
      expiresAt: new Date(now.getTime() + SESSION_MAX_MS),
      endedAt: null,
    });
    return token;
  }

  /** The live session for a cookie token, pushed forward by this use; null when there is none. */
  async authenticate(token: string): Promise<ActiveSession | null> {
    if (!SESSION_TOKEN.test(token)) return null;
    const hash = sha256Hex(token);
    const session = await this.dataSource.manager.findOneBy(Session, { tokenHash: hash });
    if (!session || !sameDigest(session.tokenHash, hash)) return null;
    const now = this.clock.now();
    if (session.endedAt !== null || now >= session.idleExpiresAt || now >= session.expiresAt) {
      return null;
    }
    if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
      await this.dataSource.manager.update(
        Session,
        { id: session.id },
        {
          lastSeenAt: now,
          idleExpiresAt: new Date(
            Math.min(now.getTime() + SESSION_IDLE_MS, session.expiresAt.getTime()),
          ),
        },
      );
    }
    return { sessionId: session.id, personId: session.personId };
  }

  async end(token: string): Promise<void> {
    if (!SESSION_TOKEN.test(token)) return;
    await this.dataSource.manager
      .createQueryBuilder()
      .update(Session)
      .set({ endedAt: this.clock.now() })
      .where('token_hash = :hash AND ended_at IS NULL', { hash: sha256Hex(token) })
      .execute();
  }

  /** Signs a browser out: ends the session its cookie names, if any, and clears its cookies. */
  async signOut(request: Request, response: Response): Promise<void> {
    const token = this.cookie.read(request);
    if (token !== undefined) await this.end(token);
    this.cookie.clear(response);
  }
}
