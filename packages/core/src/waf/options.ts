import { WaferError } from '../errors.js';
import type { ExtractorOptions } from '../extract/options.js';
import { didYouMean } from '../util/did-you-mean.js';

/** `monitor` decides and reports but never blocks; `block` turns attacks into `action: 'block'`. */
export type WafMode = 'monitor' | 'block';

/** What a decision says when inspection could not finish: let the request through, or stop it. */
export type FailurePolicy = 'allow' | 'block';

/** The model bundle's three files, as bytes (or already-parsed JSON for the two JSON files). */
export interface ModelBytes {
  readonly manifest: Uint8Array | string | object;
  readonly model: Uint8Array;
  readonly tokenizer: Uint8Array | string | object;
}

/**
 * Where the model comes from: the shipped bundle (default in Node), a folder holding
 * `manifest.json` and the files it names (Node), a URL of such a folder (fetched), or the bytes
 * themselves (browsers, edge runtimes, embedded bundles). Either way every file is checked against
 * the manifest's sha256 before it is used.
 */
export type ModelSource =
  { readonly path: string } | { readonly url: string } | { readonly bytes: ModelBytes };

/** Micro-batching of fields from concurrent requests into one model run. */
export interface BatchingOptions {
  /** Most windows in one model run. Default 32. */
  readonly maxBatch?: number;
  /**
   * Most padded tokens (windows x longest window) in one model run. Default 1,024: ONNX Runtime keeps
   * the memory of the largest run it ever made, and past ~1,000 tokens a bigger run saves no time per
   * token. A single longer window still runs.
   */
  readonly maxTokens?: number;
  /**
   * Longest a field waits for others to share its batch, in ms. Default 0: fields submitted in the
   * same event-loop turn, or while the previous batch runs, share a batch; nothing waits on a timer.
   */
  readonly maxWaitMs?: number;
}

/** The LRU cache of field scores, keyed by the normalized field. */
export interface CacheOptions {
  /** Fields kept. Default 10,000 (a few MB). */
  readonly maxEntries?: number;
  /** Longer values are scored every time: they rarely repeat, and keys cost memory. Default 512. */
  readonly maxValueLength?: number;
}

/**
 * Options of `createWaf`. Every key is optional; every default is in {@link DEFAULT_WAF_OPTIONS}
 * and explained in `docs/security-defaults.md`.
 *
 * @example
 * ```ts
 * const waf = await createWaf({ mode: 'block', timeBudgetMs: 20, thresholds: { classes: { xss: 0.9 } } });
 * ```
 */
export interface WafOptions {
  /** Default: the model shipped with `@wafer/core`. */
  readonly model?: ModelSource;
  /** Default `monitor`: nothing is blocked until you choose `block`. */
  readonly mode?: WafMode;
  /**
   * Override the thresholds calibrated with the model (`attack` on the request score; `classes`
   * on each class's probability, used to name the classes of a finding).
   */
  readonly thresholds?: {
    readonly attack?: number;
    readonly classes?: Readonly<Record<string, number>>;
  };
  /** Field extraction options (limits, headers inspected, …). */
  readonly extractor?: ExtractorOptions;
  /** Most time one `inspect()` waits for the model, in ms. Default 50. */
  readonly timeBudgetMs?: number;
  /** Decision when the time budget runs out. Default `allow` (fail open); see docs/security-defaults.md. */
  readonly onTimeout?: FailurePolicy;
  /** Decision when the model fails. Default `allow` (fail open). */
  readonly onError?: FailurePolicy;
  /** Skip the model for values that cannot carry an attack (audited rule). Default true. */
  readonly fastPath?: boolean;
  /** Score cache; `false` turns it off. */
  readonly cache?: CacheOptions | false;
  readonly batching?: BatchingOptions;
  /**
   * The evidence span of each attack finding, found by occlusion (one extra model run of ~2.5× the field's
   * tokens per finding). `true` (default): searched inside `inspect()`, within the time budget. `'lazy'`:
   * not searched by `inspect()` — `waf.explain(decision)` searches it when someone needs it (a report, a log
   * line), so blocking an attack never waits for its explanation and nobody pays for one nobody reads.
   * `false`: never searched.
   */
  readonly evidence?: boolean | 'lazy';
  /** ONNX Runtime intra-op threads. Default 1. */
  readonly threads?: number;
  /**
   * Run the model on a worker thread so the event loop never waits on inference. Default true in
   * Node; ignored by the web entry point.
   */
  readonly worker?: boolean;
}

/** Options after defaults and validation. */
export interface ResolvedWafOptions {
  readonly model: ModelSource | undefined;
  readonly mode: WafMode;
  readonly thresholds: { readonly attack?: number; readonly classes: Readonly<Record<string, number>> };
  readonly extractor: ExtractorOptions | undefined;
  readonly timeBudgetMs: number;
  readonly onTimeout: FailurePolicy;
  readonly onError: FailurePolicy;
  readonly fastPath: boolean;
  readonly cache: Required<CacheOptions> | false;
  readonly batching: Required<BatchingOptions>;
  readonly evidence: boolean | 'lazy';
  readonly threads: number;
  readonly worker: boolean;
}

/** Every default, in one place. */
export const DEFAULT_WAF_OPTIONS: ResolvedWafOptions = Object.freeze({
  model: undefined,
  mode: 'monitor',
  thresholds: Object.freeze({ classes: Object.freeze({}) }),
  extractor: undefined,
  // A p99 model run on this project's benchmark machine is ~2 ms; 50 ms only trips on overload.
  timeBudgetMs: 50,
  onTimeout: 'allow',
  onError: 'allow',
  fastPath: true,
  cache: Object.freeze({ maxEntries: 10_000, maxValueLength: 512 }),
  batching: Object.freeze({ maxBatch: 32, maxWaitMs: 0, maxTokens: 1024 }),
  evidence: true,
  threads: 1,
  worker: true,
});

const KEYS = Object.keys(DEFAULT_WAF_OPTIONS) as (keyof ResolvedWafOptions)[];

function fail(message: string): never {
  throw new WaferError('WAFER_ERR_INVALID_OPTION', `createWaf: ${message}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkKeys(where: string, value: Record<string, unknown>, known: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const hint = didYouMean(key, known);
    fail(
      `unknown option \`${where}${key}\`.${hint ? ` Did you mean \`${where}${hint}\`?` : ''} Known options: ${known.join(', ')}.`,
    );
  }
}

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  const hint = typeof value === 'string' ? didYouMean(value, allowed) : undefined;
  fail(
    `\`${name}\` must be ${allowed.map((a) => `'${a}'`).join(' or ')}, got ${JSON.stringify(value)}.${hint ? ` Did you mean '${hint}'?` : ''}`,
  );
}

function bool(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') fail(`\`${name}\` must be true or false, got ${JSON.stringify(value)}.`);
  return value;
}

function evidenceOption(value: unknown, fallback: boolean | 'lazy'): boolean | 'lazy' {
  if (value === undefined) return fallback;
  if (value !== true && value !== false && value !== 'lazy')
    fail(`\`evidence\` must be true, false or 'lazy', got ${JSON.stringify(value)}.`);
  return value as boolean | 'lazy';
}

function integer(name: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    fail(`\`${name}\` must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}.`);
  return value;
}

function probability(name: string, value: unknown): number {
  if (typeof value !== 'number' || !(value > 0 && value < 1))
    fail(`\`${name}\` must be a number between 0 and 1 (exclusive), got ${JSON.stringify(value)}.`);
  return value;
}

function checkModel(value: unknown): ModelSource | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value))
    fail(
      '`model` must be { path: "<folder with manifest.json>" }, { url: "https://…/model/" } or { bytes: { manifest, model, tokenizer } }.',
    );
  checkKeys('model.', value, ['path', 'url', 'bytes']);
  if (['path', 'url', 'bytes'].filter((key) => key in value).length !== 1)
    fail('`model` takes exactly one of `path`, `url` or `bytes`.');
  if ('url' in value) {
    if (typeof value.url !== 'string' || value.url.length === 0)
      fail(
        '`model.url` must be the URL of the folder holding manifest.json (ending in /) or of manifest.json.',
      );
    return { url: value.url };
  }
  if ('path' in value) {
    if (typeof value.path !== 'string' || value.path.length === 0)
      fail('`model.path` must be the folder holding manifest.json (or the manifest.json file itself).');
    return { path: value.path };
  }
  const bytes = value.bytes;
  if (!isPlainObject(bytes)) fail('`model.bytes` must be { manifest, model, tokenizer }.');
  checkKeys('model.bytes.', bytes, ['manifest', 'model', 'tokenizer']);
  if (!(bytes.model instanceof Uint8Array))
    fail('`model.bytes.model` must be a Uint8Array of the ONNX file.');
  for (const key of ['manifest', 'tokenizer'] as const) {
    const item = bytes[key];
    if (!(item instanceof Uint8Array) && typeof item !== 'string' && !isPlainObject(item))
      fail(`\`model.bytes.${key}\` must be the file's bytes, its text or the parsed JSON object.`);
  }
  return { bytes: bytes as unknown as ModelBytes };
}

/**
 * Applies defaults and validates every option once, at construction, with a message that says how
 * to fix it (`WaferError('WAFER_ERR_INVALID_OPTION')`). Class names in `thresholds.classes` are
 * checked against the model's labels later, when the model is loaded.
 */
export function resolveWafOptions(options: WafOptions | undefined): ResolvedWafOptions {
  if (options === undefined) return DEFAULT_WAF_OPTIONS;
  if (!isPlainObject(options)) fail("options must be an object, e.g. `createWaf({ mode: 'block' })`.");
  const o = options as Record<string, unknown>;
  checkKeys('', o, KEYS);
  const d = DEFAULT_WAF_OPTIONS;

  let thresholds = d.thresholds;
  if (o.thresholds !== undefined) {
    if (!isPlainObject(o.thresholds))
      fail('`thresholds` must be { attack?: number, classes?: { [class]: number } }.');
    checkKeys('thresholds.', o.thresholds, ['attack', 'classes']);
    const classes: Record<string, number> = {};
    const given = o.thresholds.classes;
    if (given !== undefined) {
      if (!isPlainObject(given)) fail('`thresholds.classes` must be an object such as { xss: 0.9 }.');
      for (const [name, value] of Object.entries(given))
        classes[name] = probability(`thresholds.classes.${name}`, value);
    }
    thresholds =
      o.thresholds.attack === undefined
        ? { classes }
        : { attack: probability('thresholds.attack', o.thresholds.attack), classes };
  }

  let cache = d.cache;
  if (o.cache === false) cache = false;
  else if (o.cache !== undefined) {
    if (!isPlainObject(o.cache)) fail('`cache` must be false or { maxEntries?, maxValueLength? }.');
    checkKeys('cache.', o.cache, ['maxEntries', 'maxValueLength']);
    const defaults = DEFAULT_WAF_OPTIONS.cache as Required<CacheOptions>;
    cache = {
      maxEntries: integer('cache.maxEntries', o.cache.maxEntries, defaults.maxEntries, 1, 10_000_000),
      maxValueLength: integer(
        'cache.maxValueLength',
        o.cache.maxValueLength,
        defaults.maxValueLength,
        1,
        1_000_000,
      ),
    };
  }

  let batching = d.batching;
  if (o.batching !== undefined) {
    if (!isPlainObject(o.batching)) fail('`batching` must be { maxBatch?, maxWaitMs?, maxTokens? }.');
    checkKeys('batching.', o.batching, ['maxBatch', 'maxWaitMs', 'maxTokens']);
    batching = {
      maxBatch: integer('batching.maxBatch', o.batching.maxBatch, d.batching.maxBatch, 1, 1024),
      maxWaitMs: integer('batching.maxWaitMs', o.batching.maxWaitMs, d.batching.maxWaitMs, 0, 1000),
      maxTokens: integer('batching.maxTokens', o.batching.maxTokens, d.batching.maxTokens, 1, 1_048_576),
    };
  }

  if (o.extractor !== undefined && !isPlainObject(o.extractor))
    fail('`extractor` must be an object of extractor options, e.g. { limits: { maxBodyBytes: 65536 } }.');

  return {
    model: checkModel(o.model),
    mode: oneOf('mode', o.mode, ['monitor', 'block'] as const, d.mode),
    thresholds,
    extractor: o.extractor as ExtractorOptions | undefined,
    timeBudgetMs: integer('timeBudgetMs', o.timeBudgetMs, d.timeBudgetMs, 1, 60_000),
    onTimeout: oneOf('onTimeout', o.onTimeout, ['allow', 'block'] as const, d.onTimeout),
    onError: oneOf('onError', o.onError, ['allow', 'block'] as const, d.onError),
    fastPath: bool('fastPath', o.fastPath, d.fastPath),
    cache,
    batching,
    evidence: evidenceOption(o.evidence, d.evidence),
    threads: integer('threads', o.threads, d.threads, 1, 64),
    worker: bool('worker', o.worker, d.worker),
  };
}
