import { WaferError } from '../../errors.js';
import { createOnnxWebBackend, type OnnxWebBackendOptions } from '../../inference/onnx-web-backend.js';
import type { Waf } from '../engine.js';
import { loadModelBundle } from '../model-bundle.js';
import { loadModelFromUrl } from '../model-url.js';
import { startEngine } from '../warm-up.js';
import { resolveWafOptions, type WafOptions } from '../options.js';

/** Options of `createWaf` from `@wafer/core/web`: the common options, a required model, and where ORT's wasm is. */
export interface WebWafOptions extends Omit<WafOptions, 'worker' | 'model'> {
  /** `{ url }` of the model folder (fetched) or `{ bytes }`; there is no file system to find a shipped one. */
  readonly model: NonNullable<WafOptions['model']>;
  /** Where onnxruntime-web finds `ort-wasm-simd-threaded.wasm` / `.mjs` (a URL prefix); see the README. */
  readonly wasmPaths?: OnnxWebBackendOptions['wasmPaths'];
}

/**
 * Creates the detection engine for browsers and edge runtimes, on onnxruntime-web (WebAssembly).
 * Same `Waf` and `Decision` as in Node; the model must be given (`{ url }` or `{ bytes }`) and is
 * verified against its manifest. Inference runs on the calling thread (ORT's own wasm threads aside).
 *
 * @example
 * ```ts
 * import { createWaf, fromFetchRequest } from '@wafer/core/web';
 * const waf = await createWaf({ model: { url: '/wafer-model/' }, wasmPaths: '/ort/' });
 * const decision = await waf.inspect(await fromFetchRequest(request));
 * ```
 */
export async function createWaf(options: WebWafOptions): Promise<Waf> {
  if (typeof options !== 'object' || options === null || options.model === undefined)
    throw new WaferError(
      'WAFER_ERR_INVALID_OPTION',
      "createWaf: `model` is required in @wafer/core/web, e.g. createWaf({ model: { url: '/wafer-model/' } }).",
    );
  const { wasmPaths, ...common } = options;
  const resolved = resolveWafOptions({ ...common, worker: false });
  const source = resolved.model!;
  if ('path' in source)
    throw new WaferError(
      'WAFER_ERR_INVALID_OPTION',
      'createWaf: `model.path` needs a file system; in @wafer/core/web use { url } or { bytes }.',
    );
  const bundle = 'url' in source ? await loadModelFromUrl(source.url) : await loadModelBundle(source.bytes);
  const backend = await createOnnxWebBackend(bundle.modelBytes, {
    threads: resolved.threads,
    ...(wasmPaths === undefined ? {} : { wasmPaths }),
  });
  return startEngine(bundle, backend, resolved);
}
