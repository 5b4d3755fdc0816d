import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { WaferError } from '../../errors.js';
import type { InferenceBackend, ModelBatch } from '../../inference/backend.js';
import { DEFAULT_WAF_OPTIONS } from '../options.js';
import {
  CONTROL,
  CONTROL_SLOTS,
  createDataBuffer,
  dataViews,
  type DataViews,
  type WorkerReply,
  type WorkerSetup,
} from './worker-protocol.js';

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

/** Tokens the first data buffer holds: the engine's default `batching.maxTokens`. It grows on demand. */
const INITIAL_CAPACITY = DEFAULT_WAF_OPTIONS.batching.maxTokens;

/** One started worker and the shared memory it reads. */
interface Channel {
  readonly worker: Worker;
  readonly control: Int32Array;
  /** Where larger data buffers are sent (the worker reads them synchronously). */
  readonly port: MessagePort;
  data: DataViews;
  /** Number of the last request written. */
  request: number;
  /** Settles (never rejects) when the worker exits: a run in progress then fails. */
  readonly exited: Promise<{ readonly code: number; readonly error: string }>;
}

/**
 * An `InferenceBackend` whose onnxruntime-node session lives on a worker thread: onnxruntime-node
 * runs a session synchronously on the calling thread, so without this every model run would stall
 * the host app's event loop for its whole duration. Batches and scores go through shared memory and
 * the threads wake each other with Atomics (worker-protocol.ts); runs are served one at a time, in
 * order. A crashed worker fails the run in progress (the engine's `onError` policy applies) and is
 * restarted on the next run.
 */
export async function createWorkerBackend(
  modelBytes: Uint8Array,
  options: { threads: number; labels: number },
): Promise<InferenceBackend> {
  // One copy of the model for both threads (a plain buffer would be cloned into the worker, and kept
  // here too, for restarts): workerData shares a SharedArrayBuffer instead of copying it.
  const shared = new Uint8Array(new SharedArrayBuffer(modelBytes.byteLength));
  shared.set(modelBytes);
  const { labels } = options;
  let closed = false;
  let capacity = INITIAL_CAPACITY;

  function start(): Promise<Channel> {
    const control = new SharedArrayBuffer(CONTROL_SLOTS * 4);
    const data = createDataBuffer(capacity, labels);
    const { port1, port2 } = new MessageChannel();
    const setup: WorkerSetup = {
      modelBytes: shared,
      threads: options.threads,
      labels,
      control,
      data,
      port: port2,
    };
    const worker = new Worker(workerPath(), {
      workerData: setup,
      transferList: [port2],
      // The worker only shuttles typed arrays: a small young generation keeps its heap (and RSS) small.
      resourceLimits: { maxYoungGenerationSizeMb: 4 },
    });
    // Idle workers must not keep the host process alive; a run in progress does (see run()).
    worker.unref();
    port1.unref();
    const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
    return new Promise<Channel>((resolve, reject) => {
      const onEarlyExit = (code: number) =>
        reject(
          new WaferError(
            'WAFER_ERR_MODEL_CORRUPT',
            `The inference worker exited with code ${code} while loading the model.`,
          ),
        );
      worker.once('exit', onEarlyExit);
      worker.once('error', reject);
      worker.once('message', (reply: WorkerReply) => {
        worker.off('exit', onEarlyExit);
        worker.off('error', reject);
        if (reply.type === 'failed') {
          reject(
            new WaferError(
              'WAFER_ERR_MODEL_CORRUPT',
              `ONNX Runtime could not load the model: ${reply.message}`,
            ),
          );
          void worker.terminate();
          return;
        }
        // An error after start-up ends the worker: 'exit' follows, and run() reports both.
        let lastError = '';
        worker.on('error', (error) => (lastError = `: ${error.message}`));
        const channel: Channel = {
          worker,
          control: new Int32Array(control),
          port: port1,
          data: dataViews(data, labels),
          request: 0,
          exited: exited.then((code) => {
            // Wake a run waiting for this worker's answer (it then sees the exit), and start afresh next run.
            Atomics.notify(channel.control, CONTROL.response);
            if (current === ready) current = undefined;
            return { code, error: lastError };
          }),
        };
        resolve(channel);
      });
    });
  }

  /** Gives the worker a data buffer for at least `tokens` padded tokens. */
  function grow(channel: Channel, tokens: number): void {
    capacity = Math.max(tokens, capacity * 2);
    const data = createDataBuffer(capacity, labels);
    channel.port.postMessage({ data });
    channel.data = dataViews(data, labels);
    Atomics.add(channel.control, CONTROL.generation, 1);
  }

  async function exchange(channel: Channel, batch: ModelBatch): Promise<Float32Array> {
    const { control } = channel;
    const tokens = batch.batchSize * batch.sequenceLength;
    if (tokens > channel.data.capacity) grow(channel, tokens);
    channel.data.inputIds.set(batch.inputIds);
    channel.data.attentionMask.set(batch.attentionMask);
    Atomics.store(control, CONTROL.batchSize, batch.batchSize);
    Atomics.store(control, CONTROL.sequenceLength, batch.sequenceLength);
    const request = ++channel.request;
    const answered = Atomics.waitAsync(control, CONTROL.response, request - 1);
    Atomics.store(control, CONTROL.request, request);
    Atomics.notify(control, CONTROL.request);
    channel.worker.ref();
    try {
      if (answered.async) {
        const exit = await Promise.race([answered.value.then(() => undefined), channel.exited]);
        if (exit !== undefined)
          throw new Error(`inference worker exited with code ${exit.code}${exit.error}`);
      }
    } finally {
      channel.worker.unref();
    }
    const length = Atomics.load(control, CONTROL.length);
    if (Atomics.load(control, CONTROL.status) !== 0)
      throw new Error(new TextDecoder().decode(channel.data.error.slice(0, length)));
    return channel.data.probs.slice(0, length);
  }

  let ready = start();
  let current: Promise<Channel> | undefined = ready;
  await ready;
  // Runs are served one at a time, in the order they were asked for.
  let queue: Promise<unknown> = Promise.resolve();

  return {
    name: 'onnxruntime-node (worker)',
    run(batch: ModelBatch): Promise<Float32Array> {
      if (closed) return Promise.reject(new Error('backend closed'));
      // A run asked for before close() still runs: close() waits for the queue.
      const result = queue.then(async () => {
        if (current === undefined) current = ready = start();
        return exchange(await current, batch);
      });
      queue = result.catch(() => undefined);
      return result;
    },
    async close() {
      if (closed) return;
      closed = true;
      await queue;
      const channel = await current?.catch(() => undefined);
      if (channel === undefined) return;
      Atomics.store(channel.control, CONTROL.close, 1);
      Atomics.add(channel.control, CONTROL.request, 1);
      Atomics.notify(channel.control, CONTROL.request);
      const timer = setTimeout(() => void channel.worker.terminate(), 2000);
      await channel.exited;
      clearTimeout(timer);
      channel.port.close();
    },
  };
}
