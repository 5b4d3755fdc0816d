// The WebSocket feed over a real server and real clients: auth, pushes on ingest, heartbeat, slow clients.
import { connect } from 'node:net';
import { createWaf, type Waf } from '@wafer/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHarness, tempSqlite, waitFor, type Harness } from './support/harness.js';
import { wireBatch, wireEvent } from './support/wire.js';

interface Message {
  type: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- messages are checked field by field
  data: any;
  timestamp: string;
}

function subscribe(url: string, path: string, headers: Record<string, string> = {}) {
  const messages: Message[] = [];
  const ws = new WebSocket(`${url.replace('http', 'ws')}${path}`, { headers });
  ws.on('message', (raw) => messages.push(JSON.parse(String(raw))));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
  return { ws, messages, opened };
}

describe('live feed', () => {
  let waf: Waf;
  let h: Harness;
  const db = tempSqlite();
  const clients: WebSocket[] = [];

  beforeAll(async () => {
    waf = await createWaf({ timeBudgetMs: 5_000 }); // decisions, not speed: a busy CI machine must not fail them open
    h = await startHarness({
      storage: db.options,
      waf,
      websocket: { heartbeatMs: 150, maxBufferedBytes: 64 * 1024, maxTrafficPerSecond: 1_000_000 },
      workers: { metricsIntervalMs: 200 },
    });
  }, 60_000);
  afterEach(() => {
    for (const ws of clients.splice(0)) ws.terminate();
  });
  afterAll(async () => {
    await h.close();
    await waf.close();
    db.cleanup();
  });

  it('refuses a client without a key, or with a key that cannot read', async () => {
    await expect(subscribe(h.url, '/ws').opened).rejects.toThrow('HTTP 401');
    await expect(
      subscribe(h.url, '/ws', { authorization: `Bearer ${h.keys.ingest}` }).opened,
    ).rejects.toThrow('HTTP 403');
    await expect(
      subscribe(h.url, '/elsewhere', { authorization: `Bearer ${h.keys.read}` }).opened,
    ).rejects.toThrow('HTTP 404');
  });

  it('pushes traffic, threats, activities and alerts as events are stored, at / and /ws, in the REST shapes', async () => {
    const a = subscribe(h.url, '/ws', { authorization: `Bearer ${h.keys.read}` });
    // Browsers cannot set headers on a WebSocket: the key may come as ?access_token=.
    const b = subscribe(h.url, `/?access_token=${encodeURIComponent(h.keys.read)}`);
    clients.push(a.ws, b.ws);
    await Promise.all([a.opened, b.opened]);
    await waitFor(() => a.messages.some((m) => m.type === 'metrics'), 'the greeting metrics');
    const response = await h.call('/api/events', {
      body: wireBatch([
        wireEvent({ path: '/live' }),
        wireEvent({ attack: 'xss', ip: '198.51.100.77', path: '/live' }),
      ]),
      key: h.keys.ingest,
    });
    expect(response.status).toBe(202);
    for (const client of [a, b]) {
      await waitFor(() => client.messages.some((m) => m.type === 'alert'), 'an alert');
      const types = client.messages.map((m) => m.type);
      expect(types.filter((t) => t === 'traffic')).toHaveLength(2);
      expect(types.filter((t) => t === 'threat')).toHaveLength(1);
      expect(types.filter((t) => t === 'activity')).toHaveLength(1);
      const threat = client.messages.find((m) => m.type === 'threat')!;
      expect(threat.data).toMatchObject({
        type: 'xss',
        severity: 'high',
        source: '198.51.100.77',
        endpoint: '/live',
        blocked: true,
      });
      const traffic = client.messages.find((m) => m.type === 'traffic')!;
      expect(traffic.data).toMatchObject({ method: 'GET', endpoint: '/live', size: '512 B' });
      const alert = client.messages.find((m) => m.type === 'alert')!;
      expect(alert.data).toMatchObject({
        title: 'Cross-site scripting from 198.51.100.77',
        type: 'warning',
        icon: 'alert-triangle',
      });
    }
  });

  it('pushes a metrics snapshot every aggregation interval', async () => {
    const a = subscribe(h.url, '/ws', { authorization: `Bearer ${h.keys.read}` });
    clients.push(a.ws);
    await a.opened;
    await waitFor(() => a.messages.filter((m) => m.type === 'metrics').length >= 3, 'three metrics messages');
    const metrics = a.messages.find((m) => m.type === 'metrics')!;
    expect(Object.keys(metrics.data).sort()).toEqual(
      [
        'activeConnections',
        'attackRate',
        'blocked',
        'requests',
        'responseTime',
        'threatsPerMinute',
        'timestamp',
        'uptime',
      ].sort(),
    );
  });

  it('terminates a client that stops answering pings', async () => {
    const before = h.api.stats().live.droppedDead;
    // A raw socket that completes the handshake and then never reads or answers a ping.
    const socket = connect(Number(new URL(h.url).port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      `GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer ${h.keys.read}\r\n\r\n`,
    );
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('data', () => {});
    socket.on('error', () => {});
    await closed;
    expect(h.api.stats().live.droppedDead).toBeGreaterThan(before);
  });

  it('drops a client that does not read, without slowing the others', async () => {
    const fast = subscribe(h.url, '/ws', { authorization: `Bearer ${h.keys.read}` });
    const slow = subscribe(h.url, '/ws', { authorization: `Bearer ${h.keys.read}` });
    clients.push(fast.ws, slow.ws);
    await Promise.all([fast.opened, slow.opened]);
    // Stop reading: the server's socket buffer to it fills, then its send queue grows past maxBufferedBytes.
    (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const slowClosed = new Promise<void>((resolve) => slow.ws.once('close', () => resolve()));
    const before = fast.messages.filter((m) => m.type === 'traffic').length;
    let sent = 0;
    // Loopback's kernel buffers hold several MB before the server's own queue grows: send big messages.
    for (let round = 0; round < 40 && h.api.stats().live.droppedSlow === 0; round++) {
      const events = Array.from({ length: 500 }, () =>
        wireEvent({ path: `/bulk/${'x'.repeat(2_000)}`, userAgent: `ua-${'y'.repeat(4_000)}` }),
      );
      expect((await h.call('/api/events', { body: wireBatch(events), key: h.keys.ingest })).status).toBe(202);
      sent += events.length;
    }
    expect(h.api.stats().live.droppedSlow).toBeGreaterThan(0);
    (slow.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    await slowClosed;
    await waitFor(
      () => fast.messages.filter((m) => m.type === 'traffic').length - before === sent,
      'every traffic message at the fast client',
    );
  }, 60_000);
});
