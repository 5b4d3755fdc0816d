// The store conformance suite against each implementation: the in-process store and a real redis-server.
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { afterAll, beforeAll, inject } from 'vitest';
import { memoryStore, redisStore } from '../src/index.js';
import { storeConformance } from './support/store-conformance.js';

const redisUrl = inject('redisUrl');
const connectRedis = (url: string) => createClient({ url }).connect();
type RedisClient = Awaited<ReturnType<typeof connectRedis>>;
let client: RedisClient | undefined;
let ioredis: Redis | undefined;

beforeAll(async () => {
  if (redisUrl) {
    client = await connectRedis(redisUrl);
    ioredis = new Redis(redisUrl);
  }
});
afterAll(async () => {
  await client?.quit();
  await ioredis?.quit();
});

storeConformance('memory store', () => memoryStore());
storeConformance(
  'redis store (node-redis client, real redis-server)',
  () => (client ? redisStore({ client, prefix: 'wafer-conformance:' }) : undefined),
  redisUrl ? null : inject('redisSkipReason'),
);
storeConformance(
  'redis store (ioredis client, real redis-server)',
  () => (ioredis ? redisStore({ client: ioredis, prefix: 'wafer-conformance-io:' }) : undefined),
  redisUrl ? null : inject('redisSkipReason'),
);
