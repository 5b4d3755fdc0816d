// Reporting off the request path: what onDecision receives, when, and that a slow consumer costs the
// request nothing.
import { connect } from 'node:net';
import { createWaf, type Waf } from '@wafer/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waf, type WafEvent, type WafMiddlewareOptions } from '../src/index.js';
import { EXPRESS_VERSIONS, eventually, listen, send, type Listening } from './support/servers.js';

const SQLI = `/search?id=${encodeURIComponent("1' union select username,password from users--")}&session_token=abc123secret`;

let engine: Waf;
beforeAll(async () => {
  // A generous time budget: the tests check decisions, not speed, on machines that may be busy.
  engine = await createWaf({ timeBudgetMs: 5000 });
}, 60_000);
afterAll(async () => {
  await engine?.close();
});

describe.each(EXPRESS_VERSIONS)('$name', ({ express }) => {
  const servers: Listening[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  async function start(options: WafMiddlewareOptions) {
    const events: WafEvent[] = [];
    const app = express();
    const middleware = waf({ engine, onDecision: (e) => events.push(e), ...options });
    app.use(middleware);
    app.get('/slow', (_req, res) => {
      setTimeout(() => res.send('late'), 300);
    });
    app.use((_req, res) => res.send('hello'));
    const server = await listen(app);
    servers.push(server);
    return { ...server, middleware, events };
  }

  it('reports each request once, after its response, with status, latency and size', async () => {
    const app = await start({ mode: 'block', routes: [{ path: '/search', mode: 'block' }] });
    await send(app.url, { path: '/plain', headers: { 'user-agent': 'test-agent/1.0' } });
    await send(app.url, { path: SQLI, headers: { cookie: 'sid=secret-cookie' } });
    await eventually(() => app.events.length === 2);
    const [plain, attack] = app.events;
    expect(plain).toMatchObject({
      action: 'allow',
      reason: null,
      status: 200,
      responseSize: 5,
      userAgent: 'test-agent/1.0',
      path: '/plain',
      query: null,
      route: null,
      headers: null,
      failure: null,
      storeError: false,
      body: { source: 'none', bytes: 0, truncated: false },
    });
    expect(plain!.latencyMs).toBeGreaterThanOrEqual(0);
    expect(plain!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(plain!.model).toMatch(/^wafer-model@/);
    expect(attack).toMatchObject({
      action: 'block',
      reason: 'attack',
      status: 403,
      route: '/search',
      mode: 'block',
    });
    expect(attack!.query).toContain('session_token=[redacted]');
    expect(attack!.headers).toMatchObject({ cookie: '[redacted]' });
    expect(attack!.attackScore).toBeLessThanOrEqual(20);
    expect(JSON.stringify(app.events)).not.toContain('secret');
  });

  it('costs the request nothing when the consumer is slow', async () => {
    const app = await start({
      onDecision: () => {
        const until = Date.now() + 20;
        while (Date.now() < until); // a consumer that burns 20 ms per event
      },
    });
    const started = performance.now();
    const reply = await send(app.url, { path: '/x' });
    expect(reply.text).toBe('hello');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('reports a request whose client left before the response with status null', async () => {
    const app = await start({});
    const socket = connect(app.port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write('GET /slow HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise((r) => setTimeout(r, 50));
    socket.destroy();
    await eventually(() => app.events.length === 1);
    expect(app.events[0]).toMatchObject({ path: '/slow', status: null });
  });

  it('counts events dropped by a full queue', async () => {
    const app = await start({ queueSize: 1, mode: 'block' });
    await Promise.all(Array.from({ length: 30 }, (_, i) => send(app.url, { path: `/p/${i}` })));
    await eventually(() => {
      const r = app.middleware.stats().reporting;
      return r.delivered + r.dropped === 30;
    });
    expect(app.middleware.stats().reporting.delivered).toBeGreaterThanOrEqual(1);
  });
});

describe('lazy evidence (the engine the middleware creates)', () => {
  it('blocks without waiting for the evidence search, reports the evidence, and keeps events in order', async () => {
    const { default: express } = await import('express5');
    const events: WafEvent[] = [];
    const app = express();
    // No `engine`: the middleware creates one, with evidence searched after the response.
    const middleware = waf({ mode: 'block', timeBudgetMs: 5000, onDecision: (e) => events.push(e) });
    app.use(middleware);
    app.use((_req, res) => res.send('hello'));
    const server = await listen(app);
    try {
      await middleware.ready;
      expect(middleware.engine?.options.evidence).toBe('lazy');
      const blocked = await send(server.url, { path: SQLI });
      expect(blocked.status).toBe(403);
      await send(server.url, { path: '/plain' });
      await eventually(() => events.length === 2);
      expect(events.map((e) => e.path)).toEqual(['/search', '/plain']);
      const threat = events[0]!.threats[0]!;
      expect(threat).toMatchObject({ type: 'sqli', fieldPath: 'query.id' });
      expect(threat.evidence).toBeTruthy();
      expect("1' union select username,password from users--").toContain(threat.evidence!);
    } finally {
      await middleware.close();
      await server.close();
    }
  }, 60_000);
});
