import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { WaferError } from '../../errors.js';
import type { InferenceBackend, ModelBatch } from '../../inference/backend.js';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './worker-protocol.js';

/**
 * The worker script, built by tsup next to the bundle that imports this file (`dist/`). When this
 * module runs from source (tests), the built copy in `dist/` is used.
 */
function workerPath(): string {
  const candidates = ['./inference-worker.js', '../../../dist/inference-worker.js'];
  for (const candidate of candidates) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new WaferError(
    'WAFER_ERR_MODEL_NOT_FOUND',
    'The inference worker script (dist/inference-worker.js) is missing; rebuild @wafer/core or pass { worker: false }.',
  );
}

interface Pending {
  resolve(probs: Float32Array): void;
  reject(error: Error): void;
}

/**
 * An `InferenceBackend` whose onnxruntime-node session lives on a worker thread: onnxruntime-node
 * runs a session synchronously on the calling thread, so without this every model run would stall
 * the host app's event loop for its whole duration. A crashed worker fails the runs in progress
 * (the engine's `onError` policy applies) and is restarted on the next run.
 */
export async function createWorkerBackend(
  modelBytes: Uint8Array,
  options: { threads: number },
): Promise<InferenceBackend> {
  const setup: WorkerSetup = { modelBytes, threads: options.threads };
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let closed = false;

  function start(): Promise<Worker> {
    const worker = new Worker(workerPath(), {
      workerData: setup,
      // The worker only shuttles typed arrays: a small young generation keeps its heap (and RSS) small.
      resourceLimits: { maxYoungGenerationSizeMb: 4 },
    });
    // Idle workers must not keep the host process alive; a run in progress does (see run()).
    worker.unref();
    return new Promise<Worker>((resolve, reject) => {
      const onEarlyExit = (code: number) =>
        reject(
          new WaferError(
            'WAFER_ERR_MODEL_CORRUPT',
            `The inference worker exited with code ${code} while loading the model.`,
          ),
        );
      worker.once('exit', onEarlyExit);
      worker.once('error', reject);
      worker.on('message', (reply: WorkerReply) => {
        switch (reply.type) {
          case 'ready':
            worker.off('exit', onEarlyExit);
            worker.off('error', reject);
            worker.on('error', (error) => failAll(error));
            worker.once('exit', (code) => {
              failAll(new Error(`inference worker exited with code ${code}`));
              if (current === ready) current = undefined;
            });
            resolve(worker);
            return;
          case 'failed':
            reject(
              new WaferError(
                'WAFER_ERR_MODEL_CORRUPT',
                `ONNX Runtime could not load the model: ${reply.message}`,
              ),
            );
            void worker.terminate();
            return;
          case 'result':
          case 'error': {
            const job = pending.get(reply.id);
            if (job === undefined) return;
            pending.delete(reply.id);
            if (pending.size === 0) worker.unref();
            if (reply.type === 'result') job.resolve(reply.probs);
            else job.reject(new Error(reply.message));
          }
        }
      });
    });
  }

  function failAll(error: Error): void {
    for (const job of pending.values()) job.reject(error);
    pending.clear();
  }

  let ready = start();
  let current: Promise<Worker> | undefined = ready;
  await ready;

  return {
    name: 'onnxruntime-node (worker)',
    async run(batch: ModelBatch): Promise<Float32Array> {
      if (closed) throw new Error('backend closed');
      if (current === undefined) current = ready = start();
      const worker = await current;
      const id = nextId++;
      return new Promise<Float32Array>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.ref();
        const message: WorkerRequest = {
          type: 'run',
          id,
          inputIds: batch.inputIds,
          attentionMask: batch.attentionMask,
          batchSize: batch.batchSize,
          sequenceLength: batch.sequenceLength,
        };
        worker.postMessage(message, [
          batch.inputIds.buffer as ArrayBuffer,
          batch.attentionMask.buffer as ArrayBuffer,
        ]);
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      const worker = await current?.catch(() => undefined);
      if (worker === undefined) return;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ type: 'close' } satisfies WorkerRequest);
      const timer = setTimeout(() => void worker.terminate(), 2000);
      await exited;
      clearTimeout(timer);
    },
  };
}
