import { randomUUID } from 'node:crypto';
import type { WafEvent } from '../report/event.js';
import { createRedactor } from '../report/redact.js';
import type { Reporter } from '../report/reporter.js';
import { backoffDelay, retryAfterMs } from './backoff.js';
import { resolveDashboardOptions, type DashboardReporterOptions } from './dashboard-options.js';
import { INGEST_FORMAT_VERSION, type IngestBatch } from './ingest-batch.js';

/** Counters of a dashboard reporter, in `middleware.stats().reporters.dashboard`. */
export type DashboardReporterStats = {
  /** Events the dashboard acknowledged (2xx). */
  readonly sent: number;
  /** Events given up on: queue overflow, retries exhausted, refused by the dashboard (4xx), left at close. */
  readonly dropped: number;
  /** HTTP attempts that failed (network error, timeout, non-2xx); a batch retried 3 times counts 3. */
  readonly failed: number;
  /** Retries scheduled. */
  readonly retries: number;
  /** Batches acknowledged. */
  readonly batches: number;
  /** Events waiting. */
  readonly queued: number;
  /** Events in the batch being sent. */
  readonly inFlight: number;
  /** Status of the last response (0 before any, or after a network error). */
  readonly lastStatus: number;
};

/** A {@link Reporter} with typed counters. */
export interface DashboardReporter extends Reporter {
  stats(): DashboardReporterStats;
  close(timeoutMs: number): Promise<void>;
}

type Outcome =
  | { readonly kind: 'ok' }
  | { readonly kind: 'retry'; readonly afterMs: number | undefined }
  | { readonly kind: 'split' }
  | { readonly kind: 'reject' };

const SDK = '@wafer/express';

/**
 * Sends decisions to `@wafer/dashboard-api` in batches, off the request path: `POST {url}/api/events`
 * with `Authorization: Bearer <apiKey>` and an {@link IngestBatch} JSON body (the wire format is in the
 * README). One batch is in flight at a time; failures (network, timeout, 408, 429, 5xx) are retried with
 * exponential backoff and jitter (honouring `Retry-After`), a 413 splits the batch, other 4xx drop it. Events
 * wait in a bounded queue (oldest dropped first) and every loss is counted. Timers are `unref`'d: the
 * reporter never keeps the process alive; `close(timeoutMs)` (called by `middleware.close()`) delivers what it
 * can in time.
 *
 * @example
 * ```ts
 * app.use(waf({ reporters: [dashboardReporter({ url: 'https://wafer.example.com', apiKey: process.env.WAFER_API_KEY! })] }));
 * ```
 */
export function dashboardReporter(options: DashboardReporterOptions): DashboardReporter {
  const o = resolveDashboardOptions(options);
  const redactor = createRedactor();
  const headers = {
    authorization: `Bearer ${o.apiKey}`,
    'content-type': 'application/json',
    'user-agent': SDK,
  };
  const queue: WafEvent[] = [];
  const counters = { sent: 0, dropped: 0, failed: 0, retries: 0, batches: 0 };
  let inFlight = 0;
  let lastStatus = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let loop: Promise<void> | undefined;
  let closing: Promise<void> | undefined;
  let deadline = Infinity;
  let wake: (() => void) | undefined;
  let inflight: AbortController | undefined;

  // Events come redacted from the middleware; this second pass covers events built by hand.
  const sanitize = (event: WafEvent): WafEvent => {
    if (event.headers === null || event.headers === undefined) return event;
    const clean: Record<string, string> = {};
    for (const [name, value] of Object.entries(event.headers)) clean[name] = redactor.header(name, value);
    return { ...event, headers: clean };
  };

  function schedule(): void {
    if (loop !== undefined || queue.length === 0 || Date.now() >= deadline) return;
    if (queue.length >= o.batchSize || closing !== undefined) return start();
    timer ??= setTimeout(start, o.flushIntervalMs).unref();
  }

  function start(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (loop !== undefined) return;
    loop = run().finally(() => {
      loop = undefined;
      schedule();
    });
  }

  async function run(): Promise<void> {
    while (queue.length > 0 && Date.now() < deadline) {
      const batch = queue.splice(0, o.batchSize);
      inFlight = batch.length;
      await deliver(batch);
      inFlight = 0;
      // A partial batch waits for the flush interval, unless closing.
      if (closing === undefined && queue.length < o.batchSize) return;
    }
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      t.unref();
      function done() {
        clearTimeout(t);
        wake = undefined;
        resolve();
      }
      wake = done;
    });
  }

  async function attempt(events: readonly WafEvent[], batchId: string): Promise<Outcome> {
    const controller = new AbortController();
    inflight = controller;
    const limit = Math.max(1, Math.min(o.timeoutMs, deadline - Date.now()));
    const t = setTimeout(() => controller.abort(), limit);
    const body: IngestBatch = {
      version: INGEST_FORMAT_VERSION,
      batchId,
      sentAt: Date.now(),
      instance: { id: o.instanceId, app: o.app, sdk: SDK },
      events,
    };
    try {
      const response = await fetch(o.endpoint, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal: controller.signal,
      });
      lastStatus = response.status;
      // The status is the answer; drop the body without waiting for it (a slow receiver cannot hold us).
      await response.body?.cancel().catch(() => undefined);
      if (response.ok) return { kind: 'ok' };
      if (response.status === 413) return { kind: 'split' };
      if (response.status === 408 || response.status === 429 || response.status >= 500)
        return { kind: 'retry', afterMs: retryAfterMs(response.headers.get('retry-after'), Date.now()) };
      return { kind: 'reject' };
    } catch {
      lastStatus = 0;
      return { kind: 'retry', afterMs: undefined };
    } finally {
      clearTimeout(t);
      inflight = undefined;
    }
  }

  async function deliver(events: readonly WafEvent[]): Promise<void> {
    const batchId = randomUUID();
    for (let tries = 0; ; tries++) {
      const outcome = await attempt(events, batchId);
      if (outcome.kind === 'ok') {
        counters.sent += events.length;
        counters.batches++;
        return;
      }
      counters.failed++;
      if (outcome.kind === 'split' && events.length > 1) {
        const half = Math.ceil(events.length / 2);
        await deliver(events.slice(0, half));
        await deliver(events.slice(half));
        return;
      }
      if (outcome.kind !== 'retry' || tries >= o.maxRetries || Date.now() >= deadline) {
        counters.dropped += events.length;
        return;
      }
      counters.retries++;
      const backoff = backoffDelay(tries, o.backoff.initialMs, o.backoff.maxMs);
      const wait = Math.min(o.backoff.maxMs, outcome.afterMs ?? backoff);
      await sleep(Math.max(0, Math.min(wait, deadline - Date.now())));
    }
  }

  return {
    name: 'dashboard',
    report(events) {
      if (closing !== undefined) {
        counters.dropped += events.length;
        return;
      }
      for (const event of events) {
        if (
          o.events === 'threats' &&
          event.action === 'allow' &&
          event.reason === null &&
          event.failure === null
        )
          continue;
        queue.push(sanitize(event));
      }
      const over = queue.length - o.maxQueue;
      if (over > 0) {
        // The newest events describe what is happening now: keep them.
        queue.splice(0, over);
        counters.dropped += over;
      }
      schedule();
    },
    stats: () => ({ ...counters, queued: queue.length, inFlight, lastStatus }),
    close(timeoutMs) {
      closing ??= (async () => {
        deadline = Date.now() + timeoutMs;
        // A retry waiting out its backoff gets one more try now, within the deadline; an attempt still in
        // flight at the deadline is aborted.
        wake?.();
        const cut = setTimeout(() => inflight?.abort(), Math.max(0, timeoutMs));
        start();
        while (loop !== undefined) await loop;
        clearTimeout(cut);
        counters.dropped += queue.length;
        queue.length = 0;
      })();
      return closing;
    },
  };
}
