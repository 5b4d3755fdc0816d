import { createWaf, type Waf } from '@wafer/core';
import type { ResolvedOptions } from './options/resolve-options.js';

/** The detection engine as the middleware holds it: loading, loaded, or failed to load. */
export interface EngineLoader {
  /** The engine once loaded (synchronous, for the hot path). */
  current(): Waf | undefined;
  /** Resolves with the engine; rejects when it cannot be loaded (the rejection is also kept for `ready`). */
  readonly loaded: Promise<Waf | undefined>;
  /** Resolves when the engine is ready; rejects with the load error (`WaferError`). */
  readonly ready: Promise<void>;
  /** Closes the engine if the middleware created it (a caller's engine is the caller's to close). */
  close(): Promise<void>;
}

/**
 * Starts loading the model as soon as `waf()` is called (it takes a few hundred ms), so requests arriving
 * first find it ready or wait for it. A load failure never surfaces as an unhandled rejection: `ready`
 * carries it for apps that `await` it at startup, and requests follow the `onError` policy meanwhile.
 *
 * @example
 * ```ts
 * const loader = loadEngine(resolved);
 * await loader.ready; // throws WAFER_ERR_MODEL_CORRUPT, … when the model is unusable
 * ```
 */
export function loadEngine(config: ResolvedOptions): EngineLoader {
  if (config.engine !== undefined) {
    const engine = config.engine;
    return {
      current: () => engine,
      loaded: Promise.resolve(engine),
      ready: Promise.resolve(),
      close: () => Promise.resolve(),
    };
  }
  let engine: Waf | undefined;
  const creating = createWaf({
    ...config.engineOptions,
    // The middleware decides per route; the engine's own action then only matters for `decision.action`.
    mode: config.mode,
    onTimeout: config.onError,
    onError: config.onError,
    // The response never waits for an explanation: evidence is searched after it, for the report, and only
    // when something consumes reports (see handle-request.ts). `evidence: true` restores the inline search.
    evidence: config.engineOptions.evidence ?? 'lazy',
  });
  const ready = creating.then((created) => {
    engine = created;
  });
  // Handled here; `ready` still rejects for whoever awaits it.
  ready.catch(() => undefined);
  const loaded = creating.then(
    (created) => created,
    () => undefined,
  );
  return {
    current: () => engine,
    loaded,
    ready,
    async close() {
      const created = await loaded;
      await created?.close();
    },
  };
}
