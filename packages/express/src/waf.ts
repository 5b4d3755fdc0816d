import type { ServerResponse } from 'node:http';
import { WaferError, type Waf } from '@wafer/core';
import { loadEngine } from './engine-loader.js';
import { createRequestHandler, type Runtime } from './handle-request.js';
import type { WafExpressRequest, WafMiddlewareOptions } from './options/options.js';
import { looksLikeRequest, resolveOptions } from './options/resolve-options.js';
import { EventQueue } from './report/event-queue.js';
import { createCounters, type WafMiddlewareStats } from './stats.js';
import { memoryStore } from './store/memory-store.js';

/** The function `waf()` returns: an Express middleware with a few handles for the app. */
export interface WafMiddleware {
  (req: WafExpressRequest, res: ServerResponse, next: (error?: unknown) => void): void;
  /**
   * Resolves once the model is loaded and verified; rejects with the `WaferError` that prevented it. Await it
   * before `listen()` to fail fast at startup (until it settles, requests wait for the model; if it fails,
   * they follow `onError`).
   */
  readonly ready: Promise<void>;
  /** Counters since creation, including the reporters' (sent, dropped, failed) and the engine's. */
  stats(): WafMiddlewareStats;
  /**
   * Stops inspecting (later requests pass through untouched), hands queued decisions to the reporters,
   * lets them deliver within `timeoutMs` (default 5,000), and closes what the middleware created: the engine
   * (not one you passed in) and the default memory store.
   */
  close(options?: { timeoutMs?: number }): Promise<void>;
  /** The engine, once loaded. */
  readonly engine: Waf | undefined;
}

/**
 * Creates the Wafer middleware: `app.use(waf())`. Every request is translated for `@wafer/core`'s engine
 * (headers, target, client address, body — read up to the inspection limit and handed back to later
 * parsers intact), decided, acted on and reported off the request path.
 *
 * Zero configuration works: the shipped model, monitor mode (decide and report, never block — inspection
 * runs in the background, adding no latency). Options are validated once, here; a misspelled key fails with
 * the closest name. Nothing the middleware does at request time throws into the app.
 *
 * @throws {WaferError} `WAFER_ERR_INVALID_OPTION` for bad options; `WAFER_ERR_INVALID_ARGUMENT` for
 *   `app.use(waf)` without the call.
 * @example
 * ```ts
 * import express from 'express';
 * import { waf } from '@wafer/express';
 *
 * const app = express();
 * const firewall = waf({ mode: 'block' });
 * app.use(firewall);
 * app.use(express.json());
 * await firewall.ready; // the model is loaded and verified
 * app.listen(3000);
 * ```
 */
export function waf(options?: WafMiddlewareOptions, ...extra: unknown[]): WafMiddleware {
  if (looksLikeRequest(options))
    throw new WaferError(
      'WAFER_ERR_INVALID_ARGUMENT',
      'waf() was called as a middleware: write `app.use(waf())`, not `app.use(waf)`.',
    );
  if (extra.length > 0)
    throw new WaferError(
      'WAFER_ERR_INVALID_OPTION',
      `waf(): takes one options object, got ${extra.length + 1} arguments. Put every option in the first: waf({ mode: 'block', … }).`,
    );
  const config = resolveOptions(options);
  const ownsStore = config.store === undefined && config.needsStore;
  const store = config.store ?? (config.needsStore ? memoryStore() : undefined);
  const loader = loadEngine(config);
  const reporting = config.onDecision.length > 0 || config.reporters.length > 0;
  const runtime: Runtime = {
    loader,
    store,
    queue: reporting ? new EventQueue(config.queueSize, config.onDecision, config.reporters) : undefined,
    counters: createCounters(),
    closed: false,
    active: 0,
    onIdle: undefined,
    explaining: undefined,
  };
  const handle = createRequestHandler(config, runtime);
  let closing: Promise<void> | undefined;

  // A named function: it shows as `wafMiddleware` in stack traces and Express's router.
  const wafMiddleware = function wafMiddleware(
    req: WafExpressRequest,
    res: ServerResponse,
    next: (error?: unknown) => void,
  ) {
    handle(req, res, next);
  };

  return Object.defineProperties(wafMiddleware, {
    ready: { value: loader.ready, enumerable: true },
    engine: { get: () => loader.current(), enumerable: true },
    stats: {
      enumerable: true,
      value: (): WafMiddlewareStats => {
        const c = runtime.counters;
        const reporters: Record<string, Readonly<Record<string, number>>> = {};
        for (const reporter of config.reporters) {
          try {
            reporters[reporter.name] = reporter.stats?.() ?? {};
          } catch {
            reporters[reporter.name] = {};
          }
        }
        return {
          ...c,
          reasons: { ...c.reasons },
          failures: { ...c.failures },
          reporting: runtime.queue?.stats() ?? { queued: 0, delivered: 0, dropped: 0, errors: 0 },
          reporters,
          engine: loader.current()?.stats(),
        };
      },
    },
    close: {
      enumerable: true,
      value: (closeOptions?: { timeoutMs?: number }): Promise<void> => {
        closing ??= (async () => {
          const timeoutMs = closeOptions?.timeoutMs ?? 5000;
          runtime.closed = true;
          const deadline = Date.now() + timeoutMs;
          if (runtime.active > 0) {
            // Let decisions being made land in the queue, within the same time limit.
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, timeoutMs).unref();
              runtime.onIdle = () => {
                clearTimeout(timer);
                resolve();
              };
            });
          }
          // Attack reports waiting for their evidence: they get the rest of the time limit too.
          while (runtime.explaining !== undefined && Date.now() < deadline) {
            const waiting = runtime.explaining;
            await Promise.race([
              waiting,
              new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())).unref()),
            ]);
            if (runtime.explaining === waiting) break;
          }
          runtime.queue?.flush();
          const left = Math.max(0, deadline - Date.now());
          await Promise.allSettled(config.reporters.map((r) => r.close?.(left)));
          if (ownsStore) await store?.close?.();
          await loader.close();
        })();
        return closing;
      },
    },
  }) as unknown as WafMiddleware;
}
