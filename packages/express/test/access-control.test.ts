// Access control beyond the model: IP lists (behind a proxy or not), rate limits and bans, in real apps,
// with the in-process store and with a real redis-server.
import { createWaf, type Waf } from '@wafer/core';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { memoryStore, redisStore, waf, type WafMiddlewareOptions, type WafStore } from '../src/index.js';
import { EXPRESS_VERSIONS, eventually, listen, send, type Listening } from './support/servers.js';

const SQLI = `/search?id=${encodeURIComponent("1' union select username,password from users--")}`;

let engine: Waf;
const connectRedis = (url: string) => createClient({ url }).connect();
type RedisClient = Awaited<ReturnType<typeof connectRedis>>;
let redis: RedisClient | undefined;
const redisUrl = inject('redisUrl');

beforeAll(async () => {
  // A generous time budget: the tests check decisions, not speed, on machines that may be busy.
  engine = await createWaf({ timeBudgetMs: 5000 });
  if (redisUrl) redis = await connectRedis(redisUrl);
}, 60_000);
afterAll(async () => {
  await engine?.close();
  await redis?.quit();
});

describe.each(EXPRESS_VERSIONS)('$name', ({ express }) => {
  const servers: Listening[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  async function start(options: WafMiddlewareOptions, trustProxy?: string) {
    const app = express();
    if (trustProxy !== undefined) app.set('trust proxy', trustProxy);
    const middleware = waf({ engine, ...options });
    app.use(middleware);
    app.use((req, res) => res.json({ ip: req.ip, waf: req.waf ?? null }));
    const server = await listen(app);
    servers.push(server);
    return { ...server, middleware };
  }

  describe('IP allow and deny lists', () => {
    it('denies listed addresses (403) and skips inspection for allowed ones', async () => {
      const denied = await start({ mode: 'block', ip: { deny: ['127.0.0.0/8'] } });
      const reply = await send(denied.url, { path: '/' });
      expect(reply.status).toBe(403);
      expect(reply.json()).toMatchObject({ reason: 'ip-deny' });
      const allowed = await start({ mode: 'block', ip: { allow: ['127.0.0.1', '::1'] } });
      const attack = await send(allowed.url, { path: SQLI });
      expect(attack.status).toBe(200);
      expect(attack.json().waf).toBeNull();
      expect(allowed.middleware.stats()).toMatchObject({ allowListed: 1, inspected: 0 });
    });

    it('behind a trusted proxy, judges the forwarded client address', async () => {
      const app = await start(
        { mode: 'block', ip: { deny: ['203.0.113.0/24', '2001:db8::/32'] } },
        'loopback',
      );
      const from = (xff: string) => send(app.url, { path: '/', headers: { 'x-forwarded-for': xff } });
      expect((await from('203.0.113.9')).status).toBe(403);
      expect((await from('2001:db8::7')).status).toBe(403);
      const ok = await from('198.51.100.4');
      expect([ok.status, ok.json().ip]).toEqual([200, '198.51.100.4']);
      // A client cannot hide behind its own X-Forwarded-For entries: the proxy appends the real one last.
      expect((await from('198.51.100.4, 203.0.113.9')).status).toBe(403);
    });

    it('never trusts X-Forwarded-For when trust proxy is off', async () => {
      const app = await start({ mode: 'block', ip: { deny: ['203.0.113.0/24'], allow: ['198.51.100.4'] } });
      const spoofed = await send(app.url, { path: SQLI, headers: { 'x-forwarded-for': '198.51.100.4' } });
      // The forged allow-listed address does not help the attack through…
      expect(spoofed.status).toBe(403);
      expect(spoofed.json()).toMatchObject({ reason: 'attack' });
      // …and a forged denied address does not get a real client blocked.
      const reply = await send(app.url, { path: '/', headers: { 'x-forwarded-for': '203.0.113.9' } });
      expect([reply.status, reply.json().ip]).toEqual([200, '127.0.0.1']);
    });
  });

  const stores: [string, () => WafStore | undefined][] = [
    ['memory store', () => memoryStore()],
    [
      'redis store',
      () => (redis ? redisStore({ client: redis, prefix: `wafer-test:${Math.random()}:` }) : undefined),
    ],
  ];

  describe.each(stores)('with the %s', (storeName, makeStore) => {
    const skip = storeName === 'redis store' && !redisUrl;
    if (skip) it.skip(`(${inject('redisSkipReason')})`, () => undefined);

    it.skipIf(skip)('rate-limits per client with 429 and Retry-After', async () => {
      const app = await start({
        mode: 'block',
        store: makeStore(),
        rateLimit: { limit: 3, windowMs: 60_000 },
      });
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await send(app.url, { path: `/page/${i}` })).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const limited = await send(app.url, { path: '/again' });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(120);
      expect(limited.json()).toMatchObject({ error: 'Too Many Requests', reason: 'rate-limit' });
      // Clients are counted separately (X-Forwarded-For is honoured here only because of trust proxy).
      const behindProxy = await start(
        { mode: 'block', store: makeStore(), rateLimit: { limit: 1, windowMs: 60_000 } },
        'loopback',
      );
      const as = (ip: string) => send(behindProxy.url, { path: '/', headers: { 'x-forwarded-for': ip } });
      expect([(await as('198.51.100.1')).status, (await as('198.51.100.2')).status]).toEqual([200, 200]);
      expect((await as('198.51.100.1')).status).toBe(429);
      // IPv6 clients share their /64.
      expect((await as('2001:db8:1:2::1')).status).toBe(200);
      expect((await as('2001:db8:1:2:ffff::9')).status).toBe(429);
    });

    it.skipIf(skip)('rate-limits per route with a token bucket that refills', async () => {
      const app = await start({
        mode: 'block',
        store: makeStore(),
        routes: [{ path: '/login', rateLimit: { limit: 2, windowMs: 400, algorithm: 'token-bucket' } }],
      });
      const login = () => send(app.url, { path: '/login' });
      expect([(await login()).status, (await login()).status, (await login()).status]).toEqual([
        200, 200, 429,
      ]);
      expect((await send(app.url, { path: '/elsewhere' })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 450));
      expect((await login()).status).toBe(200);
    });

    it.skipIf(skip)('bans a client after repeated attacks, then lets it back', async () => {
      const app = await start({
        mode: 'block',
        store: makeStore(),
        bans: { threshold: 2, windowMs: 60_000, durationMs: 700 },
      });
      expect((await send(app.url, { path: '/' })).status).toBe(200);
      expect((await send(app.url, { path: SQLI })).status).toBe(403);
      expect((await send(app.url, { path: SQLI })).status).toBe(403);
      await eventually(() => app.middleware.stats().bans === 1);
      const banned = await send(app.url, { path: '/' });
      expect(banned.status).toBe(403);
      expect(banned.json()).toMatchObject({ reason: 'banned' });
      expect(Number(banned.headers['retry-after'])).toBe(1);
      await new Promise((r) => setTimeout(r, 800));
      expect((await send(app.url, { path: '/' })).status).toBe(200);
    });

    it.skipIf(skip)('only reports limits and bans in monitor mode', async () => {
      const app = await start({
        store: makeStore(),
        rateLimit: { limit: 1, windowMs: 60_000 },
        awaitInMonitor: true,
      });
      expect((await send(app.url, { path: '/' })).status).toBe(200);
      const second = await send(app.url, { path: '/' });
      expect(second.status).toBe(200);
      expect(second.json().waf).toMatchObject({ action: 'monitor', reason: 'rate-limit' });
    });
  });

  describe('a failing store', () => {
    it('fails open, quickly, and counts the error (store rejecting, throwing, or hanging)', async () => {
      const rejecting: WafStore = {
        name: 'rejecting',
        hit: () => Promise.reject(new Error('down')),
        strike: () => Promise.reject(new Error('down')),
        bannedFor: () => Promise.reject(new Error('down')),
      };
      const throwing = {
        name: 'throwing',
        hit: () => {
          throw new Error('sync bug');
        },
        strike: () => {
          throw new Error('sync bug');
        },
        bannedFor: () => {
          throw new Error('sync bug');
        },
      } as unknown as WafStore;
      const hanging: WafStore = {
        name: 'hanging',
        hit: () => new Promise(() => undefined),
        strike: () => new Promise(() => undefined),
        bannedFor: () => new Promise(() => undefined),
      };
      for (const store of [rejecting, throwing, hanging]) {
        const app = await start({
          mode: 'block',
          store,
          rateLimit: { limit: 1, windowMs: 1000 },
          bans: true,
          storeTimeoutMs: 30,
        });
        const started = performance.now();
        const reply = await send(app.url, { path: '/' });
        expect(reply.status).toBe(200);
        expect(performance.now() - started).toBeLessThan(1000);
        expect(reply.json().waf).toMatchObject({ action: 'allow', storeError: true });
        expect((await send(app.url, { path: SQLI })).status).toBe(403);
        expect(app.middleware.stats().storeErrors).toBeGreaterThanOrEqual(2);
      }
    });
  });
});
