// Smoke test of the full stack: benign and attack requests to the shop, decisions stored and served by the
// dashboard API, a short run of the traffic generator, and the demo command itself ending cleanly.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTrafficGenerator } from '@wafer/example-traffic-generator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack } from '../stack.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'wafer-example-full-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function until(check, what, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('full-stack example', () => {
  let stack;
  beforeAll(async () => {
    stack = await startStack({
      dataDir: path.join(dir, 'a'),
      appPort: 0,
      dashboardPort: 0,
      flushIntervalMs: 20,
    });
  });
  afterAll(() => stack?.close());

  it('blocks the attack, serves the benign request, and the dashboard API stores and serves both', async () => {
    const benign = await fetch(`${stack.appUrl}/api/products?search=espresso`);
    expect(benign.status).toBe(200);
    expect((await benign.json()).items[0].name).toBe('Espresso machine');
    const attack = await fetch(
      `${stack.appUrl}/api/products?search=${encodeURIComponent("x' UNION SELECT email, password FROM users--")}`,
    );
    expect(attack.status).toBe(403);
    const { requestId } = await attack.json();
    const read = (p) =>
      fetch(`${stack.dashboardUrl}${p}`, { headers: { authorization: `Bearer ${stack.keys.read}` } }).then(
        (r) => r.json(),
      );
    const threat = await until(
      async () =>
        (await read('/api/threats/recent?limit=20')).data.find((t) => t.details.requestId === requestId),
      'the threat',
    );
    expect(threat).toMatchObject({ type: 'sqli', blocked: true, endpoint: '/api/products' });
    const traffic = (await read('/api/traffic/recent?limit=20')).data;
    expect(traffic.some((t) => t.action === 'allow' && t.endpoint === '/api/products')).toBe(true);
  });

  it('runs the traffic generator: attacks are blocked, benign traffic is not, the dashboard counts it', async () => {
    const generator = createTrafficGenerator({
      target: stack.appUrl,
      rate: 40,
      durationMs: 4_000,
      waveEveryMs: 1_000,
      waveMs: 800,
      seed: 7,
    });
    const summary = await generator.start();
    expect(summary.errors).toBe(0);
    expect(summary.done).toBeGreaterThan(100);
    const attacksSent = Object.values(summary.attacks).reduce((n, v) => n + v.sent, 0);
    const attacksBlocked = Object.values(summary.attacks).reduce((n, v) => n + v.blocked, 0);
    expect(attacksSent).toBeGreaterThan(10);
    expect(attacksBlocked / attacksSent).toBeGreaterThan(0.8);
    expect(summary.benign.blocked / summary.benign.sent).toBeLessThan(0.05);
    const realtime = await until(async () => {
      const r = await (await fetch(`${stack.dashboardUrl}/api/metrics/realtime`)).json(); // insecure local mode: no key on loopback
      return r.data.requests >= summary.done ? r.data : null;
    }, 'the dashboard to count the generated requests');
    expect(realtime.blocked).toBeGreaterThan(0);
  });
});

it('the demo command starts everything, prints the URLs and a live summary, and exits cleanly', async () => {
  const script = fileURLToPath(new URL('../start.mjs', import.meta.url));
  const child = spawn(
    process.execPath,
    [
      script,
      '--', // as `pnpm demo -- --rate …` (the README's form) passes them: pnpm 9 forwards the `--`
      '--rate',
      '20',
      '--duration',
      '4',
      '--exit',
      '--app-port',
      '0',
      '--dashboard-port',
      '0',
      '--data',
      path.join(dir, 'b'),
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const code = await new Promise((resolve) => child.once('exit', resolve));
  expect(code, out).toBe(0);
  expect(out).toMatch(/shop \(protected, block mode\) +http:\/\/127\.0\.0\.1:\d+/);
  expect(out).toMatch(/dashboard API +http:\/\/127\.0\.0\.1:\d+/);
  expect(out).toMatch(/Traffic done\./);
  expect(out).toMatch(/attacks blocked \d+\/\d+/);
  expect(out).toMatch(/Stopped\.\n$/);
}, 60_000);
