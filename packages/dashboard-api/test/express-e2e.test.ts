// End to end: a real Express app protected by @wafer/express reports to a real dashboard API, which stores the
// decisions and pushes them live; the dashboard restarts mid-stream and nothing the app saw is lost.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWaf, type Waf } from '@wafer/core';
import { dashboardReporter, waf as wafMiddleware } from '@wafer/express';
import express from 'express5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createDashboardApi } from '../src/index.js';
import { startHarness, tempSqlite, waitFor, type Harness } from './support/harness.js';

describe('@wafer/express → dashboard API', () => {
  let engine: Waf;
  let h: Harness;
  const db = tempSqlite();
  let app: ReturnType<typeof express>;
  let appServer: Server;
  let appUrl: string;
  let firewall: ReturnType<typeof wafMiddleware>;

  beforeAll(async () => {
    engine = await createWaf({ timeBudgetMs: 5_000 }); // decisions, not speed: a busy CI machine must not fail them open
    h = await startHarness({ storage: db.options, waf: engine });
    app = express();
    firewall = wafMiddleware({
      engine,
      mode: 'block',
      reporters: [
        dashboardReporter({
          url: h.url,
          apiKey: h.keys.ingest,
          app: 'shop',
          flushIntervalMs: 20,
          backoff: { initialMs: 50, maxMs: 200 },
          maxRetries: 50,
        }),
      ],
    });
    app.use(firewall);
    app.get('/products', (_req, res) => res.json({ items: [] }));
    app.get('/search', (_req, res) => res.json({ results: [] }));
    await new Promise<void>((resolve) => {
      appServer = app.listen(0, '127.0.0.1', () => resolve());
    });
    appUrl = `http://127.0.0.1:${(appServer.address() as AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    await firewall.close({ timeoutMs: 1_000 });
    await new Promise((r) => appServer.close(r));
    await h.close();
    await engine.close();
    db.cleanup();
  });

  it('stores benign and blocked requests and pushes the attack live', async () => {
    const live = new WebSocket(`${h.url.replace('http', 'ws')}/ws`, {
      headers: { authorization: `Bearer ${h.keys.read}` },
    });
    const messages: Array<{ type: string; data: { details: { requestId: string } } }> = [];
    live.on('message', (raw) => messages.push(JSON.parse(String(raw))));
    await new Promise((resolve) => live.once('open', resolve));

    expect((await fetch(`${appUrl}/products?page=2`)).status).toBe(200);
    const blocked = await fetch(
      `${appUrl}/search?q=${encodeURIComponent("1' UNION SELECT password FROM users--")}`,
    );
    expect(blocked.status).toBe(403);
    const requestId = ((await blocked.json()) as { requestId: string }).requestId;

    const threats = await waitFor(async () => {
      const list = (await h.call('/api/threats/recent?limit=10', { key: h.keys.read })).json.data as Array<{
        type: string;
        details: { requestId: string };
      }>;
      return list.find((t) => t.details.requestId === requestId);
    }, 'the blocked request in /api/threats');
    expect(threats!.type).toBe('sqli');
    const traffic = (await h.call('/api/traffic/recent?limit=10')).json.data as Array<{
      endpoint: string;
      action: string;
      status: number;
    }>;
    expect(traffic.find((t) => t.endpoint === '/products')).toMatchObject({ action: 'allow', status: 200 });
    expect(traffic.find((t) => t.endpoint === '/search')).toMatchObject({ action: 'block', status: 403 });
    await waitFor(
      () => messages.some((m) => m.type === 'threat' && m.data.details.requestId === requestId),
      'the live threat',
    );
    const instances = await h.api.storage.ingest.instances();
    expect(instances[0]).toMatchObject({ app: 'shop', sdk: '@wafer/express', mode: 'block' });
    live.terminate();
  });

  it('loses nothing when the dashboard restarts while the app keeps serving', async () => {
    const port = Number(new URL(h.url).port);
    const before = (await h.api.storage.traffic.list({ from: 0, to: Date.now() + 1, limit: 1_000 })).items
      .length;
    await h.api.close();
    for (let i = 0; i < 10; i++) expect((await fetch(`${appUrl}/products?i=${i}`)).status).toBe(200);
    // Same database file, same port: the reporter's retries land once it is back.
    const restarted = await createDashboardApi({ storage: db.options, waf: engine, onError: () => {} });
    await restarted.listen({ port });
    try {
      await waitFor(
        async () =>
          (await restarted.storage.traffic.list({ from: 0, to: Date.now() + 1, limit: 1_000 })).items
            .length ===
          before + 10,
        'the ten requests made while the dashboard was down',
        20_000,
      );
      expect(firewall.stats().reporters.dashboard).toMatchObject({ dropped: 0 });
    } finally {
      await restarted.close();
    }
  }, 40_000);
});
