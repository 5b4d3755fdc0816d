/**
 * A batch of model input windows, padded to one length: the shape every backend receives.
 * Token ids are int64 because that is what the exported ONNX graph takes.
 */
export interface ModelBatch {
  readonly inputIds: BigInt64Array;
  readonly attentionMask: BigInt64Array;
  readonly batchSize: number;
  readonly sequenceLength: number;
}

/**
 * The small interface core owns for running the model. One implementation per runtime
 * (onnxruntime-node, onnxruntime-web); ONNX Runtime is imported only inside those files.
 */
export interface InferenceBackend {
  /** e.g. `onnxruntime-node`. */
  readonly name: string;
  /** Returns `batchSize × labels` probabilities, row-major. */
  run(batch: ModelBatch): Promise<Float32Array>;
  /**
   * The same run on the calling thread, without a turn of the event loop; only where the runtime allows it
   * (onnxruntime-node). The inference worker uses it: the thread exists to block on the model.
   */
  runSync?(batch: ModelBatch): Float32Array;
  close(): Promise<void>;
}

/**
 * Pads windows (token ids starting with `[CLS]`) into one batch; padding id is 0 with mask 0.
 *
 * @example
 * ```ts
 * const batch = packBatch([Int32Array.of(2, 7, 310, 3), Int32Array.of(2, 7, 3)]);
 * batch.sequenceLength; // 4
 * ```
 */
export function packBatch(windows: ReadonlyArray<ArrayLike<number>>): ModelBatch {
  let sequenceLength = 1;
  for (const window of windows) if (window.length > sequenceLength) sequenceLength = window.length;
  const batchSize = windows.length;
  const inputIds = new BigInt64Array(batchSize * sequenceLength);
  const attentionMask = new BigInt64Array(batchSize * sequenceLength);
  for (let row = 0; row < batchSize; row++) {
    const window = windows[row]!;
    const offset = row * sequenceLength;
    for (let i = 0; i < window.length; i++) {
      inputIds[offset + i] = BigInt(window[i]!);
      attentionMask[offset + i] = 1n;
    }
  }
  return { inputIds, attentionMask, batchSize, sequenceLength };
}
