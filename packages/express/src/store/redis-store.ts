import { createHash } from 'node:crypto';
import { checkKeys, fail, isPlainObject } from '../options/option-checks.js';
import { SLIDING_WINDOW_SCRIPT, STRIKE_SCRIPT, TOKEN_BUCKET_SCRIPT } from './redis-scripts.js';
import type { BanPolicy, RateResult, RateRule, StrikeResult, WafStore } from './store.js';

/**
 * The part of a Redis client the store uses: one way to send a raw command. We don't use the types of
 * `redis` or `ioredis` here to not depend on either: node-redis (v4+) has `sendCommand(args)`, ioredis has
 * `call(command, ...args)`; pass either client as it is.
 *
 * @example
 * ```ts
 * import { createClient } from 'redis';
 * const client = await createClient({ url: 'redis://127.0.0.1:6379' }).connect();
 * const store = redisStore({ client });
 * ```
 */
export type RedisClientLike =
  | { call(command: string, ...args: string[]): Promise<unknown> }
  | { sendCommand(args: string[]): Promise<unknown> };

/**
 * Options of {@link redisStore}.
 *
 * @example
 * ```ts
 * redisStore({ client, prefix: 'shop:wafer:' });
 * ```
 */
export interface RedisStoreOptions {
  /** A connected client; you own it (the store never connects or quits it). */
  readonly client: RedisClientLike;
  /** Namespace of every key the store writes. Default `wafer:`. */
  readonly prefix?: string;
}

interface Script {
  readonly source: string;
  readonly sha: string;
}

const script = (source: string): Script => ({
  source,
  sha: createHash('sha1').update(source).digest('hex'),
});

/**
 * Rate-limit and ban state in Redis, shared by every instance of the app. Each operation is one Lua script
 * (atomic, one round trip; `EVALSHA`, loading the script on first use) timed by the Redis server's clock.
 * Keys expire on their own; nothing needs cleaning up. Tested against Debian's `redis-server` 7.
 *
 * @example
 * ```ts
 * app.use(waf({ mode: 'block', rateLimit: { limit: 100, windowMs: 60_000 }, bans: true, store: redisStore({ client }) }));
 * ```
 */
export function redisStore(options: RedisStoreOptions): WafStore {
  const where = 'redisStore()';
  if (!isPlainObject(options))
    fail(where, 'options must be `{ client }`, a connected node-redis or ioredis client.');
  checkKeys(where, '', options, ['client', 'prefix']);
  const client = options.client as Record<string, unknown> | undefined;
  const send: ((args: string[]) => Promise<unknown>) | undefined =
    client !== null && typeof client === 'object'
      ? typeof client.call === 'function'
        ? (args) =>
            (client.call as (c: string, ...a: string[]) => Promise<unknown>)(args[0]!, ...args.slice(1))
        : typeof client.sendCommand === 'function'
          ? (args) => (client.sendCommand as (a: string[]) => Promise<unknown>)(args)
          : undefined
      : undefined;
  if (send === undefined)
    fail(where, '`client` must be a node-redis client (`sendCommand`) or an ioredis client (`call`).');
  const prefix = options.prefix ?? 'wafer:';
  if (typeof prefix !== 'string') fail(where, '`prefix` must be a string, e.g. "wafer:".');

  const sliding = script(SLIDING_WINDOW_SCRIPT);
  const bucket = script(TOKEN_BUCKET_SCRIPT);
  const strikeScript = script(STRIKE_SCRIPT);

  async function run(s: Script, keys: string[], args: (string | number)[]): Promise<number[]> {
    const tail = [String(keys.length), ...keys, ...args.map(String)];
    let reply: unknown;
    try {
      reply = await send!(['EVALSHA', s.sha, ...tail]);
    } catch (error) {
      // A restarted or flushed server has forgotten the script: EVAL sends it again (and caches it).
      if (!String((error as Error)?.message ?? error).includes('NOSCRIPT')) throw error;
      reply = await send!(['EVAL', s.source, ...tail]);
    }
    if (!Array.isArray(reply))
      throw new Error(`redisStore: unexpected script reply ${JSON.stringify(reply)}`);
    return reply.map(Number);
  }

  // `{…}` is a hash tag: a client's keys land in one cluster slot, as multi-key scripts require.
  const tagged = (key: string) => `${prefix}{${key}}`;

  return {
    name: 'redis',
    async hit(key: string, rule: RateRule): Promise<RateResult> {
      const s = rule.algorithm === 'token-bucket' ? bucket : sliding;
      const [allowed, remaining, retryAfterMs] = await run(
        s,
        [`${tagged(key)}:${rule.algorithm}`],
        [rule.limit, rule.windowMs],
      );
      return { allowed: allowed === 1, remaining: remaining ?? 0, retryAfterMs: retryAfterMs ?? 0 };
    },
    async strike(key: string, policy: BanPolicy): Promise<StrikeResult> {
      const [count, banned] = await run(
        strikeScript,
        [`${tagged(key)}:strikes`, `${tagged(key)}:ban`],
        [policy.threshold, policy.windowMs, policy.durationMs],
      );
      return { count: count ?? 0, banned: banned === 1 };
    },
    async bannedFor(key: string): Promise<number> {
      const ttl = Number(await send(['PTTL', `${tagged(key)}:ban`]));
      return ttl > 0 ? ttl : 0;
    },
  };
}
