import { ExecutionContext, SetMetadata } from '@nestjs/common';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import type IORedis from 'ioredis';
import type { AppConfig } from '../config/config';
import {
  SIGN_IN_LIMIT_PER_ADDRESS,
  SIGN_IN_LIMIT_PER_IP,
  SIGN_IN_WINDOW_MS,
} from './auth.settings';
import { sha256Hex } from './secrets';

/** Throttler names: `ip` counts per client address, `address` per email address asked for. */
export const PER_IP = 'ip';
export const PER_ADDRESS = 'address';

const THROTTLE_BUCKET = 'sign-in:throttle-bucket';

/**
 * Makes routes that do the same thing count against one set of limits (e.g. asking for a sign-in
 * link through the API and through the sign-in page), so offering a second way in does not double
 * what a client may ask for. Without it a route counts on its own.
 */
export const ThrottleBucket = (bucket: string): MethodDecorator =>
  SetMetadata(THROTTLE_BUCKET, bucket);

/** The bucket every way of asking for a sign-in link counts against. */
export const SIGN_IN_LINK_REQUESTS = 'sign-in-link-requests';

function bucketOf(context: ExecutionContext): string {
  const bucket: unknown = Reflect.getMetadata(THROTTLE_BUCKET, context.getHandler());
  return typeof bucket === 'string'
    ? bucket
    : `${context.getClass().name}-${context.getHandler().name}`;
}

function emailTracker(request: Record<string, unknown>): string {
  const body = request.body as Record<string, unknown> | undefined;
  const email = typeof body?.email === 'string' ? body.email.trim().toLowerCase() : '';
  return sha256Hex(email);
}

/**
 * Counters live in Redis, shared by every copy of the API. Keys are namespaced by the database the
 * deployment uses, so two deployments (or two test databases) sharing one Redis count apart.
 */
export function signInThrottling(config: AppConfig, redis: IORedis): ThrottlerModuleOptions {
  const namespace = new URL(config.databaseUrl).pathname.replace(/^\//, '') || 'default';
  return {
    throttlers: [
      { name: PER_IP, ttl: SIGN_IN_WINDOW_MS, limit: SIGN_IN_LIMIT_PER_IP },
      {
        name: PER_ADDRESS,
        ttl: SIGN_IN_WINDOW_MS,
        limit: SIGN_IN_LIMIT_PER_ADDRESS,
        getTracker: emailTracker,
      },
    ],
    storage: new ThrottlerStorageRedisService(redis),
    generateKey: (context: ExecutionContext, tracker: string, name: string) =>
      sha256Hex(`${namespace}:${bucketOf(context)}-${name}-${tracker}`),
    errorMessage: 'Too many sign-in attempts. Wait 15 minutes, then try again.',
  };
}
