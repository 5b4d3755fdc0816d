// The worker-thread side of `createWorkerBackend`: owns one onnxruntime-node session and answers
// batches posted by the main thread, so inference never blocks the host app's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { createOnnxNodeBackend } from '../../inference/onnx-node-backend.js';
import type { InferenceBackend } from '../../inference/backend.js';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './worker-protocol.js';

const port = parentPort;
if (port === null) throw new Error('inference-worker must run in a worker thread');
const setup = workerData as WorkerSetup;

let backend: InferenceBackend | undefined;
createOnnxNodeBackend(setup.modelBytes, { threads: setup.threads }).then(
  (b) => {
    backend = b;
    port.postMessage({ type: 'ready' } satisfies WorkerReply);
  },
  (error: unknown) => {
    port.postMessage({
      type: 'failed',
      message: error instanceof Error ? error.message : String(error),
    } satisfies WorkerReply);
  },
);

port.on('message', (message: WorkerRequest) => {
  if (message.type === 'close') {
    void (backend?.close() ?? Promise.resolve()).finally(() => port.close());
    return;
  }
  const { id, inputIds, attentionMask, batchSize, sequenceLength } = message;
  backend!.run({ inputIds, attentionMask, batchSize, sequenceLength }).then(
    (probs) => {
      // Copy into a buffer we own: ORT's output may be a view into memory it reuses.
      const out = Float32Array.from(probs);
      port.postMessage({ type: 'result', id, probs: out } satisfies WorkerReply, [out.buffer]);
    },
    (error: unknown) => {
      port.postMessage({
        type: 'error',
        id,
        message: error instanceof Error ? error.message : String(error),
      } satisfies WorkerReply);
    },
  );
});
