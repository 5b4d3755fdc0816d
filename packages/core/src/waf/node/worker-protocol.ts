/** What the main thread gives the inference worker at start. */
export interface WorkerSetup {
  readonly modelBytes: Uint8Array;
  readonly threads: number;
}

/** Main thread → worker. */
export type WorkerRequest =
  | {
      readonly type: 'run';
      readonly id: number;
      readonly inputIds: BigInt64Array;
      readonly attentionMask: BigInt64Array;
      readonly batchSize: number;
      readonly sequenceLength: number;
    }
  | { readonly type: 'close' };

/** Worker → main thread. */
export type WorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'result'; readonly id: number; readonly probs: Float32Array }
  | { readonly type: 'error'; readonly id: number; readonly message: string };
