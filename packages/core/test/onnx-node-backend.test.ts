// The onnxruntime-node backend with the shipped model: by default it runs the session through
// onnxruntime-node's native binding (synchronously, `runSync`), and it must give exactly the scores of
// the public `InferenceSession` API (`direct: false`, also the fallback when the binding is not the one
// expected), report the same errors, and refuse runs after close().
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOnnxNodeBackend, packBatch, WaferError, type InferenceBackend } from '../src/index.js';
import { NOT_A_MODEL, OUT_OF_VOCABULARY_ERROR, outOfVocabularyBatch } from './support/bad-model-input.js';
import { hasShippedModel, loadShippedModel } from './support/shipped-model.js';
import { syntheticWindow as window } from './support/synthetic-window.js';

const shipped = hasShippedModel('onnx-node-backend');

describe.skipIf(!shipped)('createOnnxNodeBackend', () => {
  let direct: InferenceBackend;
  let publicApi: InferenceBackend;
  let labels: number;
  beforeAll(async () => {
    const model = loadShippedModel();
    labels = model.manifest.labels.length;
    direct = await createOnnxNodeBackend(model.modelBytes);
    publicApi = await createOnnxNodeBackend(model.modelBytes, { direct: false });
  });
  afterAll(async () => {
    await direct?.close();
    await publicApi?.close();
  });

  it('runs through the native binding by default (this onnxruntime-node version has the expected one)', () => {
    // If this fails after an onnxruntime-node upgrade, the backend silently fell back to the public API:
    // still correct, but the worker pays an event-loop turn per run again. Update loadNativeBinding().
    expect(typeof direct.runSync).toBe('function');
    expect(publicApi.runSync).toBeUndefined();
  });

  it('gives exactly the scores of the public InferenceSession API, sync and async', async () => {
    for (const [count, length] of [
      [1, 3],
      [1, 64],
      [5, 17],
      [8, 128],
    ] as const) {
      const batch = packBatch(Array.from({ length: count }, (_, i) => window(length - (i % 3), i)));
      const expected = Array.from(await publicApi.run(batch));
      expect(expected).toHaveLength(count * labels);
      expect(Array.from(direct.runSync!(batch))).toEqual(expected);
      expect(Array.from(await direct.run(batch))).toEqual(expected);
    }
  });

  it("reports ONNX Runtime's error for a bad batch, then serves the next one", async () => {
    const bad = outOfVocabularyBatch();
    expect(() => direct.runSync!(bad)).toThrow(OUT_OF_VOCABULARY_ERROR);
    await expect(direct.run(bad)).rejects.toThrow(OUT_OF_VOCABULARY_ERROR);
    await expect(publicApi.run(bad)).rejects.toThrow(OUT_OF_VOCABULARY_ERROR);
    const good = packBatch([window(12, 3)]);
    expect(Array.from(direct.runSync!(good))).toEqual(Array.from(await publicApi.run(good)));
  });

  it('runs on a later turn of the event loop, never inside the caller’s tick', async () => {
    let ticked = false;
    const run = direct.run(packBatch([window(9, 1)]));
    queueMicrotask(() => (ticked = true));
    await run;
    expect(ticked).toBe(true);
  });

  it.each([true, false])(
    'fails with WAFER_ERR_MODEL_CORRUPT on bytes that are not a model (direct: %s)',
    async (useDirect) => {
      const error = await createOnnxNodeBackend(NOT_A_MODEL, {
        direct: useDirect,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WaferError);
      expect((error as WaferError).code).toBe('WAFER_ERR_MODEL_CORRUPT');
    },
  );

  it('refuses runs after close()', async () => {
    const backend = await createOnnxNodeBackend(loadShippedModel().modelBytes);
    await backend.close();
    await backend.close(); // twice is harmless
    expect(() => backend.runSync!(packBatch([window(5, 1)]))).toThrow(/closed/);
    await expect(backend.run(packBatch([window(5, 1)]))).rejects.toThrow(/closed/);
  });
});
