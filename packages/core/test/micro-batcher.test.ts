// The micro-batcher with the real onnxruntime-node backend and shipped model: windows submitted together
// share runs, runs never mix length buckets or exceed maxBatch, and every window gets its own row back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOnnxNodeBackend, packBatch, type InferenceBackend, type ModelBatch } from '../src/index.js';
import { MicroBatcher } from '../src/waf/micro-batcher.js';
import { hasShippedModel, loadShippedModel } from './support/shipped-model.js';
import { syntheticWindow as window } from './support/synthetic-window.js';

const shipped = hasShippedModel('micro-batcher');

/** The real backend, recording each run's shape. */
function recording(backend: InferenceBackend, runs: ModelBatch[]): InferenceBackend {
  return {
    name: backend.name,
    run: (batch) => (runs.push(batch), backend.run(batch)),
    close: () => backend.close(),
  };
}

describe.skipIf(!shipped)('MicroBatcher', () => {
  let backend: InferenceBackend;
  let labels: number;
  beforeAll(async () => {
    const model = loadShippedModel();
    labels = model.manifest.labels.length;
    backend = await createOnnxNodeBackend(model.modelBytes);
  });
  afterAll(async () => backend?.close());

  it('runs windows submitted in the same turn together, each getting its own row', async () => {
    const runs: ModelBatch[] = [];
    const batcher = new MicroBatcher(recording(backend, runs), labels, 32, 0);
    const windows = Array.from({ length: 12 }, (_, i) => window(10 + (i % 5), i));
    const rows = await Promise.all(windows.map((w) => batcher.score(w)));
    expect(runs).toHaveLength(1);
    const alone = await Promise.all(windows.map((w) => backend.run(packBatch([w]))));
    rows.forEach((row, i) => {
      expect(row).toHaveLength(labels);
      for (let c = 0; c < labels; c++) expect(Math.abs(row[c]! - alone[i]![c]!)).toBeLessThan(1e-4);
    });
  });

  it('keeps length buckets apart and respects maxBatch', async () => {
    const runs: ModelBatch[] = [];
    const batcher = new MicroBatcher(recording(backend, runs), labels, 4, 0);
    const short = Array.from({ length: 9 }, (_, i) => window(12, i));
    const long = Array.from({ length: 3 }, (_, i) => window(100, i));
    await Promise.all([...short, ...long].map((w) => batcher.score(w)));
    expect(runs.every((r) => r.batchSize <= 4)).toBe(true);
    expect(runs.every((r) => r.sequenceLength <= 16 || r.sequenceLength > 64)).toBe(true);
    expect(runs.reduce((n, r) => n + r.batchSize, 0)).toBe(12);
    expect(batcher.windows).toBe(12);
  });

  it('keeps each run within maxTokens padded tokens, and runs a window alone when two would not fit', async () => {
    const runs: ModelBatch[] = [];
    const batcher = new MicroBatcher(recording(backend, runs), labels, 32, 0, 200);
    const mid = Array.from({ length: 10 }, (_, i) => window(60 + (i % 4), i)); // padded to 63: 3 per run
    const long = [window(120, 1), window(128, 2), window(100, 3)]; // two would pad past 200 tokens: one per run
    const rows = await Promise.all([...mid, ...long].map((w) => batcher.score(w)));
    expect(rows.every((row) => row.length === labels)).toBe(true);
    expect(runs.every((r) => r.batchSize === 1 || r.batchSize * r.sequenceLength <= 200)).toBe(true);
    expect(runs.filter((r) => r.sequenceLength > 64).map((r) => r.batchSize)).toEqual([1, 1, 1]);
    expect(runs.filter((r) => r.sequenceLength <= 64).map((r) => r.batchSize)).toEqual([3, 3, 3, 1]);

    // A window longer than the cap itself is never starved: it runs alone.
    const tight = new MicroBatcher(recording(backend, runs), labels, 32, 0, 64);
    const [row] = await Promise.all([tight.score(window(100, 4)), tight.score(window(90, 5))]);
    expect(row).toHaveLength(labels);
    expect(runs.slice(-2).map((r) => [r.batchSize, r.sequenceLength])).toEqual([
      [1, 100],
      [1, 90],
    ]);
  });

  it('lets windows submitted during a run share the next one', async () => {
    const runs: ModelBatch[] = [];
    const batcher = new MicroBatcher(recording(backend, runs), labels, 32, 0);
    const first = batcher.score(window(12, 1));
    await new Promise((resolve) => setImmediate(resolve)); // the first run has started
    const later = Array.from({ length: 6 }, (_, i) => batcher.score(window(12, 10 + i)));
    await Promise.all([first, ...later]);
    expect(runs.map((r) => r.batchSize)).toEqual([1, 6]);
  });

  it('rejects every window of a failed run', async () => {
    const failing: InferenceBackend = {
      name: 'closed',
      run: async (batch) => {
        const closed = await createOnnxNodeBackend(loadShippedModel().modelBytes);
        await closed.close();
        return closed.run(batch); // a real ONNX Runtime error: the session was released
      },
      close: async () => {},
    };
    const batcher = new MicroBatcher(failing, labels, 32, 0);
    const results = await Promise.allSettled([batcher.score(window(12, 1)), batcher.score(window(12, 2))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
