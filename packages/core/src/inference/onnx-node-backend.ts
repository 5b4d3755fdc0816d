import type { InferenceSession } from 'onnxruntime-node';
import { WaferError } from '../errors.js';
import type { InferenceBackend } from './backend.js';
import { sessionBackend, type OrtSessionLike } from './session-backend.js';

/** Options of the onnxruntime-node backend. */
export interface OnnxNodeBackendOptions {
  /** Intra-op threads. Default 1: the host app owns the other cores, and one field is tiny. */
  readonly threads?: number;
}

/**
 * The onnxruntime-node backend: the only file in core that touches onnxruntime-node. The package
 * is loaded lazily so that importing `@wafer/core` for parsing alone never loads a native library.
 *
 * @example
 * ```ts
 * const backend = await createOnnxNodeBackend(await readFile('models/model.onnx'));
 * const probs = await backend.run(packBatch([ids]));
 * ```
 */
export async function createOnnxNodeBackend(
  modelBytes: Uint8Array,
  options: OnnxNodeBackendOptions = {},
): Promise<InferenceBackend> {
  const ort = await import('onnxruntime-node');
  const threads = options.threads ?? 1;
  let session: InferenceSession;
  try {
    // onnxruntime-node takes only ArrayBuffer-backed bytes; a shared one (the worker's) is copied, and
    // the copy is garbage once the session has parsed it.
    const bytes = modelBytes.buffer instanceof ArrayBuffer ? modelBytes : new Uint8Array(modelBytes);
    session = await ort.InferenceSession.create(bytes, {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      // The arena keeps the largest run's buffers for the process lifetime, but without it each run's
      // buffers go through malloc, whose heap fragments and never shrinks: over runs of every batch
      // shape up to 1,024 tokens, RSS grew +58 MB without the arena and +46 MB with it (and +168 vs +74
      // MB up to 4,096 tokens). The engine caps a run at `batching.maxTokens` to bound the arena.
      enableCpuMemArena: true,
      // With weight-only int8 models, ORT's default fuses DequantizeLinear+MatMul into MatMulNBits with
      // int8 activations (accuracy level 4), which drifts ~1e-3 from the weights' arithmetic the model was
      // calibrated with. Level 0 keeps fp32 compute: scores match the reported metrics.
      extra: { session: { qdq_matmulnbits_accuracy_level: '0' } },
    });
  } catch (error) {
    throw new WaferError(
      'WAFER_ERR_MODEL_CORRUPT',
      `ONNX Runtime could not load the model: ${String(error)}`,
      {
        cause: error,
      },
    );
  }
  return sessionBackend('onnxruntime-node', ort, session as unknown as OrtSessionLike);
}
