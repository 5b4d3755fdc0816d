// The dashboard reporter against a real local HTTP receiver: up, down, slow, failing then recovering,
// refusing; retries with backoff, the bounded queue, counters, close(), and redaction on the wire.
import { createWaf, WaferError, type Waf } from '@wafer/core';
import express from 'express5';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dashboardReporter, INGEST_PATH, waf, type WafEvent } from '../src/index.js';
import { Receiver } from './support/receiver.js';
import { eventually, listen, send, type Listening } from './support/servers.js';

const SECRET_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXVzZXI.Zm9yZ2VkLXNpZ25hdHVyZQ';
const SECRET_COOKIE = 's%3Aa7f3c9e1d2b4-session-secret';
const SECRET_QUERY = 'tok_live_51HxSECRETq';
const SECRET_PASSWORD = "hunter2' or '1'='1";
const FAST = { initialMs: 20, maxMs: 200 };

let engine: Waf;
let source: Listening;
let captured: WafEvent[] = [];
const receivers: Receiver[] = [];
const servers: Listening[] = [];

/** Real events: produced by the middleware for real requests. */
async function realEvents(count: number): Promise<WafEvent[]> {
  captured = [];
  for (let i = 0; i < count; i++) await send(source.url, { path: `/products?page=${i}` });
  await eventually(() => captured.length === count);
  return captured.splice(0);
}

beforeAll(async () => {
  // A generous time budget: the tests check decisions, not speed, on machines that may be busy.
  engine = await createWaf({ timeBudgetMs: 5000 });
  const app = express();
  app.use(waf({ engine, onDecision: (e) => captured.push(e) }));
  app.use((_req, res) => res.send('ok'));
  source = await listen(app);
}, 60_000);
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.stop()));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await source.close();
  await engine.close();
});

async function receiver(): Promise<Receiver> {
  const r = await new Receiver().start();
  receivers.push(r);
  return r;
}

describe('dashboardReporter on the request path of a real app', () => {
  it('posts batches to {url}/api/events with the API key, in the documented format, redacted', async () => {
    const dashboard = await receiver();
    const reporter = dashboardReporter({
      url: `${dashboard.url}/`,
      apiKey: 'wk_test_123',
      app: 'shop',
      flushIntervalMs: 30,
    });
    const app = express();
    const middleware = waf({ engine, mode: 'block', reporters: [reporter] });
    app.use(middleware);
    app.use(express.json());
    app.use((_req, res) => {
      res.cookie('session', 'server-set-secret');
      res.send('ok');
    });
    const server = await listen(app);
    servers.push(server);
    const secrets = {
      authorization: `Bearer ${SECRET_TOKEN}`,
      cookie: `connect.sid=${SECRET_COOKIE}; theme=dark`,
      'x-api-key': 'k-SECRET-api-key',
    };
    expect(
      (await send(server.url, { path: `/account?tab=orders&access_token=${SECRET_QUERY}`, headers: secrets }))
        .status,
    ).toBe(200);
    const login = await send(server.url, {
      method: 'POST',
      path: `/login?token=${SECRET_QUERY}`,
      headers: { ...secrets, 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'ann', password: SECRET_PASSWORD }),
    });
    expect(login.status).toBe(403);
    await eventually(() => dashboard.events().length === 2);

    const request = dashboard.received[0]!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe(INGEST_PATH);
    expect(request.headers.authorization).toBe('Bearer wk_test_123');
    expect(request.headers['content-type']).toBe('application/json');
    const { batch } = request;
    expect(batch).toMatchObject({ version: 1, instance: { app: 'shop', sdk: '@wafer/express' } });
    expect(batch.batchId).toMatch(/^[0-9a-f-]{36}$/);
    expect(batch.instance.id).toContain(String(process.pid));

    const [page, attack] = dashboard.events();
    expect(page).toMatchObject({ action: 'allow', path: '/account', status: 200, headers: null });
    expect(page!.query).toBe('tab=orders&access_token=[redacted]');
    expect(attack).toMatchObject({
      action: 'block',
      reason: 'attack',
      status: 403,
      method: 'POST',
      path: '/login',
    });
    expect(attack!.threats[0]).toMatchObject({ type: 'sqli', fieldPath: 'body.password' });
    // The evidence of a credential field is redacted (or absent when the evidence search ran out of time).
    expect(['[redacted]', null]).toContain(attack!.threats[0]!.evidence);
    expect(attack!.headers).toMatchObject({
      authorization: '[redacted]',
      cookie: '[redacted]',
      'x-api-key': '[redacted]',
    });
    // Nothing secret anywhere on the wire, in any form.
    const wire = dashboard.received.map((r) => r.raw).join('\n');
    for (const secret of [
      SECRET_TOKEN,
      SECRET_COOKIE,
      SECRET_QUERY,
      'hunter2',
      'k-SECRET-api-key',
      'server-set-secret',
    ])
      expect(wire).not.toContain(secret);
    // The receiver records a batch before its answer reaches the reporter: wait for the acknowledgement.
    await eventually(() => middleware.stats().reporters.dashboard?.sent === 2);
    expect(middleware.stats().reporters.dashboard).toMatchObject({ sent: 2, dropped: 0, failed: 0 });
    await middleware.close();
  });

  it('keeps serving at full speed while the dashboard is slow', async () => {
    const dashboard = await receiver();
    dashboard.answer = () => ({ status: 202, delayMs: 1500 });
    const reporter = dashboardReporter({ url: dashboard.url, apiKey: 'k', flushIntervalMs: 1, batchSize: 1 });
    const app = express();
    const middleware = waf({ engine, reporters: [reporter] });
    app.use(middleware);
    app.use((_req, res) => res.send('ok'));
    const server = await listen(app);
    servers.push(server);
    const started = performance.now();
    for (let i = 0; i < 20; i++) expect((await send(server.url, { path: `/p/${i}` })).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1500);
    await middleware.close({ timeoutMs: 100 });
  });
});

describe('dashboardReporter delivery', () => {
  it('retries 5xx with backoff, under one batch id, then recovers', async () => {
    const dashboard = await receiver();
    dashboard.answer = (_r, i) => ({ status: i < 2 ? 503 : 202 });
    const reporter = dashboardReporter({
      url: dashboard.url,
      apiKey: 'k',
      flushIntervalMs: 1,
      backoff: FAST,
    });
    reporter.report(await realEvents(3));
    await eventually(() => reporter.stats().sent === 3);
    expect(reporter.stats()).toMatchObject({
      sent: 3,
      failed: 2,
      retries: 2,
      dropped: 0,
      batches: 1,
      lastStatus: 202,
    });
    const ids = new Set(dashboard.received.map((r) => r.batch.batchId));
    expect(ids.size).toBe(1);
    // Backoff: the second retry waited at least half of its exponential step (2 × 20 ms / 2).
    expect(dashboard.received[2]!.at - dashboard.received[1]!.at).toBeGreaterThanOrEqual(15);
  });

  it('keeps events while the dashboard is down and delivers them when it is back', async () => {
    const dashboard = await receiver();
    await dashboard.stop();
    const reporter = dashboardReporter({
      url: dashboard.url,
      apiKey: 'k',
      flushIntervalMs: 1,
      maxRetries: 50,
      backoff: FAST,
    });
    reporter.report(await realEvents(4));
    await eventually(() => reporter.stats().failed >= 2);
    expect(reporter.stats()).toMatchObject({ sent: 0, lastStatus: 0 });
    await dashboard.restart();
    await eventually(() => reporter.stats().sent === 4, 10_000);
    expect(dashboard.events().map((e) => e.path)).toEqual([
      '/products',
      '/products',
      '/products',
      '/products',
    ]);
    expect(reporter.stats().dropped).toBe(0);
  });

  it('times out a slow dashboard and retries', async () => {
    const dashboard = await receiver();
    dashboard.answer = (_r, i) => ({ status: 202, delayMs: i === 0 ? 2000 : 0 });
    const reporter = dashboardReporter({
      url: dashboard.url,
      apiKey: 'k',
      flushIntervalMs: 1,
      timeoutMs: 150,
      backoff: FAST,
    });
    reporter.report(await realEvents(2));
    await eventually(() => reporter.stats().sent === 2);
    expect(reporter.stats()).toMatchObject({ failed: 1, retries: 1 });
  });

  it('waits as long as Retry-After asks on 429', async () => {
    const dashboard = await receiver();
    dashboard.answer = (_r, i) =>
      i === 0 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 202 };
    const reporter = dashboardReporter({
      url: dashboard.url,
      apiKey: 'k',
      flushIntervalMs: 1,
      backoff: { initialMs: 10, maxMs: 5000 },
    });
    reporter.report(await realEvents(1));
    await eventually(() => reporter.stats().sent === 1, 5000);
    expect(dashboard.received[1]!.at - dashboard.received[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('drops a batch the dashboard refuses (401) without retrying it', async () => {
    const dashboard = await receiver();
    dashboard.answer = () => ({ status: 401 });
    const reporter = dashboardReporter({
      url: dashboard.url,
      apiKey: 'wrong',
      flushIntervalMs: 1,
      backoff: FAST,
    });
    reporter.report(await realEvents(2));
    await eventually(() => reporter.stats().dropped === 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(dashboard.received).toHaveLength(1);
    expect(reporter.stats()).toMatchObject({ sent: 0, failed: 1, retries: 0, lastStatus: 401 });
  });

  it('splits a batch the dashboard finds too large (413)', async () => {
    const dashboard = await receiver();
    dashboard.answer = (r) => ({ status: r.batch.events.length > 2 ? 413 : 202 });
    const reporter = dashboardReporter({ url: dashboard.url, apiKey: 'k', flushIntervalMs: 1, batchSize: 8 });
    reporter.report(await realEvents(7));
    await eventually(() => reporter.stats().sent === 7);
    expect(dashboard.accepted.every((r) => r.batch.events.length <= 2)).toBe(true);
    expect(reporter.stats().dropped).toBe(0);
  });

  it('gives up after maxRetries and counts the events as dropped', async () => {
    const dashboard = await receiver();
    dashboard.answer = () => ({ status: 500 });
    const reporter = dashboardReporter({
      url: dashboard.url,
      apiKey: 'k',
      flushIntervalMs: 1,
      maxRetries: 2,
      backoff: FAST,
    });
    reporter.report(await realEvents(3));
    await eventually(() => reporter.stats().dropped === 3);
    expect(dashboard.received).toHaveLength(3);
    expect(reporter.stats()).toMatchObject({ sent: 0, failed: 3, retries: 2 });
  });

  it('bounds its queue: the oldest events are dropped and counted', async () => {
    const dashboard = await receiver();
    await dashboard.stop();
    const reporter = dashboardReporter({
      url: dashboard.url,
      apiKey: 'k',
      flushIntervalMs: 1,
      maxQueue: 5,
      batchSize: 1,
      maxRetries: 100,
      backoff: { initialMs: 1000, maxMs: 1000 },
    });
    const events = await realEvents(20);
    for (const event of events) reporter.report([event]);
    const stats = reporter.stats();
    expect(stats.queued).toBeLessThanOrEqual(5);
    expect(stats.queued + stats.inFlight + stats.dropped).toBe(20);
    await reporter.close(50);
    expect(reporter.stats().dropped).toBe(20);
  });

  it('sends only what was not a plain allow with events: "threats"', async () => {
    const dashboard = await receiver();
    const reporter = dashboardReporter({
      url: dashboard.url,
      apiKey: 'k',
      flushIntervalMs: 1,
      events: 'threats',
    });
    captured = [];
    await send(source.url, { path: '/ok' });
    await send(source.url, {
      path: `/q?id=${encodeURIComponent("1' union select username,password from users--")}`,
    });
    await eventually(() => captured.length === 2);
    reporter.report(captured.splice(0));
    await eventually(() => reporter.stats().sent === 1);
    expect(dashboard.events()[0]).toMatchObject({ action: 'monitor', reason: 'attack' });
  });
});

describe('dashboardReporter close()', () => {
  it('flushes what is queued within the timeout', async () => {
    const dashboard = await receiver();
    const reporter = dashboardReporter({ url: dashboard.url, apiKey: 'k', flushIntervalMs: 60_000 });
    reporter.report(await realEvents(5));
    expect(dashboard.received).toHaveLength(0);
    await reporter.close(2000);
    expect(dashboard.events()).toHaveLength(5);
    expect(reporter.stats()).toMatchObject({ sent: 5, queued: 0 });
    reporter.report(await realEvents(1));
    expect(reporter.stats().dropped).toBe(1);
  });

  it('returns within the timeout when the dashboard is down, dropping what is left', async () => {
    const dashboard = await receiver();
    await dashboard.stop();
    const reporter = dashboardReporter({
      url: dashboard.url,
      apiKey: 'k',
      flushIntervalMs: 1,
      backoff: { initialMs: 5000, maxMs: 5000 },
    });
    reporter.report(await realEvents(3));
    await eventually(() => reporter.stats().failed >= 1);
    const started = performance.now();
    await reporter.close(300);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(reporter.stats()).toMatchObject({ sent: 0, dropped: 3 });
  });

  it('returns within the timeout when the dashboard hangs', async () => {
    const dashboard = await receiver();
    dashboard.answer = () => ({ status: 202, delayMs: 10_000 });
    const reporter = dashboardReporter({ url: dashboard.url, apiKey: 'k', flushIntervalMs: 1 });
    reporter.report(await realEvents(2));
    await eventually(() => dashboard.received.length === 1);
    const started = performance.now();
    await reporter.close(200);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(reporter.stats().dropped).toBe(2);
  });

  it('is flushed by middleware.close()', async () => {
    const dashboard = await receiver();
    const reporter = dashboardReporter({ url: dashboard.url, apiKey: 'k', flushIntervalMs: 60_000 });
    const app = express();
    const middleware = waf({ engine, reporters: [reporter] });
    app.use(middleware);
    app.use((_req, res) => res.send('ok'));
    const server = await listen(app);
    servers.push(server);
    for (let i = 0; i < 3; i++) await send(server.url, { path: `/x/${i}` });
    await middleware.close({ timeoutMs: 2000 });
    expect(dashboard.events().map((e) => e.path)).toEqual(['/x/0', '/x/1', '/x/2']);
    // After close, requests pass through untouched.
    expect((await send(server.url, { path: '/after' })).text).toBe('ok');
    expect(middleware.stats().afterClose).toBe(1);
  });
});

describe('dashboardReporter options', () => {
  it('refuses clear-text http to another host, and misspelled options', () => {
    expect(() => dashboardReporter({ url: 'http://dashboard.example.com', apiKey: 'k' })).toThrow(
      /clear text/,
    );
    expect(() =>
      dashboardReporter({ url: 'http://dashboard.example.com', apiKey: 'k', allowInsecureHttp: true }),
    ).not.toThrow();
    expect(() => dashboardReporter({ url: 'https://d.example', apiKey: 'k', batchSise: 5 } as never)).toThrow(
      /Did you mean `batchSize`/,
    );
    expect(() => dashboardReporter({ url: 'https://d.example', apiKey: '' })).toThrow(WaferError);
    expect(() => dashboardReporter({ url: 'not a url', apiKey: 'k' })).toThrow(/absolute URL/);
  });
});
