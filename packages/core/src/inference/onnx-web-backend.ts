import type { InferenceSession } from 'onnxruntime-web/wasm';
import { WaferError } from '../errors.js';
import { didYouMean } from '../util/did-you-mean.js';
import type { InferenceBackend } from './backend.js';
import { sessionBackend, type OrtSessionLike } from './session-backend.js';

/**
 * Where onnxruntime-web fetches its runtime from: a URL prefix that serves both
 * `ort-wasm-simd-threaded.wasm` and `ort-wasm-simd-threaded.mjs`, or the URL of each file.
 * Mirrors ONNX Runtime's own `env.wasm.wasmPaths` so that its documentation applies unchanged.
 */
export type OnnxWebWasmPaths = string | { readonly wasm?: string; readonly mjs?: string };

/** Options of the onnxruntime-web backend. */
export interface OnnxWebBackendOptions {
  /**
   * WebAssembly threads. Default 1: more than one needs `SharedArrayBuffer`, which browsers only give
   * cross-origin-isolated pages (COOP + COEP headers), and one field is too small to gain from threads.
   */
  readonly threads?: number;
  /**
   * Where the `.wasm` runtime comes from. Default: next to onnxruntime-web's own module, which works in
   * Node (read from `node_modules`) and with bundlers that copy the files; set it when the files are
   * served from elsewhere (a CDN, a static folder).
   */
  readonly wasmPaths?: OnnxWebWasmPaths;
}

const OPTION_KEYS = ['threads', 'wasmPaths'] as const;

function invalidOption(message: string): never {
  throw new WaferError('WAFER_ERR_INVALID_OPTION', `createOnnxWebBackend: ${message}`);
}

function validateOptions(options: OnnxWebBackendOptions): { threads: number; wasmPaths?: OnnxWebWasmPaths } {
  if (typeof options !== 'object' || options === null) invalidOption('options must be an object.');
  for (const key of Object.keys(options)) {
    if ((OPTION_KEYS as readonly string[]).includes(key)) continue;
    const hint = didYouMean(key, OPTION_KEYS);
    invalidOption(`unknown option \`${key}\`${hint ? ` (did you mean \`${hint}\`?)` : ''}.`);
  }
  const threads = options.threads ?? 1;
  if (!Number.isSafeInteger(threads) || threads < 1) invalidOption('`threads` must be an integer ≥ 1.');
  const { wasmPaths } = options;
  if (wasmPaths === undefined) return { threads };
  const valid =
    typeof wasmPaths === 'string' ||
    (typeof wasmPaths === 'object' &&
      wasmPaths !== null &&
      Object.entries(wasmPaths).every(
        ([file, url]) => (file === 'wasm' || file === 'mjs') && typeof url === 'string',
      ));
  if (!valid) invalidOption('`wasmPaths` must be a URL prefix or { wasm?: string, mjs?: string } of URLs.');
  return { threads, wasmPaths };
}

// onnxruntime-web reads `env.wasm` once, when its first session starts the WebAssembly runtime; later
// values are silently ignored. Remembering what was applied turns that silence into an error.
let appliedRuntime: string | undefined;

/**
 * The onnxruntime-web backend (plain WebAssembly execution provider): the only file in core that
 * touches onnxruntime-web. Runs in browsers, edge runtimes and Node, with no native library. The
 * package is loaded lazily so that importing `@wafer/core/web` for parsing alone fetches no runtime.
 *
 * The runtime is one per page or process: every backend created in it must use the same `threads`
 * and `wasmPaths`, or creation throws `WAFER_ERR_INVALID_OPTION`.
 *
 * @example
 * ```ts
 * import { createOnnxWebBackend, packBatch } from '@wafer/core/web';
 * const model = new Uint8Array(await (await fetch('/wafer/model.onnx')).arrayBuffer());
 * const backend = await createOnnxWebBackend(model, { wasmPaths: '/ort/' });
 * const probs = await backend.run(packBatch([ids]));
 * ```
 */
export async function createOnnxWebBackend(
  modelBytes: Uint8Array,
  options: OnnxWebBackendOptions = {},
): Promise<InferenceBackend> {
  const { threads, wasmPaths } = validateOptions(options);
  // The `/wasm` build carries only the CPU (WebAssembly) provider: half the download of the default
  // build, whose runtime also embeds WebGPU/WebNN support the model does not need.
  const ort = await import('onnxruntime-web/wasm');
  const runtime = JSON.stringify({ threads, wasmPaths });
  if (appliedRuntime === undefined) {
    ort.env.wasm.numThreads = threads;
    if (wasmPaths !== undefined) ort.env.wasm.wasmPaths = wasmPaths;
    appliedRuntime = runtime;
  } else if (appliedRuntime !== runtime) {
    invalidOption(
      `the WebAssembly runtime already started with ${appliedRuntime}; every backend in one page or process must use the same threads and wasmPaths.`,
    );
  }
  let session: InferenceSession;
  try {
    session = await ort.InferenceSession.create(modelBytes, {
      executionProviders: ['wasm'],
      graphOptimizationLevel: 'all',
      // Same reason as the Node backend: keep fp32 compute for int8 weights so scores match the
      // metrics the model shipped with, on every runtime.
      extra: { session: { qdq_matmulnbits_accuracy_level: '0' } },
    });
  } catch (error) {
    throw new WaferError(
      'WAFER_ERR_MODEL_CORRUPT',
      `ONNX Runtime Web could not load the model (or its .wasm runtime: see the wasmPaths option): ${String(error)}`,
      { cause: error },
    );
  }
  return sessionBackend('onnxruntime-web', ort, session as unknown as OrtSessionLike);
}
