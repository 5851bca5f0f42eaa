import IORedis, { RedisOptions } from 'ioredis';

/**
 * A Redis connection for BullMQ. Workers need `maxRetriesPerRequest: null` so a blocking command
 * waits out a Redis restart instead of failing the job; queues (producers) fail fast instead.
 */
export function createRedisConnection(url: string, role: 'worker' | 'producer'): IORedis {
  const options: RedisOptions = {
    maxRetriesPerRequest: role === 'worker' ? null : 3,
    enableReadyCheck: true,
    lazyConnect: false,
    connectionName: `reviews-${role}`,
  };
  return new IORedis(url, options);
}
