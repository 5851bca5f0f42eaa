import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Clock } from '../common/clock';
import { ApiToken } from './api-token.entity';
import { AuthException } from './auth.exception';
import { MAX_TOKEN_DAYS, TOUCH_INTERVAL_MS } from './auth.settings';
import { newSecret, sameDigest, sha256Hex } from './secrets';

const TOKEN_PREFIX = 'srt_';
const API_TOKEN = /^srt_[A-Za-z0-9_-]{43}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A token as its owner sees it in a list: never the secret. */
export interface ApiTokenView {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** A newly issued token: the only time the secret is shown. */
export interface IssuedApiToken extends ApiTokenView {
  token: string;
}

function view(token: ApiToken): ApiTokenView {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    createdAt: token.createdAt,
    expiresAt: token.expiresAt,
    lastUsedAt: token.lastUsedAt,
    revokedAt: token.revokedAt,
  };
}

/**
 * Personal API tokens. Each acts as its person, with their permissions as they stand at each
 * request; tokens are kept only as SHA-256 hashes, expire within a year and can be revoked.
 * Everything here runs in system scope, keyed by the person's own id.
 */
@Injectable()
export class ApiTokenService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async issue(
    personId: string,
    name: string,
    expiresInDays: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<IssuedApiToken> {
    if (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > MAX_TOKEN_DAYS) {
      throw new RangeError(`expiresInDays must be a whole number from 1 to ${MAX_TOKEN_DAYS}`);
    }
    const token = `${TOKEN_PREFIX}${newSecret()}`;
    const now = this.clock.now();
    const saved = await manager.save(
      manager.create(ApiToken, {
        personId,
        name: name.trim(),
        prefix: token.slice(0, TOKEN_PREFIX.length + 8),
        tokenHash: sha256Hex(token),
        createdAt: now,
        expiresAt: new Date(now.getTime() + expiresInDays * DAY_MS),
        lastUsedAt: null,
        revokedAt: null,
      }),
    );
    return { ...view(saved), token };
  }

  async list(personId: string): Promise<ApiTokenView[]> {
    const tokens = await this.dataSource.manager.find(ApiToken, {
      where: { personId },
      order: { createdAt: 'DESC' },
    });
    return tokens.map(view);
  }

  /** Revokes one of the person's own tokens; revoking it again changes nothing. */
  async revoke(personId: string, tokenId: string): Promise<void> {
    const token = await this.dataSource.manager.findOneBy(ApiToken, { id: tokenId, personId });
    if (!token) throw new AuthException('token-not-found');
    await this.dataSource.manager.update(
      ApiToken,
      { id: tokenId, personId, revokedAt: IsNull() },
      { revokedAt: this.clock.now() },
    );
  }

  /** The person a bearer token acts for; null when unknown, expired or revoked. */
  async authenticate(token: string): Promise<string | null> {
    if (!API_TOKEN.test(token)) return null;
    const hash = sha256Hex(token);
    const found = await this.dataSource.manager.findOneBy(ApiToken, { tokenHash: hash });
    if (!found || !sameDigest(found.tokenHash, hash)) return null;
    const now = this.clock.now();
    if (found.revokedAt !== null || now >= found.expiresAt) return null;
    if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) {
      await this.dataSource.manager.update(ApiToken, { id: found.id }, { lastUsedAt: now });
    }
    return found.personId;
  }
}
