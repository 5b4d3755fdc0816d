import type { MessagePort } from 'node:worker_threads';

// How the main thread and the inference worker talk. Batches and scores travel through shared memory,
// and each side wakes the other with Atomics: a postMessage round trip costs ~90 µs p50 and ~550 µs p99
// on our 2-core benchmark machine, an Atomics round trip ~56 µs and ~130 µs, and a model run on a
// worker thread is often only 150–400 µs of work. Messages remain for what is rare: start-up, and
// handing the worker a larger buffer.

/** Slots of the control array (`Int32Array` over `WorkerSetup.control`). */
export const CONTROL = {
  /** Number of the last request; the main thread bumps it once the batch is written. */
  request: 0,
  /** Number of the last request answered; the worker sets it once the scores (or error) are written. */
  response: 1,
  /** 0: scores written; 1: the run failed and the error message is written. */
  status: 2,
  batchSize: 3,
  sequenceLength: 4,
  /** 1: the worker releases its session and exits at the next request. */
  close: 5,
  /** Generation of the data buffer; when it changes the worker takes the new one from its port. */
  generation: 6,
  /** Length of what the worker wrote: scores (floats) or the error message (bytes). */
  length: 7,
} as const;

/** Number of slots of the control array. */
export const CONTROL_SLOTS = 8;

/** Room for an error message, in bytes, at the end of the data buffer. */
export const ERROR_BYTES = 2048;

/**
 * The data buffer: `capacity` int64 token ids, `capacity` int64 mask values, `capacity × labels`
 * float32 scores (a batch has at most one window per token), then the error message.
 */
export interface DataViews {
  readonly capacity: number;
  readonly inputIds: BigInt64Array;
  readonly attentionMask: BigInt64Array;
  readonly probs: Float32Array;
  readonly error: Uint8Array;
}

/** A data buffer for batches of up to `capacity` padded tokens. */
export function createDataBuffer(capacity: number, labels: number): SharedArrayBuffer {
  return new SharedArrayBuffer(capacity * 16 + capacity * labels * 4 + ERROR_BYTES);
}

/** Typed views over a data buffer made by {@link createDataBuffer}. */
export function dataViews(buffer: SharedArrayBuffer, labels: number): DataViews {
  const capacity = (buffer.byteLength - ERROR_BYTES) / (16 + labels * 4);
  const probsAt = capacity * 16;
  return {
    capacity,
    inputIds: new BigInt64Array(buffer, 0, capacity),
    attentionMask: new BigInt64Array(buffer, capacity * 8, capacity),
    probs: new Float32Array(buffer, probsAt, capacity * labels),
    error: new Uint8Array(buffer, probsAt + capacity * labels * 4, ERROR_BYTES),
  };
}

/** What the main thread gives the inference worker at start (`workerData`). */
export interface WorkerSetup {
  /** The model, shared rather than copied into the worker. */
  readonly modelBytes: Uint8Array;
  readonly threads: number;
  /** Scores per window (the manifest's labels). */
  readonly labels: number;
  /** `CONTROL_SLOTS` int32 slots. */
  readonly control: SharedArrayBuffer;
  /** The first data buffer (generation 0). */
  readonly data: SharedArrayBuffer;
  /** Where later data buffers arrive: `{ data: SharedArrayBuffer }` messages, read synchronously. */
  readonly port: MessagePort;
}

/** Worker → main thread, once: whether the model loaded. */
export type WorkerReply = { readonly type: 'ready' } | { readonly type: 'failed'; readonly message: string };
