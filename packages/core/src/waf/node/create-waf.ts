import { createOnnxNodeBackend } from '../../inference/onnx-node-backend.js';
import type { Waf } from '../engine.js';
import { loadModelBundle } from '../model-bundle.js';
import { loadModelFromUrl } from '../model-url.js';
import { startEngine } from '../warm-up.js';
import { resolveWafOptions, type WafOptions } from '../options.js';
import { loadModelDir, shippedModelDir } from './load-model-dir.js';
import { createWorkerBackend } from './worker-backend.js';

/**
 * Creates the detection engine for Node: loads and verifies the model (the shipped one unless
 * `model` says otherwise), starts onnxruntime-node on a worker thread (or in-process with
 * `worker: false`) and returns a `Waf` to share across requests.
 *
 * @throws {WaferError} `WAFER_ERR_INVALID_OPTION` for bad options; `WAFER_ERR_MODEL_NOT_FOUND`,
 *   `WAFER_ERR_MODEL_INVALID` or `WAFER_ERR_MODEL_CORRUPT` when the model cannot be used.
 * @example
 * ```ts
 * import { createWaf, fromNodeRequest } from '@wafer/core';
 * const waf = await createWaf({ mode: 'block' });
 * const decision = await waf.inspect(fromNodeRequest(req, body));
 * if (decision.action === 'block') res.writeHead(403).end();
 * ```
 */
export async function createWaf(options?: WafOptions): Promise<Waf> {
  const resolved = resolveWafOptions(options);
  const source = resolved.model;
  const bundle =
    source === undefined
      ? await loadModelDir(shippedModelDir())
      : 'path' in source
        ? await loadModelDir(source.path)
        : 'url' in source
          ? await loadModelFromUrl(source.url)
          : await loadModelBundle(source.bytes);
  const backend = resolved.worker
    ? await createWorkerBackend(bundle.modelBytes, {
        threads: resolved.threads,
        labels: bundle.manifest.labels.length,
      })
    : await createOnnxNodeBackend(bundle.modelBytes, { threads: resolved.threads });
  return startEngine(bundle, backend, resolved);
}
