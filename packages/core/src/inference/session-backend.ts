import type { InferenceBackend, ModelBatch } from './backend.js';

/** What this adapter needs of an ONNX Runtime package (`onnxruntime-node` and `onnxruntime-web` both fit). */
export interface OrtTensorFactory {
  readonly Tensor: new (type: 'int64', data: BigInt64Array, dims: readonly number[]) => unknown;
}

/** What this adapter needs of an ONNX Runtime `InferenceSession`. */
export interface OrtSessionLike {
  readonly outputNames: readonly string[];
  run(feeds: Record<string, unknown>): Promise<Record<string, { readonly data: unknown }>>;
  release(): Promise<void>;
}

/**
 * Wraps a loaded ONNX Runtime session as an `InferenceBackend`: the model's input contract
 * (`input_ids`, `attention_mask`, int64 `[batch, seq]`) and its first output (`probs`) in one place,
 * shared by the node and web backends, which differ only in how they load the runtime. Typed
 * structurally so that this file imports no ONNX Runtime package.
 */
export function sessionBackend(
  name: string,
  ort: OrtTensorFactory,
  session: OrtSessionLike,
): InferenceBackend {
  const output = session.outputNames[0] ?? 'probs';
  return {
    name,
    async run(batch: ModelBatch): Promise<Float32Array> {
      const dims = [batch.batchSize, batch.sequenceLength];
      const result = await session.run({
        input_ids: new ort.Tensor('int64', batch.inputIds, dims),
        attention_mask: new ort.Tensor('int64', batch.attentionMask, dims),
      });
      return result[output]!.data as Float32Array;
    },
    async close() {
      await session.release();
    },
  };
}
