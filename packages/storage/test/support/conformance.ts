// The one storage conformance suite (Kysely's and Hono's model): every dialect must give the same answers.
// A dialect's test file calls it with a factory of fresh, empty storages.
import { afterEach, describe, expect, it } from 'vitest';
import {
  WaferStorageError,
  type Database,
  type IngestRecord,
  type InstanceReport,
  type Storage,
  type TrafficEvent,
} from '../../src/index.js';
import { percentileCont, RELATIVE_ACCURACY } from '../../src/util/latency-histogram.js';
import type { StorageFactory } from './factories.js';

const HOUR = 3_600_000;
/** 2026-03-01T00:00:00Z: an aligned base, so tests pick aligned or deliberately unaligned ranges. */
const BASE = Date.UTC(2026, 2, 1);

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` events spread over `[from, from + spanMs)`, deterministic for a seed. */
export function makeTraffic(count: number, from: number, spanMs: number, seed = 1): TrafficEvent[] {
  const random = mulberry32(seed);
  const actions = ['allow', 'allow', 'allow', 'allow', 'monitor', 'block'] as const;
  return Array.from({ length: count }, (_, i) => {
    const action = actions[Math.floor(random() * actions.length)]!;
    return {
      time: from + Math.floor(random() * spanMs),
      requestId: `req-${seed}-${i}`,
      appId: 'shop',
      instanceId: 'web-1',
      ip: `198.51.100.${Math.floor(random() ** 2 * 20)}`,
      method: random() < 0.8 ? 'GET' : 'POST',
      path: `/api/items/${Math.floor(random() ** 2 * 8)}`,
      query: random() < 0.5 ? `page=${i % 5}&token=secret-${i}` : null,
      status: action === 'block' ? 403 : 200,
      responseSize: Math.floor(random() * 5000),
      latencyMs: random() < 0.05 ? null : Math.round(Math.exp(random() * 6) * 1000) / 1000,
      userAgent: 'Mozilla/5.0',
      action,
      score: action === 'allow' ? 0.01 : 0.97,
      attackClasses: action === 'allow' ? [] : ['sqli'],
    };
  });
}

/**
 * Ingest records for `events` as the dashboard builds them: keyed by instance and request id, a threat for every
 * request that was not a plain allow, an activity for every block.
 */
export function ingestRecords(events: readonly TrafficEvent[], instanceId = 'web-1'): IngestRecord[] {
  return events.map((traffic) => ({
    key: `${instanceId}:${traffic.requestId}`,
    traffic,
    threats:
      traffic.action === 'allow'
        ? []
        : [
            {
              time: traffic.time,
              requestId: traffic.requestId,
              type: 'sqli',
              severity: 'high',
              ip: traffic.ip,
              endpoint: `${traffic.method} ${traffic.path}`,
              fieldPath: 'query.q',
              evidence: "1' or '1'='1",
              score: 0.97,
              blocked: traffic.action === 'block',
            },
          ],
    activity:
      traffic.action === 'block'
        ? { time: traffic.time, kind: 'blocked', title: `SQLi blocked from ${traffic.ip}`, ip: traffic.ip }
        : null,
  }));
}

function instance(overrides: Partial<InstanceReport> = {}): InstanceReport {
  return { id: 'web-1', app: 'shop', seenAt: BASE, events: 1, failures: 0, ...overrides };
}

async function rowCount(storage: Storage, table: keyof Database): Promise<number> {
  // Typed as one table: every table has rows to count, and the SQL is the same for each.
  const row = await storage.kysely
    .selectFrom(table as 'traffic')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function expectCode(promise: Promise<unknown>, code: string) {
  return expect(promise).rejects.toSatisfy(
    (error) => error instanceof WaferStorageError && error.code === code,
    `rejects with ${code}`,
  );
}

export function describeStorageConformance(name: string, factory: StorageFactory): void {
  describe(`storage conformance: ${name}`, () => {
    const open: Storage[] = [];
    const fresh = async (...args: Parameters<StorageFactory>) => {
      const storage = await factory(...args);
      open.push(storage);
      return storage;
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((s) => s.close()));
    });

    describe('migrations', () => {
      it('opens migrated, goes down to zero and up again', async () => {
        const storage = await fresh();
        expect((await storage.migrations()).every((m) => m.executedAt instanceof Date)).toBe(true);
        expect((await storage.migrate()).executed).toEqual([]);
        await storage.traffic.insertMany(makeTraffic(10, BASE, HOUR));

        await storage.ingest.write(ingestRecords(makeTraffic(5, BASE, HOUR)), { instances: [instance()] });

        expect((await storage.migrateDown({ to: 'zero' })).executed).toEqual(['0002_ingest', '0001_initial']);
        expect((await storage.migrations()).every((m) => m.executedAt === undefined)).toBe(true);
        await expect(storage.traffic.list({ from: BASE, to: BASE + HOUR })).rejects.toThrow();

        expect((await storage.migrate()).executed).toEqual(['0001_initial', '0002_ingest']);
        expect((await storage.traffic.list({ from: BASE, to: BASE + HOUR })).items).toEqual([]);
        expect(await storage.ingest.instances()).toEqual([]);

        // Down one step: only the ingest tables go; the rest of the schema and its rows stay.
        await storage.traffic.insertMany(makeTraffic(3, BASE, HOUR));
        expect((await storage.migrateDown()).executed).toEqual(['0002_ingest']);
        await expect(storage.ingest.instances()).rejects.toThrow();
        expect((await storage.traffic.list({ from: BASE, to: BASE + HOUR })).items).toHaveLength(3);
        expect((await storage.migrate()).executed).toEqual(['0002_ingest']);
        expect((await storage.ingest.write(ingestRecords(makeTraffic(5, BASE, HOUR)))).written).toBe(5);
      });

      it('refuses a database migrated by a newer version', async () => {
        const storage = await fresh();
        await storage.kysely
          .insertInto('wafer_migration' as never)
          .values({ name: '9999_future', timestamp: new Date().toISOString() } as never)
          .execute();
        await expectCode(storage.migrate(), 'WAFER_ERR_STORAGE_SCHEMA_TOO_NEW');
      });
    });

    describe('traffic', () => {
      it('writes a batch and reads it back newest first, with keyset pages', async () => {
        const storage = await fresh();
        const events = makeTraffic(230, BASE, HOUR, 2);
        // Equal times across a page boundary: the cursor must still neither skip nor repeat a row.
        for (let i = 0; i < 30; i++) events[i] = { ...events[i]!, time: BASE + 1_000 };
        expect(await storage.traffic.insertMany(events)).toBe(230);
        const seen: number[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page = await storage.traffic.list({ from: BASE, to: BASE + HOUR, limit: 17, cursor });
          seen.push(...page.items.map((r) => r.id));
          for (let i = 1; i < page.items.length; i++) {
            const [a, b] = [page.items[i - 1]!, page.items[i]!];
            expect(a.time > b.time || (a.time === b.time && a.id > b.id)).toBe(true);
          }
          cursor = page.nextCursor;
          pages++;
        } while (cursor);
        expect(pages).toBe(Math.ceil(230 / 17));
        expect(new Set(seen).size).toBe(230);
      });

      it('stores every field, redacted and normalized', async () => {
        const storage = await fresh();
        await storage.traffic.insertMany([
          {
            time: BASE + 5,
            requestId: 'r-1',
            appId: 'shop',
            instanceId: 'i-1',
            ip: '2001:db8::1',
            method: 'post',
            path: '/login',
            query: '?user=ann&password=hunter2&apiKey=k&keyword=shoes',
            status: 403,
            responseSize: 12,
            latencyMs: 3.25,
            userAgent: 'x'.repeat(600),
            action: 'block',
            score: 0.99,
            attackClasses: ['sqli', 'xss'],
          },
        ]);
        const [row] = (await storage.traffic.list({ from: BASE, to: BASE + 10 })).items;
        expect(row).toMatchObject({
          requestId: 'r-1',
          appId: 'shop',
          instanceId: 'i-1',
          ip: '2001:db8::1',
          method: 'POST',
          path: '/login',
          query: '?user=ann&password=[redacted]&apiKey=[redacted]&keyword=shoes',
          status: 403,
          responseSize: 12,
          latencyMs: 3.25,
          action: 'block',
          score: 0.99,
          attackClasses: ['sqli', 'xss'],
        });
        expect(row!.userAgent).toHaveLength(512);
        // Nothing unredacted anywhere in the table.
        const raw = await storage.kysely.selectFrom('traffic').select('query').execute();
        expect(JSON.stringify(raw)).not.toContain('hunter2');
      });

      it('filters by ip, action and path', async () => {
        const storage = await fresh();
        const events = makeTraffic(300, BASE, HOUR, 3);
        await storage.traffic.insertMany(events);
        const range = { from: BASE, to: BASE + HOUR, limit: 1000 };
        const ip = events[0]!.ip;
        expect((await storage.traffic.list({ ...range, ip })).items.length).toBe(
          events.filter((e) => e.ip === ip).length,
        );
        expect((await storage.traffic.list({ ...range, action: 'block' })).items.length).toBe(
          events.filter((e) => e.action === 'block').length,
        );
        expect((await storage.traffic.list({ ...range, path: '/api/items/0' })).items.length).toBe(
          events.filter((e) => e.path === '/api/items/0').length,
        );
      });

      it('pages one IP across hours and finds a request by id near its time', async () => {
        const storage = await fresh();
        const events = makeTraffic(1_500, BASE, 5 * HOUR, 11);
        await storage.traffic.insertMany(events);
        const ip = events[3]!.ip;
        const expected = events
          .filter((e) => e.ip === ip && e.time >= BASE + 1_234 && e.time < BASE + 4 * HOUR + 99)
          .sort((a, b) => b.time - a.time);
        const seen: TrafficEvent['time'][] = [];
        let cursor: string | null = null;
        do {
          const page = await storage.traffic.list({
            from: BASE + 1_234,
            to: BASE + 4 * HOUR + 99,
            ip,
            limit: 9,
            cursor,
          });
          expect(page.items.every((r) => r.ip === ip)).toBe(true);
          seen.push(...page.items.map((r) => r.time));
          cursor = page.nextCursor;
        } while (cursor);
        expect(seen).toEqual(expected.map((e) => e.time));

        const target = events[42]!;
        expect(await storage.traffic.findByRequestId(target.requestId, target.time)).toMatchObject({
          requestId: target.requestId,
          ip: target.ip,
        });
        expect(await storage.traffic.findByRequestId(target.requestId, target.time + 30_000)).toBeDefined();
        expect(
          await storage.traffic.findByRequestId(target.requestId, target.time + 10 * 60_000),
        ).toBeUndefined();
        expect(await storage.traffic.findByRequestId('nope', target.time)).toBeUndefined();
      });

      it('writes batches larger than one statement can carry, atomically', async () => {
        const storage = await fresh();
        expect(await storage.traffic.insertMany(makeTraffic(5_000, BASE, HOUR, 4))).toBe(5_000);
        const [chart] = await storage.traffic.requestsPerBucket({
          from: BASE,
          to: BASE + HOUR,
          bucketMs: HOUR,
        });
        expect(chart!.requests).toBe(5_000);
        // A bad event anywhere rejects the whole batch before anything is written.
        const bad = makeTraffic(100, BASE, HOUR, 5);
        bad[77] = { ...bad[77]!, time: Number.NaN };
        await expectCode(storage.traffic.insertMany(bad), 'WAFER_ERR_STORAGE_INVALID_ARGUMENT');
        const [after] = await storage.traffic.requestsPerBucket({
          from: BASE,
          to: BASE + HOUR,
          bucketMs: HOUR,
        });
        expect(after!.requests).toBe(5_000);
      });

      it('keeps rollups exact under concurrent batches', async () => {
        const storage = await fresh();
        const batches = Array.from({ length: 8 }, (_, i) => makeTraffic(250, BASE, 2 * HOUR, 100 + i));
        await Promise.all(batches.map((b) => storage.traffic.insertMany(b)));
        const chart = await storage.traffic.requestsPerBucket({
          from: BASE,
          to: BASE + 2 * HOUR,
          bucketMs: HOUR,
        });
        expect(chart.reduce((n, b) => n + b.requests, 0)).toBe(2_000);
        const top = await storage.traffic.topIps({ from: BASE, to: BASE + 2 * HOUR, limit: 1000 });
        expect(top.reduce((n, t) => n + t.requests, 0)).toBe(2_000);
      });

      describe('aggregations agree with a plain computation over the events', () => {
        const events = makeTraffic(3_000, BASE, 6 * HOUR, 7);
        // Unaligned on purpose: the edges come from raw rows, the middle from rollups.
        const range = { from: BASE + 7 * 60_000 + 123, to: BASE + 5 * HOUR + 31 * 60_000 };
        const inRange = events.filter((e) => e.time >= range.from && e.time < range.to);

        const expectedSeries = (bucketMs: number) => {
          const map = new Map<
            number,
            { requests: number; blocked: number; monitored: number; allowed: number }
          >();
          for (let t = Math.floor(range.from / bucketMs) * bucketMs; t < range.to; t += bucketMs)
            map.set(t, { requests: 0, blocked: 0, monitored: 0, allowed: 0 });
          for (const e of inRange) {
            const b = map.get(Math.floor(e.time / bucketMs) * bucketMs)!;
            b.requests++;
            if (e.action === 'block') b.blocked++;
            else if (e.action === 'monitor') b.monitored++;
            else b.allowed++;
          }
          return [...map.entries()].map(([start, v]) => ({ start, ...v }));
        };

        it('requests per bucket, from rollups and from raw rows', async () => {
          const storage = await fresh();
          await storage.traffic.insertMany(events);
          for (const bucketMs of [HOUR, 15 * 60_000, 90_000, 7_000])
            expect(await storage.traffic.requestsPerBucket({ ...range, bucketMs })).toEqual(
              expectedSeries(bucketMs),
            );
        });

        it('latency percentiles: exact matches percentile_cont, the histogram is within its bound', async () => {
          const storage = await fresh();
          await storage.traffic.insertMany(events);
          for (const bucketMs of [HOUR, 20 * 60_000, 100_000]) {
            const exact = await storage.traffic.latencyPercentiles({ ...range, bucketMs, method: 'exact' });
            const approx = await storage.traffic.latencyPercentiles({ ...range, bucketMs });
            expect(exact.map((b) => b.start)).toEqual(expectedSeries(bucketMs).map((b) => b.start));
            for (const [i, bucket] of exact.entries()) {
              const values = inRange
                .filter(
                  (e) =>
                    Math.floor(e.time / bucketMs) * bucketMs === bucket.start &&
                    e.latencyMs !== null &&
                    e.latencyMs !== undefined,
                )
                .map((e) => e.latencyMs!)
                .sort((a, b) => a - b);
              expect(bucket.count).toBe(values.length);
              expect(approx[i]!.count).toBe(values.length);
              for (const [p, key] of [
                [0.5, 'p50'],
                [0.95, 'p95'],
                [0.99, 'p99'],
              ] as const) {
                const want = percentileCont(values, p);
                if (want === null) {
                  expect(bucket[key]).toBeNull();
                  expect(approx[i]![key]).toBeNull();
                  continue;
                }
                expect(bucket[key]).toBeCloseTo(want, 9);
                expect(Math.abs(approx[i]![key]! - want)).toBeLessThanOrEqual(
                  want * RELATIVE_ACCURACY + 1e-9,
                );
              }
            }
          }
        });

        it('top IPs and endpoints', async () => {
          const storage = await fresh();
          await storage.traffic.insertMany(events);
          const count = <K extends string>(key: (e: TrafficEvent) => K) => {
            const map = new Map<K, { requests: number; blocked: number }>();
            for (const e of inRange) {
              const v = map.get(key(e)) ?? { requests: 0, blocked: 0 };
              v.requests++;
              if (e.action === 'block') v.blocked++;
              map.set(key(e), v);
            }
            return map;
          };
          const ips = [...count((e) => e.ip).entries()]
            .map(([ip, v]) => ({ ip, ...v }))
            .sort((a, b) => b.requests - a.requests || (a.ip < b.ip ? -1 : 1))
            .slice(0, 5);
          expect(await storage.traffic.topIps({ ...range, limit: 5 })).toEqual(ips);
          const endpoints = [...count((e) => `${e.method} ${e.path}`).entries()]
            .map(([k, v]) => ({ method: k.split(' ')[0]!, path: k.split(' ')[1]!, ...v }))
            .sort(
              (a, b) =>
                b.requests - a.requests ||
                (a.method < b.method ? -1 : a.method > b.method ? 1 : a.path < b.path ? -1 : 1),
            )
            .slice(0, 4);
          expect(await storage.traffic.topEndpoints({ ...range, limit: 4 })).toEqual(endpoints);
          // Aligned range: rollups only.
          const aligned = { from: BASE, to: BASE + 6 * HOUR };
          const all = await storage.traffic.topIps({ ...aligned, limit: 1000 });
          expect(all.reduce((n, t) => n + t.requests, 0)).toBe(3_000);
        });
      });

      it('rejects bad arguments with clear errors', async () => {
        const storage = await fresh();
        await expectCode(storage.traffic.list({ from: 10, to: 5 }), 'WAFER_ERR_STORAGE_INVALID_ARGUMENT');
        await expectCode(
          storage.traffic.list({ from: 0, to: 5, limit: 5_000 }),
          'WAFER_ERR_STORAGE_INVALID_ARGUMENT',
        );
        await expectCode(
          storage.traffic.requestsPerBucket({ from: 0, to: BASE, bucketMs: 1_000 }),
          'WAFER_ERR_STORAGE_INVALID_ARGUMENT',
        );
        await expectCode(
          storage.traffic.list({ from: 0, to: 5, cursor: 'nope' }),
          'WAFER_ERR_STORAGE_INVALID_CURSOR',
        );
        const page = await storage.alerts.list();
        expect(page.nextCursor).toBeNull();
      });
    });

    describe('threats', () => {
      it('stores, truncates and redacts evidence, and aggregates by class', async () => {
        const storage = await fresh({ redaction: { evidenceMaxLength: 32 } });
        const threats = Array.from({ length: 120 }, (_, i) => ({
          time: BASE + i * 60_000,
          requestId: `r-${i}`,
          type: ['sqli', 'xss', 'sqli', 'path_traversal'][i % 4]!,
          severity: 'high' as const,
          ip: `203.0.113.${i % 3}`,
          endpoint: 'GET /search',
          location: 'query',
          fieldPath: i === 5 ? 'body.user.password' : 'query.q',
          evidence: `' union select ${'x'.repeat(100)}`,
          score: 0.99,
          blocked: i % 2 === 0,
          modelVersion: 'wafer@1.0.0',
        }));
        expect(await storage.threats.insertMany(threats)).toBe(120);
        const page = await storage.threats.list({ from: BASE, to: BASE + 2 * HOUR, limit: 200 });
        expect(page.items).toHaveLength(120);
        const byId = new Map(page.items.map((t) => [t.requestId, t]));
        expect(byId.get('r-5')!.evidence).toBe('[redacted]');
        expect(byId.get('r-6')!.evidence).toHaveLength(32);
        expect(byId.get('r-6')).toMatchObject({ blocked: true, type: 'sqli', fieldPath: 'query.q' });
        expect(byId.get('r-7')).toMatchObject({ blocked: false, type: 'path_traversal' });

        const buckets = await storage.threats.byClassPerBucket({
          from: BASE,
          to: BASE + 2 * HOUR,
          bucketMs: HOUR,
        });
        expect(buckets).toEqual([
          { start: BASE, total: 60, byClass: { sqli: 30, xss: 15, path_traversal: 15 } },
          { start: BASE + HOUR, total: 60, byClass: { sqli: 30, xss: 15, path_traversal: 15 } },
        ]);
        expect(await storage.threats.topClasses({ from: BASE, to: BASE + 2 * HOUR })).toEqual([
          { type: 'sqli', count: 60, blocked: 60 },
          { type: 'path_traversal', count: 30, blocked: 0 },
          { type: 'xss', count: 30, blocked: 0 },
        ]);
        expect(await storage.threats.topSources({ from: BASE, to: BASE + 2 * HOUR, limit: 1 })).toEqual([
          { ip: '203.0.113.0', count: 40, blocked: 20 },
        ]);
        const sqli = await storage.threats.list({ from: BASE, to: BASE + 2 * HOUR, type: 'sqli', limit: 7 });
        expect(sqli.items.every((t) => t.type === 'sqli')).toBe(true);
        const next = await storage.threats.list({
          from: BASE,
          to: BASE + 2 * HOUR,
          type: 'sqli',
          limit: 7,
          cursor: sqli.nextCursor,
        });
        expect(next.items[0]!.time).toBeLessThan(sqli.items[6]!.time);
      });
    });

    describe('alerts', () => {
      it('groups a campaign into one alert and walks the status workflow', async () => {
        const storage = await fresh();
        const first = await storage.alerts.raise({
          type: 'warning',
          severity: 'low',
          title: 'SQLi from 203.0.113.7',
          source: 'detector',
          groupKey: 'sqli:203.0.113.7',
          time: BASE,
        });
        expect(first).toMatchObject({ count: 1, status: 'active', firstSeen: BASE, lastSeen: BASE });
        const second = await storage.alerts.raise({
          type: 'warning',
          severity: 'high',
          title: 'SQLi campaign from 203.0.113.7',
          groupKey: 'sqli:203.0.113.7',
          time: BASE + 5_000,
        });
        expect(second).toMatchObject({
          id: first.id,
          count: 2,
          severity: 'high',
          title: 'SQLi campaign from 203.0.113.7',
          source: 'detector',
          firstSeen: BASE,
          lastSeen: BASE + 5_000,
        });
        // A late, out-of-order occurrence does not move lastSeen back nor lower the severity.
        const third = await storage.alerts.raise({
          type: 'warning',
          severity: 'low',
          title: 'SQLi campaign from 203.0.113.7',
          groupKey: 'sqli:203.0.113.7',
          time: BASE + 1_000,
        });
        expect(third).toMatchObject({ count: 3, lastSeen: BASE + 5_000, severity: 'high' });

        const acknowledged = await storage.alerts.acknowledge(first.id, BASE + 10_000);
        expect(acknowledged).toMatchObject({ status: 'acknowledged', acknowledgedAt: BASE + 10_000 });
        expect(await storage.alerts.acknowledge(first.id, BASE + 20_000)).toMatchObject({
          acknowledgedAt: BASE + 10_000,
        });
        expect(
          await storage.alerts.raise({
            type: 'warning',
            severity: 'low',
            title: 't',
            groupKey: 'sqli:203.0.113.7',
          }),
        ).toMatchObject({ id: first.id, count: 4, status: 'acknowledged' });

        expect(await storage.alerts.dismiss(first.id, BASE + 30_000)).toMatchObject({
          status: 'dismissed',
          dismissedAt: BASE + 30_000,
        });
        const reopened = await storage.alerts.raise({
          type: 'critical',
          severity: 'high',
          title: 'again',
          groupKey: 'sqli:203.0.113.7',
        });
        expect(reopened.id).not.toBe(first.id);
        expect(reopened.count).toBe(1);
        expect(await storage.alerts.countByStatus()).toEqual({ active: 1, acknowledged: 0, dismissed: 1 });
        expect(await storage.alerts.get(9_999)).toBeUndefined();
        expect(await storage.alerts.acknowledge(9_999)).toBeUndefined();
        expect((await storage.alerts.list({ status: 'dismissed' })).items.map((a) => a.id)).toEqual([
          first.id,
        ]);
      });

      it('pages alerts by last seen', async () => {
        const storage = await fresh();
        for (let i = 0; i < 12; i++)
          await storage.alerts.raise({
            type: 'info',
            severity: 'low',
            title: `a${i}`,
            groupKey: `k${i}`,
            time: BASE + (i % 4),
          });
        const first = await storage.alerts.list({ limit: 5 });
        const second = await storage.alerts.list({ limit: 5, cursor: first.nextCursor });
        const third = await storage.alerts.list({ limit: 5, cursor: second.nextCursor });
        const ids = [...first.items, ...second.items, ...third.items].map((a) => a.id);
        expect(new Set(ids).size).toBe(12);
        expect(third.nextCursor).toBeNull();
        await expectCode(
          storage.alerts.list({ cursor: first.nextCursor!.replace(/./, 'x') }),
          'WAFER_ERR_STORAGE_INVALID_CURSOR',
        );
        const trafficCursor = (await storage.alerts.list({ limit: 1 })).nextCursor!;
        await expectCode(
          storage.traffic.list({ from: 0, to: BASE, cursor: trafficCursor }),
          'WAFER_ERR_STORAGE_INVALID_CURSOR',
        );
      });
    });

    describe('activities, metrics, security checks', () => {
      it('activities keep JSON details', async () => {
        const storage = await fresh();
        await storage.activities.insertMany([
          { time: BASE, kind: 'system', title: 'started', details: { version: '1.0.0', flags: [1, 2] } },
          {
            time: BASE + 1,
            kind: 'blocked',
            title: 'SQLi blocked',
            ip: '203.0.113.7',
            endpoint: 'GET /search',
          },
          { time: BASE + 2, kind: 'allowed', title: 'ok', details: 'plain string' },
        ]);
        const page = await storage.activities.list({ from: BASE, to: BASE + 10 });
        expect(page.items.map((a) => a.title)).toEqual(['ok', 'SQLi blocked', 'started']);
        expect(page.items[0]!.details).toBe('plain string');
        expect(page.items[2]!.details).toEqual({ version: '1.0.0', flags: [1, 2] });
        expect(
          (await storage.activities.list({ from: BASE, to: BASE + 10, kind: 'blocked' })).items,
        ).toHaveLength(1);
      });

      it('metrics list oldest first and give the latest', async () => {
        const storage = await fresh();
        expect(await storage.metrics.latest()).toBeUndefined();
        await storage.metrics.insertMany(
          Array.from({ length: 5 }, (_, i) => ({
            time: BASE + i * 60_000,
            intervalMs: 60_000,
            requests: 1000 + i,
            blocked: i,
            attackRate: i / 1000,
            responseTimeMs: 12.5,
            threatsPerMinute: i,
            uptimeS: 3600 + i * 60,
            activeConnections: 10,
            cpuPercent: 23.5,
            memoryBytes: 512 * 1024 * 1024,
          })),
        );
        const list = await storage.metrics.list({ from: BASE, to: BASE + HOUR });
        expect(list.map((m) => m.requests)).toEqual([1000, 1001, 1002, 1003, 1004]);
        expect(await storage.metrics.latest()).toMatchObject({
          requests: 1004,
          memoryBytes: 512 * 1024 * 1024,
          cpuPercent: 23.5,
        });
      });

      it('security checks keep one row per name', async () => {
        const storage = await fresh();
        await storage.securityChecks.upsert({
          name: 'tls',
          status: 'fail',
          message: 'no TLS',
          lastChecked: BASE,
        });
        await storage.securityChecks.upsert({
          name: 'model',
          status: 'pass',
          details: { sha256: 'ab' },
          lastChecked: BASE,
        });
        const tls = await storage.securityChecks.upsert({
          name: 'tls',
          status: 'pass',
          message: 'TLS 1.3',
          lastChecked: BASE + 1,
        });
        expect(tls).toEqual({
          name: 'tls',
          status: 'pass',
          message: 'TLS 1.3',
          details: null,
          lastChecked: BASE + 1,
        });
        expect((await storage.securityChecks.list()).map((c) => c.name)).toEqual(['model', 'tls']);
        expect((await storage.securityChecks.get('model'))!.details).toEqual({ sha256: 'ab' });
        expect(await storage.securityChecks.get('nope')).toBeUndefined();
      });
    });

    describe('api keys, ingest offsets, ip lists, exceptions', () => {
      it('api keys store only a hash and verify the secret', async () => {
        const storage = await fresh();
        const { key, secret } = await storage.apiKeys.create({ name: 'ci', scopes: ['read'] });
        expect(secret).toMatch(/^wafer_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
        expect(secret).toContain(key.prefix);
        const stored = await storage.kysely.selectFrom('apiKeys').selectAll().execute();
        // The random part may itself contain `_`: cut by length, not by splitting.
        expect(JSON.stringify(stored)).not.toContain(secret.slice(`wafer_${key.prefix}_`.length));
        expect(key).not.toHaveProperty('hash');
        expect(await storage.apiKeys.verify(secret)).toMatchObject({ id: key.id, scopes: ['read'] });
        expect((await storage.apiKeys.list())[0]!.lastUsedAt).not.toBeNull();
        expect(
          await storage.apiKeys.verify(`${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`),
        ).toBeUndefined();
        expect(await storage.apiKeys.verify('wafer_000000000000_' + 'a'.repeat(43))).toBeUndefined();
        expect(await storage.apiKeys.verify('garbage')).toBeUndefined();
        expect(await storage.apiKeys.revoke(key.id)).toBe(true);
        expect(await storage.apiKeys.revoke(key.id)).toBe(false);
        expect(await storage.apiKeys.verify(secret)).toBeUndefined();
        const expiring = await storage.apiKeys.create({ name: 'tmp', scopes: [], expiresAt: BASE });
        expect(await storage.apiKeys.verify(expiring.secret, BASE - 1)).toBeDefined();
        expect(await storage.apiKeys.verify(expiring.secret, BASE)).toBeUndefined();
      });

      it('ingest offsets', async () => {
        const storage = await fresh();
        const path = '/var/log/nginx/access.log';
        expect(await storage.ingestOffsets.get(path)).toBeUndefined();
        await storage.ingestOffsets.set({ path, inode: 12345678901234567890n, offset: 100 });
        const updated = await storage.ingestOffsets.set({
          path,
          inode: 12345678901234567890n,
          offset: 5_000_000_000,
        });
        expect(updated).toMatchObject({ path, inode: '12345678901234567890', offset: 5_000_000_000 });
        expect(await storage.ingestOffsets.get(path)).toMatchObject({ offset: 5_000_000_000 });
        expect(await storage.ingestOffsets.list()).toHaveLength(1);
        expect(await storage.ingestOffsets.delete(path)).toBe(true);
        expect(await storage.ingestOffsets.delete(path)).toBe(false);
      });

      it('ip lists normalize, upsert and expire entries', async () => {
        const storage = await fresh();
        const a = await storage.ipLists.add({ list: 'deny', cidr: '203.0.113.7', note: 'scanner' });
        expect(a.cidr).toBe('203.0.113.7/32');
        const again = await storage.ipLists.add({
          list: 'deny',
          cidr: '203.0.113.7/32',
          note: 'scanner (2)',
          expiresAt: BASE,
        });
        expect(again.id).toBe(a.id);
        await storage.ipLists.add({ list: 'allow', cidr: '2001:DB8::/32' });
        expect((await storage.ipLists.list()).map((e) => e.cidr)).toEqual([
          '203.0.113.7/32',
          '2001:db8::/32',
        ]);
        expect(await storage.ipLists.list({ list: 'deny', activeAt: BASE + 1 })).toEqual([]);
        expect((await storage.ipLists.list({ list: 'deny', activeAt: BASE - 1 }))[0]!.note).toBe(
          'scanner (2)',
        );
        await expectCode(
          storage.ipLists.add({ list: 'deny', cidr: '300.1.1.1' }),
          'WAFER_ERR_STORAGE_INVALID_ARGUMENT',
        );
        expect(await storage.ipLists.remove(a.id)).toBe(true);
      });

      it('rule exceptions', async () => {
        const storage = await fresh();
        const e = await storage.exceptions.add({
          pathPattern: '/api/posts/*',
          attackClass: 'xss',
          fieldPath: 'body.content',
          note: 'editor',
        });
        await storage.exceptions.add({ pathPattern: '/old', expiresAt: BASE });
        expect((await storage.exceptions.list()).length).toBe(2);
        expect((await storage.exceptions.list({ activeAt: BASE + 1 })).map((x) => x.id)).toEqual([e.id]);
        expect(await storage.exceptions.remove(e.id)).toBe(true);
      });
    });

    describe('ingest', () => {
      const DAY = 24 * HOUR;

      it('stores text with U+0000 the same way on both dialects (PostgreSQL text and jsonb refuse it)', async () => {
        const storage = await fresh();
        const nul = '\u0000';
        await storage.ingest.write([
          {
            key: 'k1',
            traffic: {
              time: BASE,
              requestId: `r${nul}`,
              ip: '192.0.2.1',
              method: 'GET',
              path: `/a${nul}b`,
              action: 'block',
              attackClasses: [`x${nul}`],
            },
            threats: [
              {
                time: BASE,
                type: 'path_traversal',
                severity: 'high',
                ip: '192.0.2.1',
                blocked: true,
                evidence: `../../etc/passwd${nul}.png`,
              },
            ],
            activity: { time: BASE, kind: 'blocked', title: `t${nul}`, details: { path: `/a${nul}b` } },
          },
        ]);
        const traffic = (await storage.traffic.list({ from: BASE, to: BASE + 1 })).items[0]!;
        expect(traffic.path).toBe('/a\uFFFDb');
        expect(traffic.attackClasses).toEqual(['x\uFFFD']);
        expect((await storage.threats.list({ from: BASE, to: BASE + 1 })).items[0]!.evidence).toBe(
          '../../etc/passwd\uFFFD.png',
        );
        const activity = (await storage.activities.list({ from: BASE, to: BASE + 1 })).items[0]!;
        expect(activity.title).toBe('t\uFFFD');
        expect(activity.details).toEqual({ path: '/a\uFFFDb' });
        await expect(
          storage.ingest.write([
            { key: `k${nul}`, traffic: { ...traffic, requestId: 'r2', attackClasses: [] } },
          ]),
        ).rejects.toThrow(/must not contain U\+0000/);
      });

      it('dedupes by key across calls and within a call; null keys are never deduped', async () => {
        const storage = await fresh();
        const records = ingestRecords(makeTraffic(100, BASE, HOUR, 21));
        const first = await storage.ingest.write(records.slice(0, 60));
        expect(first).toMatchObject({ written: 60, duplicates: 0 });
        // The very objects passed in, so a caller can map results back to its own submissions.
        expect(first.accepted.every((r, i) => r === records[i])).toBe(true);

        // A retry overlapping the first call, plus a second copy of one of its new records.
        const copy = { ...records[70]!, traffic: { ...records[70]!.traffic, requestId: 'copy' } };
        const second = await storage.ingest.write([...records.slice(40), copy]);
        expect(second).toMatchObject({ written: 40, duplicates: 21 });
        expect(second.accepted).toHaveLength(40);
        expect(second.accepted.every((r, i) => r === records[60 + i])).toBe(true);
        expect(await storage.traffic.findByRequestId('copy', copy.traffic.time)).toBeUndefined();

        // First occurrence wins within a call, whatever their order in time.
        const a = { key: 'same', traffic: { ...records[0]!.traffic, requestId: 'a', time: BASE + 10 } };
        const b = { key: 'same', traffic: { ...records[0]!.traffic, requestId: 'b', time: BASE + 5 } };
        expect((await storage.ingest.write([a, b])).accepted).toEqual([a]);
        expect(await storage.traffic.findByRequestId('b', BASE + 5)).toBeUndefined();

        const line: IngestRecord = { key: null, traffic: records[0]!.traffic };
        expect(await storage.ingest.write([line, line])).toMatchObject({ written: 2, duplicates: 0 });
        expect(await rowCount(storage, 'traffic')).toBe(103);
        expect(await rowCount(storage, 'ingestKeys')).toBe(101);
        const [hour] = await storage.traffic.requestsPerBucket({
          from: BASE,
          to: BASE + HOUR,
          bucketMs: HOUR,
        });
        expect(hour!.requests).toBe(103);
      });

      it('accepts each key once under concurrent writes', async () => {
        const storage = await fresh();
        const records = ingestRecords(makeTraffic(400, BASE, HOUR, 22));
        const results = await Promise.all([
          storage.ingest.write(records.slice(0, 250)),
          storage.ingest.write(records.slice(100, 350)),
          storage.ingest.write([...records].reverse()),
          storage.ingest.write(records.slice(150)),
        ]);
        expect(results.reduce((n, r) => n + r.written, 0)).toBe(400);
        expect(results.reduce((n, r) => n + r.duplicates, 0)).toBe(250 + 250 + 400 + 250 - 400);
        const [hour] = await storage.traffic.requestsPerBucket({
          from: BASE,
          to: BASE + HOUR,
          bucketMs: HOUR,
        });
        expect(hour!.requests).toBe(400);
        expect(await rowCount(storage, 'traffic')).toBe(400);
      });

      it('writes nothing when one record or option is invalid, or the transaction fails', async () => {
        const storage = await fresh();
        const records = ingestRecords(makeTraffic(3_000, BASE, HOUR, 23));
        const withThreat = records.findIndex((r, i) => i > 1_000 && r.threats!.length > 0);
        const offset = { path: '/var/log/app.log', offset: 10 };
        const invalid: Array<[IngestRecord[], Parameters<Storage['ingest']['write']>[1], RegExp]> = [
          [
            records.map((r, i) =>
              i === withThreat ? { ...r, threats: [{ ...r.threats![0]!, severity: 'urgent' as never }] } : r,
            ),
            {},
            new RegExp(`record ${withThreat}\\.threats\\[0\\]: \`severity\``),
          ],
          [
            records.map((r, i) => (i === 2_999 ? { ...r, key: 'k'.repeat(257) } : r)),
            {},
            /record 2999: `key`/,
          ],
          [
            records.map((r, i) => (i === 7 ? { ...r, traffic: { ...r.traffic, time: -1 } } : r)),
            {},
            /record 7\.traffic: `time`/,
          ],
          [
            records.map((r, i) =>
              i === 8 ? { ...r, activity: { time: BASE, kind: 'nope' as never, title: 't' } } : r,
            ),
            {},
            /record 8\.activity: `kind`/,
          ],
          [records, { instances: [instance(), instance({ events: -1 })] }, /instances\[1\]: `events`/],
          [records, { offset: { ...offset, offset: 1.5 } }, /offset: `offset`/],
        ];
        for (const [batch, options, message] of invalid) {
          const error = await storage.ingest.write(batch, { offset, ...options }).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(WaferStorageError);
          expect(error).toMatchObject({ code: 'WAFER_ERR_STORAGE_INVALID_ARGUMENT' });
          expect((error as Error).message).toMatch(message);
        }

        // A failure inside the transaction (here: a missing table, after keys, traffic and rollups were
        // written) rolls all of it back.
        await storage.kysely.schema.dropTable('instances').execute();
        await expect(storage.ingest.write(records, { instances: [instance()], offset })).rejects.toThrow();

        for (const table of [
          'ingestKeys',
          'traffic',
          'trafficRollups',
          'latencyRollups',
          'ipRollups',
          'endpointRollups',
          'threats',
          'activities',
          'ingestOffsets',
        ] as const)
          expect(await rowCount(storage, table), table).toBe(0);
        // No key was burnt: the same batch goes through in full.
        expect((await storage.ingest.write(records, { offset })).written).toBe(3_000);
      });

      it('feeds the charts, top lists and percentiles like traffic.insertMany', async () => {
        const storage = await fresh();
        const events = makeTraffic(2_000, BASE, 3 * HOUR, 24);
        const records = ingestRecords(events);
        await storage.ingest.write(records.slice(0, 1_500));
        await storage.ingest.write(records.slice(1_000));
        const reference = await fresh();
        await reference.traffic.insertMany(events);
        const range = { from: BASE + 61_000, to: BASE + 3 * HOUR - 7_000 };
        for (const bucketMs of [HOUR, 15 * 60_000, 60_000]) {
          expect(await storage.traffic.requestsPerBucket({ ...range, bucketMs })).toEqual(
            await reference.traffic.requestsPerBucket({ ...range, bucketMs }),
          );
          expect(await storage.traffic.latencyPercentiles({ ...range, bucketMs })).toEqual(
            await reference.traffic.latencyPercentiles({ ...range, bucketMs }),
          );
        }
        expect(await storage.traffic.topIps({ ...range, limit: 5 })).toEqual(
          await reference.traffic.topIps({ ...range, limit: 5 }),
        );
        expect(await storage.traffic.topEndpoints({ ...range, limit: 5 })).toEqual(
          await reference.traffic.topEndpoints({ ...range, limit: 5 }),
        );
        const all = { from: BASE, to: BASE + 3 * HOUR, bucketMs: 3 * HOUR };
        expect((await storage.traffic.requestsPerBucket(all))[0]).toMatchObject({
          requests: 2_000,
          blocked: events.filter((e) => e.action === 'block').length,
        });
      });

      it('stores threats and activities of accepted records, redacted like their own repositories', async () => {
        const storage = await fresh({ redaction: { evidenceMaxLength: 32 } });
        const time = BASE + 1_000;
        const record: IngestRecord = {
          key: 'web-1:r-1',
          traffic: {
            time,
            requestId: 'r-1',
            ip: '203.0.113.7',
            method: 'post',
            path: '/login',
            query: 'user=ann&password=hunter2',
            action: 'block',
            attackClasses: ['sqli'],
          },
          threats: [
            { time, requestId: 'r-1', type: 'sqli', severity: 'high', ip: '203.0.113.7', blocked: true },
            {
              time,
              requestId: 'r-1',
              type: 'sqli',
              severity: 'high',
              ip: '203.0.113.7',
              blocked: true,
              fieldPath: 'body.password',
              evidence: "hunter2' or 1=1",
            },
            {
              time,
              requestId: 'r-1',
              type: 'xss',
              severity: 'medium',
              ip: '203.0.113.7',
              blocked: true,
              fieldPath: 'query.q',
              evidence: `<script>${'x'.repeat(100)}`,
            },
          ],
          activity: {
            time,
            kind: 'blocked',
            title: 'SQLi blocked from 203.0.113.7',
            details: { requestId: 'r-1', instance: 'web-1' },
            ip: '203.0.113.7',
            endpoint: '/login',
          },
        };
        const result = await storage.ingest.write([record, { ...record }]);
        expect(result).toMatchObject({ written: 1, duplicates: 1, threats: 3, activities: 1 });
        const [traffic] = (await storage.traffic.list({ from: BASE, to: BASE + HOUR })).items;
        expect(traffic).toMatchObject({ method: 'POST', query: 'user=ann&password=[redacted]' });
        const threats = (await storage.threats.list({ from: BASE, to: BASE + HOUR })).items;
        const evidence = threats.map((t) => t.evidence);
        expect(evidence).toContain('[redacted]');
        expect(evidence).toContain(null);
        expect(evidence.find((e) => e?.startsWith('<script>'))).toHaveLength(32);
        const [activity] = (await storage.activities.list({ from: BASE, to: BASE + HOUR })).items;
        expect(activity).toMatchObject({
          kind: 'blocked',
          details: { requestId: 'r-1', instance: 'web-1' },
          endpoint: '/login',
        });
        const raw = await storage.kysely.selectFrom('threats').selectAll().execute();
        expect(JSON.stringify(raw)).not.toContain('hunter2');
      });

      it('merges instance reports: counts add up, lastSeen moves forward, null keeps the stored value', async () => {
        const storage = await fresh();
        await storage.ingest.write([], {
          instances: [
            instance({
              sdk: '@wafer/express',
              mode: 'block',
              modelVersion: 'wafer@1.0.0',
              seenAt: BASE + 1_000,
              events: 10,
              failures: 1,
            }),
            { id: 'log:/var/log/nginx/access.log', seenAt: BASE, events: 1, failures: 0 },
          ],
        });
        const result = await storage.ingest.write(ingestRecords(makeTraffic(5, BASE, HOUR, 25)), {
          instances: [
            instance({ app: null, mode: 'monitor', seenAt: BASE + 500, events: 5 }),
            instance({ app: undefined, modelVersion: 'wafer@1.1.0', seenAt: BASE + 3_000, failures: 2 }),
          ],
        });
        expect(result.written).toBe(5);
        // Concurrent reports of one instance must not lose counts (an atomic additive upsert).
        await Promise.all(
          Array.from({ length: 4 }, (_, i) =>
            storage.ingest.write([], { instances: [instance({ seenAt: BASE + 2_000 + i, events: 1 })] }),
          ),
        );
        expect(await storage.ingest.instances()).toEqual([
          {
            id: 'web-1',
            app: 'shop',
            sdk: '@wafer/express',
            mode: 'monitor',
            modelVersion: 'wafer@1.1.0',
            firstSeen: BASE + 500,
            lastSeen: BASE + 3_000,
            events: 10 + 5 + 1 + 4,
            failures: 1 + 0 + 2,
          },
          {
            id: 'log:/var/log/nginx/access.log',
            app: null,
            sdk: null,
            mode: null,
            modelVersion: null,
            firstSeen: BASE,
            lastSeen: BASE,
            events: 1,
            failures: 0,
          },
        ]);
      });

      it('saves the log offset in the same transaction', async () => {
        const storage = await fresh();
        const path = '/var/log/nginx/access.log';
        const lines = makeTraffic(10, BASE, HOUR, 26).map((traffic) => ({ key: null, traffic }));
        const written = await storage.ingest.write(lines, {
          offset: { path, inode: 12345678901234567890n, offset: 1_000 },
        });
        expect(written.written).toBe(10);
        expect(await storage.ingestOffsets.get(path)).toMatchObject({
          inode: '12345678901234567890',
          offset: 1_000,
        });
        // Lines that yield no record still move the offset.
        await storage.ingest.write([], { offset: { path, inode: 42, offset: 2_000 } });
        expect(await storage.ingestOffsets.get(path)).toMatchObject({ inode: '42', offset: 2_000 });
        await expectCode(
          storage.ingest.write(lines, { offset: { path, offset: -1 } }),
          'WAFER_ERR_STORAGE_INVALID_ARGUMENT',
        );
        expect(await storage.ingestOffsets.get(path)).toMatchObject({ offset: 2_000 });
        expect(await rowCount(storage, 'traffic')).toBe(10);
      });

      it('retention forgets keys after the traffic retention, counted from when they were written', async () => {
        const storage = await fresh({ retention: { batchSize: 7 } });
        const records = ingestRecords(makeTraffic(20, BASE, HOUR, 27));
        await storage.ingest.write(records);
        const now = Date.now();
        expect((await storage.retention.prune({ now: now + 29 * DAY })).ingestKeys).toBe(0);
        expect((await storage.retention.prune({ now: now + 8 * DAY, days: { traffic: 7 } })).ingestKeys).toBe(
          20,
        );
        expect(await rowCount(storage, 'ingestKeys')).toBe(0);
        // A forgotten key is accepted again.
        expect((await storage.ingest.write(records.slice(0, 3))).written).toBe(3);
      });

      it('rejects arguments of the wrong shape', async () => {
        const storage = await fresh();
        await expectCode(storage.ingest.write({} as never), 'WAFER_ERR_STORAGE_INVALID_ARGUMENT');
        await expectCode(storage.ingest.write([], null as never), 'WAFER_ERR_STORAGE_INVALID_ARGUMENT');
        await expectCode(storage.ingest.write([null as never]), 'WAFER_ERR_STORAGE_INVALID_ARGUMENT');
        await expectCode(
          storage.ingest.write([{ key: '', traffic: makeTraffic(1, BASE, HOUR)[0]! }]),
          'WAFER_ERR_STORAGE_INVALID_ARGUMENT',
        );
        await expectCode(
          storage.ingest.write([], { instances: {} as never }),
          'WAFER_ERR_STORAGE_INVALID_ARGUMENT',
        );
        expect(await storage.ingest.write([])).toEqual({
          written: 0,
          duplicates: 0,
          threats: 0,
          activities: 0,
          accepted: [],
        });
      });
    });

    describe('retention', () => {
      it('deletes old rows in batches and keeps recent ones and open alerts', async () => {
        const storage = await fresh({ retention: { batchSize: 7 } });
        const now = BASE + 40 * 24 * HOUR;
        await storage.traffic.insertMany([
          ...makeTraffic(50, BASE, HOUR, 9),
          ...makeTraffic(20, now - HOUR, HOUR, 10),
        ]);
        await storage.activities.insertMany([{ time: BASE, kind: 'system', title: 'old' }]);
        await storage.alerts.raise({
          type: 'info',
          severity: 'low',
          title: 'old open',
          groupKey: 'a',
          time: BASE,
        });
        const old = await storage.alerts.raise({
          type: 'info',
          severity: 'low',
          title: 'old dismissed',
          groupKey: 'b',
          time: BASE,
        });
        await storage.alerts.dismiss(old.id);
        const result = await storage.retention.prune({ now, days: { alerts: 30 } });
        expect(result).toMatchObject({
          traffic: 50,
          activities: 1,
          alerts: 1,
          threats: 0,
          metrics: 0,
          rollups: 0,
          ingestKeys: 0,
        });
        expect((await storage.traffic.list({ from: 0, to: now, limit: 1000 })).items).toHaveLength(20);
        expect(await storage.alerts.countByStatus()).toEqual({ active: 1, acknowledged: 0, dismissed: 0 });
        // Rollups outlive raw rows: the old hour still charts.
        const [oldHour] = await storage.traffic.requestsPerBucket({
          from: BASE,
          to: BASE + HOUR,
          bucketMs: HOUR,
        });
        expect(oldHour!.requests).toBe(50);
        const later = await storage.retention.prune({ now: BASE + 500 * 24 * HOUR });
        expect(later.rollups).toBeGreaterThan(0);
        expect(await storage.kysely.selectFrom('ipRollups').selectAll().execute()).toEqual([]);
      });
    });

    it('throws WAFER_ERR_STORAGE_CLOSED after close, and close is idempotent', async () => {
      const storage = await factory();
      await storage.close();
      await storage.close();
      await expectCode(storage.traffic.list({ from: 0, to: 1 }), 'WAFER_ERR_STORAGE_CLOSED');
      await expectCode(storage.alerts.countByStatus(), 'WAFER_ERR_STORAGE_CLOSED');
      expect(() => storage.kysely).toThrow(WaferStorageError);
    });
  });
}
