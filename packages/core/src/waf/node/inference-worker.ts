// The worker-thread side of `createWorkerBackend`: owns one onnxruntime-node session and answers the
// batches the main thread writes into shared memory, so inference never blocks the host app's event
// loop. Between batches the thread sleeps in Atomics.wait (woken directly by the main thread's
// Atomics.notify), not in its event loop: see worker-protocol.ts for why.
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { createOnnxNodeBackend } from '../../inference/onnx-node-backend.js';
import type { InferenceBackend } from '../../inference/backend.js';
import { CONTROL, dataViews, type WorkerReply, type WorkerSetup } from './worker-protocol.js';

const port = parentPort;
if (port === null) throw new Error('inference-worker must run in a worker thread');
const setup = workerData as WorkerSetup;
const control = new Int32Array(setup.control);
const encoder = new TextEncoder();

async function serve(backend: InferenceBackend): Promise<void> {
  let views = dataViews(setup.data, setup.labels);
  let generation = 0;
  let seen = 0;
  for (;;) {
    // Blocks this thread (not the host app's) until the main thread bumps the request number.
    Atomics.wait(control, CONTROL.request, seen);
    seen = Atomics.load(control, CONTROL.request);
    if (Atomics.load(control, CONTROL.close) === 1) break;
    if (Atomics.load(control, CONTROL.generation) !== generation) {
      const message = receiveMessageOnPort(setup.port)?.message as { data: SharedArrayBuffer } | undefined;
      if (message !== undefined) views = dataViews(message.data, setup.labels);
      generation = Atomics.load(control, CONTROL.generation);
    }
    const batchSize = Atomics.load(control, CONTROL.batchSize);
    const sequenceLength = Atomics.load(control, CONTROL.sequenceLength);
    const n = batchSize * sequenceLength;
    try {
      // onnxruntime-node takes tensors over unshared memory: copy the batch out (a few KB).
      const batch = {
        inputIds: views.inputIds.slice(0, n),
        attentionMask: views.attentionMask.slice(0, n),
        batchSize,
        sequenceLength,
      };
      // Synchronously where the backend can: this thread has nothing else to do, and a turn of its event
      // loop per run costs more than a short window's compute.
      const probs = backend.runSync ? backend.runSync(batch) : await backend.run(batch);
      if (probs.length > views.probs.length) throw new Error(`${probs.length} scores do not fit the buffer`);
      views.probs.set(probs);
      Atomics.store(control, CONTROL.length, probs.length);
      Atomics.store(control, CONTROL.status, 0);
    } catch (error) {
      const bytes = encoder.encode(error instanceof Error ? error.message : String(error));
      const length = Math.min(bytes.length, views.error.length);
      views.error.set(bytes.subarray(0, length));
      Atomics.store(control, CONTROL.length, length);
      Atomics.store(control, CONTROL.status, 1);
    }
    Atomics.store(control, CONTROL.response, seen);
    Atomics.notify(control, CONTROL.response);
  }
  await backend.close();
  setup.port.close();
  port!.close();
}

createOnnxNodeBackend(setup.modelBytes, { threads: setup.threads }).then(
  (backend) => {
    port.postMessage({ type: 'ready' } satisfies WorkerReply);
    void serve(backend);
  },
  (error: unknown) => {
    port.postMessage({
      type: 'failed',
      message: error instanceof Error ? error.message : String(error),
    } satisfies WorkerReply);
  },
);
