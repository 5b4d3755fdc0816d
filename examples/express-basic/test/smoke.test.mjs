// Smoke test: the example app over real HTTP, reporting to a real dashboard API on a temp SQLite file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createWaf } from '@wafer/core';
import { createDashboardApi } from '@wafer/dashboard-api';
import { dashboardReporter } from '@wafer/express';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../server.mjs';

let engine, dashboard, dashboardUrl, server, appUrl, firewallApp, dir;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'wafer-example-basic-'));
  engine = await createWaf({ timeBudgetMs: 5_000 }); // decisions, not speed: a busy CI machine must not fail them open
  dashboard = await createDashboardApi({
    storage: { sqlite: { path: path.join(dir, 'wafer.db') } },
    waf: engine,
    onError: () => {},
  });
  ({ url: dashboardUrl } = await dashboard.listen({ port: 0 }));
  const { secret } = await dashboard.storage.apiKeys.create({ name: 'example', scopes: ['ingest'] });
  firewallApp = createApp({
    engine,
    reporters: [
      dashboardReporter({ url: dashboardUrl, apiKey: secret, app: 'express-basic', flushIntervalMs: 20 }),
    ],
  });
  await new Promise((resolve) => (server = firewallApp.listen(0, '127.0.0.1', resolve)));
  appUrl = `http://127.0.0.1:${server.address().port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await dashboard.close();
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

it('serves benign and attack requests in monitor mode and reports both to the dashboard', async () => {
  const benign = await fetch(`${appUrl}/search?q=running%20shoes`);
  expect(benign.status).toBe(200);
  const attack = await fetch(
    `${appUrl}/search?q=${encodeURIComponent("1' UNION SELECT password FROM users--")}`,
  );
  expect(attack.status).toBe(200); // monitor: decide and report, never block
  const deadline = Date.now() + 15_000;
  let items = [];
  while (Date.now() < deadline && items.length < 2) {
    items = (await dashboard.storage.traffic.list({ from: 0, to: Date.now() + 1 })).items;
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(items).toHaveLength(2);
  const stored = items.find((t) => t.attackClasses.length > 0);
  expect(stored).toMatchObject({ path: '/search', action: 'monitor', appId: 'express-basic' });
  expect(stored.attackClasses).toContain('sqli');
  expect(items.find((t) => t.attackClasses.length === 0)).toMatchObject({ action: 'allow' });
});
