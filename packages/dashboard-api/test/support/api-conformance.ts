// The dashboard API's conformance suite: every endpoint and shape, run against a real server on SQLite and on
// PostgreSQL (test/sqlite.test.ts, test/postgres.test.ts).
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { createWaf, type Waf } from '@wafer/core';
import type { StorageOptions } from '@wafer/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';
import { wireBatch, wireEvent } from './wire.js';

const GETS_WITH_RANGE = [
  '/api/metrics/historical',
  '/api/alerts/history',
  '/api/activities',
  '/api/charts/requests',
  '/api/charts/threats',
  '/api/charts/performance',
  '/api/traffic',
  '/api/threats',
  '/api/threats/stats',
  '/api/analytics/overview',
  '/api/analytics/summary',
];

export function apiConformance(
  dialect: string,
  storageOptions: () => StorageOptions | null,
  skipReason: () => string | null,
) {
  const options = storageOptions();
  describe.skipIf(options === null)(
    `dashboard API on ${dialect}${options === null ? ` (SKIPPED: ${skipReason()})` : ''}`,
    () => {
      let waf: Waf;
      let h: Harness;
      const now = Date.now();

      beforeAll(async () => {
        waf = await createWaf({ timeBudgetMs: 5_000 }); // decisions, not speed: a busy CI machine must not fail them open
        h = await startHarness({
          storage: options!,
          waf,
          workers: { metricsIntervalMs: 3_600_000, alertIntervalMs: 3_600_000 },
        });
        // Traffic of the last hour: benign requests, attacks of two classes, a rate-limited client, a failure.
        const events = [
          ...Array.from({ length: 40 }, (_, i) =>
            wireEvent({ time: now - i * 60_000, path: `/products/${i % 5}` }),
          ),
          ...Array.from({ length: 6 }, (_, i) =>
            wireEvent({ time: now - i * 30_000, attack: 'sqli', ip: '198.51.100.9', path: '/search' }),
          ),
          wireEvent({
            time: now - 5_000,
            attack: 'xss',
            action: 'monitor',
            ip: '198.51.100.10',
            path: '/comments',
          }),
          wireEvent({
            time: now - 4_000,
            action: 'block',
            reason: 'rate-limit',
            status: 429,
            ip: '192.0.2.50',
          }),
          wireEvent({ time: now - 3_000, failure: 'budget_exceeded' }),
        ];
        const response = await h.call('/api/events', { body: wireBatch(events), key: h.keys.ingest });
        expect(response.status).toBe(202);
        expect(response.json.data).toEqual({ accepted: events.length, duplicates: 0 });
        await h.api.workers.metrics.runNow();
      }, 60_000);

      afterAll(async () => {
        await h?.close();
        await waf?.close();
      });

      it('wraps every answer in the envelope, errors included', async () => {
        const ok = await h.call('/api/traffic/recent?limit=5', { key: h.keys.read });
        expect(ok.status).toBe(200);
        expect(ok.json).toMatchObject({ success: true });
        expect(new Date(ok.json.timestamp).toISOString()).toBe(ok.json.timestamp);
        const bad = await h.call('/api/traffic?range=2y');
        expect(bad.status).toBe(400);
        expect(bad.json).toMatchObject({ success: false, data: null });
        expect(bad.json.message).toMatch(/range/);
        const tooMany = await h.call('/api/traffic/recent?limit=100000');
        expect(tooMany.status).toBe(400);
        const missing = await h.call('/api/nothing-here');
        expect(missing.status).toBe(404);
        expect(missing.json.success).toBe(false);
      });

      it('answers every documented GET with data matching its schema, for every range', async () => {
        const schemas = new Map(
          h.api.routes.map((r) => [`${r.method} ${r.path}`, TypeCompiler.Compile(r.response)]),
        );
        for (const path of GETS_WITH_RANGE)
          for (const range of ['1h', '6h', '24h', '7d', '30d']) {
            const response = await h.call(`${path}?range=${range}`, { key: h.keys.read });
            expect(response.status, `${path} ${range}: ${JSON.stringify(response.json)}`).toBe(200);
            const check = schemas.get(`get ${path}`)!;
            expect(
              check.Check(response.json.data),
              `${path}?range=${range}: ${JSON.stringify([...check.Errors(response.json.data)][0])}`,
            ).toBe(true);
          }
        for (const path of [
          '/api/metrics/realtime',
          '/api/alerts/active',
          '/api/activities/recent',
          '/api/traffic/recent',
          '/api/threats/recent',
          '/api/security/checks',
          '/api/security/compliance-score',
        ]) {
          const response = await h.call(path, { key: h.keys.read });
          expect(response.status, path).toBe(200);
          const check = schemas.get(`get ${path}`)!;
          expect(
            check.Check(response.json.data),
            `${path}: ${JSON.stringify([...check.Errors(response.json.data)][0])}`,
          ).toBe(true);
        }
      });

      it('reports the ingested traffic in metrics, charts, lists and analytics', async () => {
        const realtime = (await h.call('/api/metrics/realtime')).json.data;
        expect(realtime.requests).toBeGreaterThanOrEqual(4); // the events of the last minute
        expect(realtime.uptime).toBeGreaterThanOrEqual(0);
        const chart = (await h.call('/api/charts/requests?range=1h')).json.data as Array<{
          requests: number;
          blocked: number;
          allowed: number;
        }>;
        expect(chart.length).toBe(60);
        expect(chart.reduce((n, b) => n + b.requests, 0)).toBe(49);
        expect(chart.reduce((n, b) => n + b.blocked, 0)).toBe(7); // 6 SQLi + 1 rate-limited
        const threats = (await h.call('/api/charts/threats?range=1h')).json.data as Array<
          Record<string, number>
        >;
        expect(threats.reduce((n, b) => n + b.sqli!, 0)).toBe(6);
        expect(threats.reduce((n, b) => n + b.sql!, 0)).toBe(6);
        expect(threats.reduce((n, b) => n + b.xss!, 0)).toBe(1);
        expect(threats.reduce((n, b) => n + b.ddos!, 0)).toBe(1);
        const stats = (await h.call('/api/threats/stats?range=24h')).json.data;
        expect(stats).toEqual({ total: 8, blocked: 7, byType: { sqli: 6, xss: 1, ddos: 1 } });
        const sqli = (await h.call('/api/threats/type/sqli?range=1h')).json.data;
        expect(sqli).toHaveLength(6);
        expect(sqli[0]).toMatchObject({
          type: 'sqli',
          severity: 'critical',
          source: '198.51.100.9',
          endpoint: '/search',
          blocked: true,
        });
        expect(sqli[0].details.evidence).toBe("1' OR 1=1--");
        const recent = (await h.call('/api/traffic/recent?limit=3')).json.data;
        expect(recent).toHaveLength(3);
        expect(recent[0]).toMatchObject({ size: '512 B', method: 'GET' });
        expect(recent[0].time).toMatch(/ago|just now/);
        const byEndpoint = (await h.call(`/api/traffic/endpoint/${encodeURIComponent('/search')}?range=1h`))
          .json.data;
        expect(byEndpoint).toHaveLength(6);
        const activities = (await h.call('/api/activities/recent?limit=50')).json.data as Array<{
          type: string;
          title: string;
        }>;
        expect(activities.filter((a) => a.type === 'blocked')).toHaveLength(7);
        expect(activities.some((a) => /SQL injection blocked from 198\.51\.100\.9/.test(a.title))).toBe(true);
        const summary = (await h.call('/api/analytics/summary?range=24h')).json.data;
        expect(summary.totals).toMatchObject({ requests: 49, blocked: 7, monitored: 1, threats: 8 });
        expect(summary.topAttackClasses[0]).toMatchObject({ type: 'sqli', count: 6 });
        expect(summary.topAttackers[0]).toMatchObject({ ip: '198.51.100.9', count: 6 });
        const overview = (await h.call('/api/analytics/overview?range=24h')).json.data;
        expect(overview).toMatchObject({ requests: 49, topAttackClass: 'sqli', instances: 1 });
        const trend = (await h.call('/api/analytics/trends/requests?range=1h')).json.data as Array<{
          value: number;
        }>;
        expect(trend.reduce((n, p) => n + p.value, 0)).toBe(49);
        expect((await h.call('/api/analytics/trends/nonsense?range=1h')).status).toBe(404);
        const historical = (await h.call('/api/metrics/historical?range=1h')).json.data as Array<{
          requests: number;
          memory: number | null;
        }>;
        expect(historical.some((m) => m.memory !== null && m.memory > 0)).toBe(true);
      });

      it('raises grouped alerts and lets an admin acknowledge and dismiss them', async () => {
        // Alerts from ingested batches are stored in the background; running the rules waits for them.
        await h.api.workers.alerts.runNow();
        const active = (await h.call('/api/alerts/active')).json.data as Array<{
          id: number;
          title: string;
          count: number;
          actions: string[];
        }>;
        const campaign = active.find((a) => a.title === 'SQL injection from 198.51.100.9');
        expect(campaign, JSON.stringify(active)).toBeDefined();
        expect(campaign!.count).toBe(1); // six findings of one batch: one occurrence of one campaign
        expect(campaign!.actions).toEqual(['acknowledge', 'dismiss']);
        expect(
          (await h.call(`/api/alerts/${campaign!.id}/acknowledge`, { method: 'POST', key: h.keys.read }))
            .status,
        ).toBe(403);
        const acked = await h.call(`/api/alerts/${campaign!.id}/acknowledge`, { method: 'POST' });
        expect(acked.json.data).toMatchObject({ status: 'acknowledged', actions: ['dismiss'] });
        expect((await h.call(`/api/alerts/${campaign!.id}/acknowledge`, { method: 'POST' })).status).toBe(
          409,
        );
        const dismissed = await h.call(`/api/alerts/${campaign!.id}/dismiss`, { method: 'POST' });
        expect(dismissed.json.data.status).toBe('dismissed');
        expect((await h.call('/api/alerts/999999/dismiss', { method: 'POST' })).status).toBe(404);
        const history = (await h.call('/api/alerts/history?range=1h')).json.data as Array<{ id: number }>;
        expect(history.some((a) => a.id === campaign!.id)).toBe(true);
        // The periodic rules: the instance reported an inspection failure (time budget) in its batch.
        await h.api.workers.alerts.runNow();
        const after = (await h.call('/api/alerts/active')).json.data as Array<{
          title: string;
          source: string;
        }>;
        expect(after.find((a) => a.title === 'Inspection failures on web-1:4242')).toMatchObject({
          source: 'instance:web-1:4242',
        });
      });

      it('is idempotent by event id: a retried batch is stored once', async () => {
        const batch = wireBatch([wireEvent({ path: '/retry' }), wireEvent({ path: '/retry' })]);
        expect((await h.call('/api/events', { body: batch, key: h.keys.ingest })).json.data).toEqual({
          accepted: 2,
          duplicates: 0,
        });
        expect((await h.call('/api/events', { body: batch, key: h.keys.ingest })).json.data).toEqual({
          accepted: 0,
          duplicates: 2,
        });
        expect(
          (await h.call(`/api/traffic/endpoint/${encodeURIComponent('/retry')}?range=1h`)).json.data,
        ).toHaveLength(2);
      });

      it('runs real security checks and scores them', async () => {
        // Checks run at start and every 5 minutes; run the ones that depend on what the test did since.
        for (const id of ['api-keys', 'instances', 'inspection-failures'])
          expect((await h.call(`/api/security/checks/${id}/run`, { method: 'POST' })).status).toBe(200);
        expect(
          (await h.call('/api/security/checks/instances/run', { method: 'POST', key: h.keys.read })).status,
        ).toBe(403);
        const checks = (await h.call('/api/security/checks')).json.data as Array<{
          id: string;
          status: string;
          message: string;
        }>;
        const byId = Object.fromEntries(checks.map((c) => [c.id, c]));
        expect(byId.model!.status).toBe('pass');
        expect(byId.model!.message).toContain(waf.model.version);
        expect(byId['storage-writable']!.status).toBe('pass');
        expect(byId['api-keys']!.status).toBe('pass');
        expect(byId.instances!.message).toMatch(/1 instance/);
        expect(byId['inspection-failures']!.status).toBe('fail'); // 1 failure in ~50 events is over 1%
        const run = await h.call('/api/security/checks/storage-writable/run', { method: 'POST' });
        expect(run.status).toBe(200);
        expect(run.json.data.status).toBe('pass');
        expect((await h.call('/api/security/checks/nope/run', { method: 'POST' })).status).toBe(404);
        const score = (await h.call('/api/security/compliance-score')).json.data;
        expect(score.total).toBe(checks.length);
        expect(score.score).toBeLessThan(score.total);
      });

      it('prunes rows past their retention in the cleanup worker', async () => {
        const old = Date.now() - 40 * 86_400_000; // default traffic retention: 30 days
        await h.api.storage.traffic.insertMany([
          { time: old, requestId: 'ancient', ip: '192.0.2.99', method: 'GET', path: '/old', action: 'allow' },
        ]);
        expect(await h.api.storage.traffic.findByRequestId('ancient', old)).toBeDefined();
        await h.api.workers.cleanup.runNow();
        expect(await h.api.storage.traffic.findByRequestId('ancient', old)).toBeUndefined();
        expect(h.api.workers.cleanup.stats).toMatchObject({ failures: 0 });
      });

      it('scores requests on demand with the real model', async () => {
        const attack = await h.call('/api/check', {
          body: {
            method: 'GET',
            url: "/search?q=1'%20UNION%20SELECT%20password%20FROM%20users--",
            headers: { host: 'shop.test' },
          },
          key: h.keys.read,
        });
        expect(attack.status).toBe(200);
        expect(attack.json.data.attack).toBe(true);
        expect(attack.json.data.findings.some((f: { class?: string }) => f.class === 'sqli')).toBe(true);
        const batch = await h.call('/api/check/batch', {
          body: {
            records: [
              { method: 'GET', url: '/products?page=2', headers: {} },
              { method: 'GET', url: '/?x=<script>alert(1)</script>', headers: {} },
            ],
          },
        });
        expect(batch.json.data.decisions.map((d: { attack: boolean }) => d.attack)).toEqual([false, true]);
        const tooMany = await h.call('/api/check/batch', {
          body: { records: Array.from({ length: 101 }, () => ({ method: 'GET', url: '/', headers: {} })) },
        });
        expect(tooMany.status).toBe(400);
        expect((await h.call('/api/check', { body: { url: '/' } })).status).toBe(400);
      });

      it('serves health, Prometheus metrics and an OpenAPI document of every route', async () => {
        const health = await h.call('/health', { key: null });
        expect(health.status).toBe(200);
        expect(health.json.data).toMatchObject({
          status: 'ok',
          ready: true,
          storage: { ok: true, dialect: dialect === 'PostgreSQL' ? 'postgres' : 'sqlite' },
          model: { loaded: true, verified: true },
        });
        const metrics = await h.call('/metrics', { key: h.keys.read });
        expect(metrics.headers.get('content-type')).toMatch(/text\/plain/);
        expect(metrics.json).toMatch(/wafer_dashboard_ingest_events_total\{outcome="written"\} \d+/);
        expect((await h.call('/metrics', { key: null })).status).toBe(401);
        const doc = (await h.call('/api/openapi.json', { key: null })).json;
        expect(doc.openapi).toBe('3.1.0');
        for (const r of h.api.routes)
          expect(doc.paths[r.path.replace(/:([A-Za-z_]+)/g, '{$1}')]?.[r.method], r.path).toBeDefined();
        // Every endpoint the issue names is documented.
        for (const path of [
          '/api/metrics/realtime',
          '/api/metrics/historical',
          '/api/alerts/active',
          '/api/alerts/history',
          '/api/alerts/{id}/dismiss',
          '/api/alerts/{id}/acknowledge',
          '/api/activities/recent',
          '/api/activities',
          '/api/charts/requests',
          '/api/charts/threats',
          '/api/charts/performance',
          '/api/traffic/recent',
          '/api/traffic',
          '/api/traffic/endpoint/{endpoint}',
          '/api/threats/recent',
          '/api/threats',
          '/api/threats/type/{type}',
          '/api/threats/stats',
          '/api/security/checks',
          '/api/security/checks/{id}/run',
          '/api/security/compliance-score',
          '/api/analytics/overview',
          '/api/analytics/trends/{metric}',
          '/api/analytics/summary',
          '/api/check',
          '/api/check/batch',
          '/api/events',
          '/health',
        ])
          expect(doc.paths[path], path).toBeDefined();
        expect(
          doc.paths['/api/events'].post.requestBody.content['application/json'].schema.properties.events.items
            .required,
        ).toContain('requestId');
      });
    },
  );
}
