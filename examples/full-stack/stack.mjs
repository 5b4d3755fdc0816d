// The full stack in one process: the dashboard API (SQLite), the shop protected by waf({ mode: 'block' })
// reporting to it, one detection engine shared by both. Used by start.mjs (the demo) and the smoke test.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createWaf } from '@wafer/core';
import { createDashboardApi } from '@wafer/dashboard-api';
import { dashboardReporter } from '@wafer/express';
import { createShopApp } from './shop.mjs';

/** API keys for the demo, created once per data folder and kept in it (mode 0600). */
async function demoKeys(api, dataDir) {
  const file = path.join(dataDir, 'demo-keys.json');
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    if ((await api.storage.apiKeys.verify(saved.ingest)) && (await api.storage.apiKeys.verify(saved.read)))
      return saved;
  }
  const ingest = (await api.storage.apiKeys.create({ name: 'demo-shop', scopes: ['ingest'] })).secret;
  const read = (await api.storage.apiKeys.create({ name: 'demo-reader', scopes: ['read'] })).secret;
  writeFileSync(file, JSON.stringify({ ingest, read }, null, 2));
  chmodSync(file, 0o600);
  return { ingest, read };
}

/**
 * @param {{ dataDir: string, appPort?: number, dashboardPort?: number, flushIntervalMs?: number, timeBudgetMs?: number }} options
 *   `timeBudgetMs`: the engine's per-request budget (default 50 ms, core's default; tests raise it so a busy
 *   machine does not fail decisions open).
 */
export async function startStack({
  dataDir,
  appPort = 3000,
  dashboardPort = 3001,
  flushIntervalMs = 250,
  timeBudgetMs,
}) {
  mkdirSync(dataDir, { recursive: true });
  const engine = await createWaf(timeBudgetMs === undefined ? {} : { timeBudgetMs });
  const dashboard = await createDashboardApi({
    storage: { sqlite: { path: path.join(dataDir, 'wafer.db') } },
    waf: engine,
    // Local demo: reads need no key from this machine (refused on any other address).
    auth: { insecureLocal: true },
    workers: { metricsIntervalMs: 5_000, alertIntervalMs: 5_000 },
    onError: (error, context) => console.error(`[dashboard] ${context}: ${error?.message ?? error}`),
  });
  let server;
  try {
    const { url: dashboardUrl } = await dashboard.listen({ port: dashboardPort, host: '127.0.0.1' });
    const keys = await demoKeys(dashboard, dataDir);
    const reporter = dashboardReporter({
      url: dashboardUrl,
      apiKey: keys.ingest,
      app: 'shop',
      instanceId: 'shop-demo',
      flushIntervalMs,
    });
    const { app, firewall } = createShopApp({ engine, reporters: [reporter] });
    server = await new Promise((resolve, reject) => {
      const s = app.listen(appPort, '127.0.0.1', () => resolve(s));
      s.once('error', reject);
    });
    const appUrl = `http://127.0.0.1:${server.address().port}`;
    return {
      appUrl,
      dashboardUrl,
      keys,
      dashboard,
      firewall,
      async close() {
        await new Promise((resolve) => server.close(resolve));
        server.closeAllConnections?.();
        await firewall.close({ timeoutMs: 3_000 }); // sends what is queued to the dashboard first
        await dashboard.close();
        await engine.close();
      },
    };
  } catch (error) {
    server?.close();
    await dashboard.close();
    await engine.close();
    throw error;
  }
}
