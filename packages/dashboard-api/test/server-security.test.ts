// The server's own defences, over real HTTP: keys and scopes, the local-only insecure mode, CORS, size
// limits, malformed bodies and its rate limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboardApi } from '../src/index.js';
import { startHarness, tempSqlite, type Harness } from './support/harness.js';
import { wireBatch, wireEvent } from './support/wire.js';

describe('server security', () => {
  const db = tempSqlite();
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({
      storage: db.options,
      waf: false,
      auth: { cacheMs: 0 },
      cors: { origins: ['https://dash.example'] },
      limits: { bodyBytes: 4_096, ingestBodyBytes: 64 * 1024, ingestEvents: 20 },
      rateLimit: { requestsPerMinute: 30 },
    });
  });
  afterAll(async () => {
    await h.close();
    db.cleanup();
  });

  it('requires a valid key with the right scope', async () => {
    const none = await h.call('/api/traffic/recent', { key: null });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(none.json.message).toMatch(/wafer-dashboard keys create/);
    expect((await h.call('/api/traffic/recent', { key: 'wafer_nope_nope' })).status).toBe(401);
    expect((await h.call('/api/traffic/recent', { key: h.keys.ingest })).status).toBe(403);
    expect((await h.call('/api/events', { body: wireBatch([wireEvent()]), key: h.keys.read })).status).toBe(
      403,
    );
    expect(
      (await h.call('/api/traffic/recent', { key: null, headers: { 'x-api-key': h.keys.read } })).status,
    ).toBe(200);
  });

  it('stops honouring a revoked key (cacheMs: 0 here)', async () => {
    const { key, secret } = await h.api.storage.apiKeys.create({ name: 'temp', scopes: ['read'] });
    expect((await h.call('/api/alerts/active', { key: secret })).status).toBe(200);
    await h.api.storage.apiKeys.revoke(key.id);
    expect((await h.call('/api/alerts/active', { key: secret })).status).toBe(401);
  });

  it('rejects malformed, mistyped and oversized bodies with clear envelopes', async () => {
    const badJson = await h.call('/api/events', { body: '{"version":1,', key: h.keys.ingest });
    expect(badJson.status).toBe(400);
    expect(badJson.json).toMatchObject({ success: false, message: 'The body is not valid JSON.' });
    const notJson = await h.call('/api/events', {
      body: 'version=1',
      key: h.keys.ingest,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(notJson.status).toBe(415);
    const wrongShape = await h.call('/api/events', {
      body: { version: 1, instance: { id: 'x' }, events: [{ time: 'yesterday' }] },
      key: h.keys.ingest,
    });
    expect(wrongShape.status).toBe(400);
    expect(wrongShape.json.message).toMatch(/^Invalid body `events\.0\./);
    const tooMany = await h.call('/api/events', {
      body: wireBatch(Array.from({ length: 21 }, () => wireEvent())),
      key: h.keys.ingest,
    });
    expect(tooMany.status).toBe(413);
    expect(tooMany.json.message).toMatch(/at most 20 events/);
    const tooBig = await h.call('/api/events', {
      body: wireBatch([wireEvent({ path: `/${'a'.repeat(70_000)}` })]),
      key: h.keys.ingest,
    });
    expect(tooBig.status).toBe(413);
    const bigCheck = await h.call('/api/check', {
      body: { method: 'GET', url: `/${'a'.repeat(5_000)}`, headers: {} },
    });
    expect(bigCheck.status).toBe(413);
    // Nothing of the refused batches was stored.
    expect((await h.call('/api/traffic/recent', { key: h.keys.read })).json.data).toEqual([]);
  });

  it('answers CORS preflights for allowed origins only', async () => {
    const allowed = await fetch(`${h.url}/api/traffic/recent`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://dash.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dash.example');
    const other = await fetch(`${h.url}/api/traffic/recent`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('rate-limits each client with 429 and Retry-After, but never /health or ingest', async () => {
    let limited: Awaited<ReturnType<Harness['call']>> | undefined;
    for (let i = 0; i < 40 && !limited; i++) {
      const r = await h.call('/api/alerts/active', { key: h.keys.read });
      if (r.status === 429) limited = r;
    }
    expect(limited?.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(limited?.json.success).toBe(false);
    expect((await h.call('/health', { key: null })).status).toBe(200);
    expect((await h.call('/api/events', { body: wireBatch([wireEvent()]), key: h.keys.ingest })).status).toBe(
      202,
    );
  });
});

describe('local-only insecure mode', () => {
  it('serves reads without a key on loopback, still requires a key to ingest, and refuses other hosts', async () => {
    const db = tempSqlite();
    const api = await createDashboardApi({
      storage: db.options,
      waf: false,
      auth: { insecureLocal: true },
      onError: () => {},
    });
    try {
      await expect(api.listen({ port: 0, host: '0.0.0.0' })).rejects.toMatchObject({
        code: 'WAFER_ERR_DASHBOARD_INSECURE_BIND',
      });
      const { url } = await api.listen({ port: 0, host: '127.0.0.1' });
      expect((await fetch(`${url}/api/traffic/recent`)).status).toBe(200);
      expect((await fetch(`${url}/api/security/checks/api-keys/run`, { method: 'POST' })).status).toBe(200);
      const ingest = await fetch(`${url}/api/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(wireBatch([wireEvent()])),
      });
      expect(ingest.status).toBe(401);
      const checks = (
        (await (await fetch(`${url}/api/security/checks`)).json()) as {
          data: Array<{ id: string; status: string }>;
        }
      ).data;
      expect(checks.find((c) => c.id === 'api-keys')?.status).toBe('warning');
    } finally {
      await api.close();
      db.cleanup();
    }
  });
});
