import type { InferenceSession } from 'onnxruntime-node';
import { WaferError } from '../errors.js';
import type { InferenceBackend, ModelBatch } from './backend.js';
import { sessionBackend, type OrtSessionLike, type OrtTensorFactory } from './session-backend.js';

/** Options of the onnxruntime-node backend. */
export interface OnnxNodeBackendOptions {
  /** Intra-op threads. Default 1: the host app owns the other cores, and one field is tiny. */
  readonly threads?: number;
  /**
   * Run the session through onnxruntime-node's native binding, synchronously, instead of its public
   * `InferenceSession` (default true; falls back to the public API when the binding is not the one this
   * version was written against). Why: the public `run()` defers every call with `setImmediate` and wraps
   * inputs and outputs in JavaScript checks, and the inference worker has no use for either: its round trip
   * for one 8–21-token window was ~20 µs faster p50 with `runSync` (interleaved A/B, 3 × 1,500 runs).
   */
  readonly direct?: boolean;
}

/** The session options every onnxruntime-node session of Wafer is created with. */
function sessionOptions(threads: number): InferenceSession.SessionOptions {
  return {
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
  };
}

/** What Wafer uses of onnxruntime-node's native session (`dist/binding.js`; typed in its `binding.d.ts`). */
interface NativeSession {
  loadModel(buffer: ArrayBufferLike, byteOffset: number, byteLength: number, options: object): void;
  readonly outputMetadata: ReadonlyArray<{ readonly name: string }>;
  run(
    feeds: Record<string, unknown>,
    fetches: Record<string, null>,
    options: object,
  ): Record<string, { readonly data: unknown }>;
  dispose(): void;
}

interface NativeBindingModule {
  readonly binding: { readonly InferenceSession: new () => NativeSession };
  readonly initOrt: () => void;
}

/** onnxruntime-node's native binding, or `undefined` when its shape is not the one expected. */
async function loadNativeBinding(): Promise<NativeBindingModule | undefined> {
  try {
    // A CommonJS module: its exports arrive as the namespace's `default`.
    const loaded = (await import('onnxruntime-node/dist/binding.js')) as { default?: unknown };
    const module = (loaded.default ?? loaded) as Partial<NativeBindingModule>;
    const Session = module.binding?.InferenceSession;
    if (typeof module.initOrt !== 'function' || typeof Session !== 'function') return undefined;
    const proto = Session.prototype as Partial<NativeSession>;
    if (typeof proto.loadModel !== 'function' || typeof proto.run !== 'function') return undefined;
    if (typeof proto.dispose !== 'function') return undefined;
    return module as NativeBindingModule;
  } catch {
    return undefined;
  }
}

function corrupt(error: unknown): WaferError {
  return new WaferError(
    'WAFER_ERR_MODEL_CORRUPT',
    `ONNX Runtime could not load the model: ${String(error)}`,
    {
      cause: error,
    },
  );
}

/** Runs `fn` at the next turn of the event loop, as onnxruntime-node's own `run()` does: never inside the caller's tick. */
function deferred<T>(fn: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    setImmediate(() => {
      try {
        resolve(fn());
      } catch (error) {
        reject(error);
      }
    });
  });
}

function directBackend(
  ort: OrtTensorFactory,
  native: NativeBindingModule,
  bytes: Uint8Array,
  threads: number,
): InferenceBackend {
  native.initOrt();
  const session = new native.binding.InferenceSession();
  try {
    session.loadModel(bytes.buffer, bytes.byteOffset, bytes.byteLength, sessionOptions(threads));
  } catch (error) {
    throw corrupt(error);
  }
  const output = session.outputMetadata[0]?.name ?? 'probs';
  const fetches = { [output]: null };
  let disposed = false;
  function runSync(batch: ModelBatch): Float32Array {
    if (disposed) throw new Error('onnxruntime-node session already closed');
    const dims = [batch.batchSize, batch.sequenceLength];
    const result = session.run(
      {
        input_ids: new ort.Tensor('int64', batch.inputIds, dims),
        attention_mask: new ort.Tensor('int64', batch.attentionMask, dims),
      },
      fetches,
      {},
    );
    return result[output]!.data as Float32Array;
  }
  return {
    name: 'onnxruntime-node',
    runSync,
    run: (batch) => deferred(() => runSync(batch)),
    async close() {
      if (disposed) return;
      disposed = true;
      session.dispose();
    },
  };
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
  // onnxruntime-node takes only ArrayBuffer-backed bytes; a shared one (the worker's) is copied, and
  // the copy is garbage once the session has parsed it.
  const bytes = modelBytes.buffer instanceof ArrayBuffer ? modelBytes : new Uint8Array(modelBytes);
  const native = options.direct === false ? undefined : await loadNativeBinding();
  if (native !== undefined) return directBackend(ort, native, bytes, threads);
  let session: InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, sessionOptions(threads));
  } catch (error) {
    throw corrupt(error);
  }
  return sessionBackend('onnxruntime-node', ort, session as unknown as OrtSessionLike);
}
