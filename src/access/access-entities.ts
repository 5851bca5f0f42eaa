import { ApiToken } from '../auth/api-token.entity';
import { Session } from '../auth/session.entity';
import { SignInLink } from '../auth/sign-in-link.entity';
import { AccessLogEntry } from './access-log.entity';

/** The sign-in, session, API token and access log tables, for `src/database/entities.ts`. */
export const ACCESS_ENTITIES = [SignInLink, Session, ApiToken, AccessLogEntry];
