// The worker-thread backend with the real worker script, onnxruntime-node and the shipped model:
// scores identical to an in-process session, concurrent runs answered in order, batches larger than
// the shared buffer, errors from ONNX Runtime reported without losing the worker, and shutdown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOnnxNodeBackend, packBatch, WaferError, type InferenceBackend } from '../src/index.js';
import { createWorkerBackend } from '../src/waf/node/worker-backend.js';
import { NOT_A_MODEL, OUT_OF_VOCABULARY_ERROR, outOfVocabularyBatch } from './support/bad-model-input.js';
import { hasShippedModel, loadShippedModel } from './support/shipped-model.js';
import { syntheticWindow as window } from './support/synthetic-window.js';

const shipped = hasShippedModel('worker-backend');

describe.skipIf(!shipped)('createWorkerBackend', () => {
  let inProcess: InferenceBackend;
  let worker: InferenceBackend;
  let labels: number;
  beforeAll(async () => {
    const model = loadShippedModel();
    labels = model.manifest.labels.length;
    inProcess = await createOnnxNodeBackend(model.modelBytes);
    worker = await createWorkerBackend(model.modelBytes, { threads: 1, labels });
  });
  afterAll(async () => {
    await inProcess?.close();
    await worker?.close();
  });

  it('gives the same scores as a session on the calling thread', async () => {
    for (const [count, length] of [
      [1, 3],
      [1, 64],
      [5, 17],
      [8, 128],
    ] as const) {
      const windows = Array.from({ length: count }, (_, i) => window(length - (i % 3), i));
      const expected = await inProcess.run(packBatch(windows));
      const got = await worker.run(packBatch(windows));
      expect(got).toHaveLength(count * labels);
      expect(Array.from(got)).toEqual(Array.from(expected));
    }
  });

  it('answers concurrent runs in order, each with its own scores', async () => {
    const batches = Array.from({ length: 12 }, (_, i) =>
      packBatch([window(5 + i * 9, i), window(4 + i, i + 50)]),
    );
    const expected: Float32Array[] = [];
    for (const batch of batches) expected.push(await inProcess.run(batch)); // neither backend alters a batch
    const got = await Promise.all(batches.map((batch) => worker.run(batch)));
    got.forEach((probs, i) => expect(Array.from(probs)).toEqual(Array.from(expected[i]!)));
  });

  it('grows its shared buffer for a batch larger than it, then keeps serving small ones', async () => {
    const big = Array.from({ length: 40 }, (_, i) => window(100, i)); // 4,000 tokens, buffer starts at 1,024
    const expected = await inProcess.run(packBatch(big));
    expect(Array.from(await worker.run(packBatch(big)))).toEqual(Array.from(expected));
    const small = [window(9, 1)];
    expect(Array.from(await worker.run(packBatch(small)))).toEqual(
      Array.from(await inProcess.run(packBatch(small))),
    );
  });

  it("reports ONNX Runtime's error for a bad batch and serves the next one", async () => {
    await expect(worker.run(outOfVocabularyBatch())).rejects.toThrow(OUT_OF_VOCABULARY_ERROR);
    const good = [window(12, 3)];
    expect(Array.from(await worker.run(packBatch(good)))).toEqual(
      Array.from(await inProcess.run(packBatch(good))),
    );
  });

  it('fails to start with WAFER_ERR_MODEL_CORRUPT on bytes that are not a model', async () => {
    const error = await createWorkerBackend(NOT_A_MODEL, {
      threads: 1,
      labels,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaferError);
    expect((error as WaferError).code).toBe('WAFER_ERR_MODEL_CORRUPT');
  });

  it('closes: the worker exits, and later runs are refused', async () => {
    const own = await createWorkerBackend(loadShippedModel().modelBytes, { threads: 1, labels });
    const pending = own.run(packBatch([window(20, 1)]));
    await own.close(); // waits for the run in progress
    expect(await pending).toHaveLength(labels);
    await expect(own.run(packBatch([window(20, 2)]))).rejects.toThrow(/closed/);
  });
});
