// The access-log worker inside a real dashboard API: lines become traffic, threats and alerts; rotation and a
// restart lose and repeat nothing.
import { appendFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createWaf, type Waf } from '@wafer/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboardApi, type DashboardApi } from '../src/index.js';
import { tempSqlite, waitFor } from './support/harness.js';

const line = (ip: string, target: string, status = 200) =>
  `${ip} - - [21/Nov/2026:10:00:00 +0000] "GET ${target} HTTP/1.1" ${status} 512 "-" "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"\n`;

describe('access-log processing in the dashboard API', () => {
  const db = tempSqlite();
  const log = path.join(db.dir, 'access.log');
  let waf: Waf;
  let api: DashboardApi;
  const open = () =>
    createDashboardApi({
      storage: db.options,
      waf,
      logs: [{ path: log, app: 'web' }],
      logStartAt: 'beginning',
      logPollIntervalMs: 25,
      onError: () => {},
    });
  const stored = async (a: DashboardApi) =>
    (await a.storage.traffic.list({ from: 0, to: Date.now() + 1, limit: 1_000 })).items;

  beforeAll(async () => {
    waf = await createWaf({ timeBudgetMs: 5_000 }); // decisions, not speed: a busy CI machine must not fail them open
    writeFileSync(log, line('192.0.2.1', '/') + line('192.0.2.2', '/products?page=2'));
    api = await open();
  }, 60_000);
  afterAll(async () => {
    await api.close();
    await waf.close();
    db.cleanup();
  });

  it('stores scored lines, attacks as threats (not blocked), and raises an alert', async () => {
    appendFileSync(
      log,
      line('198.51.100.23', "/search?q=1'%20UNION%20SELECT%20username,password%20FROM%20users--"),
    );
    await waitFor(async () => (await stored(api)).length === 3, 'three lines stored');
    const traffic = await stored(api);
    expect(traffic.map((t) => t.appId)).toEqual(['web', 'web', 'web']);
    const attack = traffic.find((t) => t.ip === '198.51.100.23')!;
    expect(attack).toMatchObject({ action: 'monitor', path: '/search', status: 200 });
    expect(attack.attackClasses).toContain('sqli');
    const threats = (await api.storage.threats.list({ from: 0, to: Date.now() + 1 })).items;
    expect(threats[0]).toMatchObject({
      type: 'sqli',
      severity: 'critical',
      ip: '198.51.100.23',
      blocked: false,
    });
    const alerts = await waitFor(
      async () => (await api.storage.alerts.list({ status: 'active' })).items,
      'an alert',
    );
    expect(alerts.map((a) => a.groupKey)).toContain('threat:sqli:198.51.100.23');
  });

  it('follows a rename rotation and resumes after a restart without repeating or skipping a line', async () => {
    appendFileSync(log, line('192.0.2.3', '/a'));
    renameSync(log, `${log}.1`);
    writeFileSync(log, line('192.0.2.4', '/b'));
    await waitFor(async () => (await stored(api)).length === 5, 'the lines around the rotation');
    await api.close();
    // Written while the dashboard is down: picked up from the saved offset on restart.
    appendFileSync(log, line('192.0.2.5', '/c') + line('192.0.2.6', '/d'));
    api = await open();
    await waitFor(async () => (await stored(api)).length === 7, 'the lines written while down');
    await new Promise((r) => setTimeout(r, 200)); // several more polls: nothing is read twice
    const ips = (await stored(api)).map((t) => t.ip).sort();
    expect(ips).toEqual([
      '192.0.2.1',
      '192.0.2.2',
      '192.0.2.3',
      '192.0.2.4',
      '192.0.2.5',
      '192.0.2.6',
      '198.51.100.23',
    ]);
    expect(api.workers.logs!.stats().files[0]).toMatchObject({ path: log, rotations: 0 });
  }, 30_000);
});
