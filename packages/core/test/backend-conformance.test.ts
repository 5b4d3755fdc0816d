// One suite, run against every InferenceBackend (Hono's router cases are the model): each must reproduce
// torch's scores on the parity fixture, agree with onnxruntime-node on real fields in mixed batches, and
// fail the same way on a broken model. With the real shipped model; no mocks.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkScoreParity,
  createOnnxNodeBackend,
  encodeFieldWindows,
  extractFields,
  createWafEngine,
  loadModelBundle,
  packBatch,
  parseHttpMessage,
  resolveWafOptions,
  type Decision,
  type InferenceBackend,
  type TokenParityCase,
} from '../src/index.js';
import { createOnnxWebBackend } from '../src/web.js';
import { hasShippedModel, loadShippedModel, MODELS_DIR, type ShippedModel } from './support/shipped-model.js';

/** Builds the backend under test from the shipped model's bytes. */
type BackendFactory = (modelBytes: Uint8Array) => Promise<InferenceBackend>;

const HTTP_FIXTURES = fileURLToPath(new URL('./fixtures/http/', import.meta.url));
const TOLERANCE = 1e-4;
/**
 * The shipped int8 model quantizes each Linear's input to a fixed uint8 grid. Backends compute the float
 * ops between (LayerNorm, softmax, GELU) with different SIMD code, so once in a while an activation that
 * sits within ~1e-7 of a rounding boundary lands in the neighbouring cell on one of them, and that
 * window's probabilities move by one grid step's worth. Measured between onnxruntime-node and -web on
 * 4,135 real test-split windows: max 7.9e-6, none over 1e-5; among this suite's windows, one 128-token
 * window of the long UNION SELECT field moved 1.13e-4. So a quantized model may have a few windows
 * (at most 2 %) past 1e-4 but none past QUANTIZED_OUTLIER; labels must still agree on every window.
 */
const QUANTIZED_OUTLIER = 1e-3;
const QUANTIZED_OUTLIER_SHARE = 0.02;
/** Batch sizes cycled over the real windows, so every backend sees singles, odd sizes and full batches. */
const BATCH_SIZES = [1, 16, 5, 3, 16, 8, 2];
/** Fields too long for one window (none of the fixtures is), so that full 128-token windows are scored. */
const LONG_FIELDS = [
  {
    location: 'body',
    kind: 'value',
    name: 'review',
    value:
      'Bought this kettle for our office kitchen after the old one started leaking. It boils a full litre in ' +
      'just under three minutes, the lid opens with one hand and the filter comes out for cleaning without ' +
      'tools. The temperature presets (70, 80, 90 and 100 degrees) are handy for green tea. Only complaint: ' +
      'the cord is short, so it has to sit right next to the socket. Would buy again, four stars out of five.',
  },
  {
    location: 'query',
    kind: 'value',
    name: 'id',
    value: `1' UNION SELECT ${Array.from({ length: 48 }, (_, i) => `NULL,concat(0x7e,table_name,${i})`).join(',')} FROM information_schema.tables WHERE table_schema=database()-- -`,
  },
] as const;

const shipped = hasShippedModel('backend-conformance');
let model: ShippedModel;
let windows: Int32Array[];
let batches: Int32Array[][];
let reference: InferenceBackend;

/**
 * Real model input: the fields the training pipeline wrote for token parity, plus every field the
 * extractor finds in the .http fixtures, cut into windows by the real tokenizer exactly as at inference.
 */
function realWindows({ tokenizer, manifest }: ShippedModel): Int32Array[] {
  const fields: Array<Parameters<typeof encodeFieldWindows>[1]> = readFileSync(
    `${MODELS_DIR}parity/parity-fields.jsonl`,
    'utf8',
  )
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as TokenParityCase).field);
  fields.push(...LONG_FIELDS);
  for (const file of readdirSync(HTTP_FIXTURES).filter((f) => f.endsWith('.http'))) {
    const parsed = parseHttpMessage(readFileSync(`${HTTP_FIXTURES}${file}`));
    if (parsed.ok) fields.push(...extractFields(parsed.request).fields);
  }
  return fields.flatMap(
    (field) => encodeFieldWindows(tokenizer, field, { maxLength: manifest.maxLength }).windows,
  );
}

function cutIntoBatches(all: Int32Array[]): Int32Array[][] {
  const longest = all.reduce((a, b) => (b.length > a.length ? b : a));
  const out: Int32Array[][] = [[longest]];
  for (let start = 0, i = 0; start < all.length; i++) {
    const size = BATCH_SIZES[i % BATCH_SIZES.length]!;
    out.push(all.slice(start, start + size));
    start += size;
  }
  return out;
}

function argmaxRows(probs: Float32Array, labels: number): number[] {
  const rows: number[] = [];
  for (let offset = 0; offset < probs.length; offset += labels) {
    let best = 0;
    for (let j = 1; j < labels; j++) if (probs[offset + j]! > probs[offset + best]!) best = j;
    rows.push(best);
  }
  return rows;
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

if (shipped) {
  beforeAll(async () => {
    model = loadShippedModel();
    windows = realWindows(model);
    batches = cutIntoBatches(windows);
    // onnxruntime-node is the reference the other backends are held to (it is itself held to torch).
    reference = await createOnnxNodeBackend(model.modelBytes);
  }, 60_000);
  afterAll(async () => reference?.close());
}

/**
 * Registers the conformance cases for one backend. Every case holds for any correct backend: add cases
 * here (not in a backend's own test) so that all implementations keep answering alike.
 */
function describeBackendConformance(name: string, factory: BackendFactory, variant?: string): void {
  describe.skipIf(!shipped)(`InferenceBackend conformance: ${name}${variant ? ` (${variant})` : ''}`, () => {
    let backend: InferenceBackend;

    beforeAll(async () => {
      backend = await factory(model.modelBytes);
    }, 60_000);
    afterAll(async () => backend?.close());

    it('reports its name', () => {
      expect(backend.name).toBe(name);
    });

    it('reproduces torch scores on models/parity/parity.json within 1e-4', async () => {
      const result = await checkScoreParity(backend, model.parity, String(model.manifest.variant));
      expect(result.windows).toBeGreaterThanOrEqual(32);
      expect(result.maxAbsDiff).toBeLessThanOrEqual(model.parity.tolerance);
    });

    it('returns batchSize × labels probabilities that sum to 1 per row', async () => {
      const labels = model.manifest.labels.length;
      const batch = packBatch(windows.slice(0, 5));
      const probs = await backend.run(batch);
      expect(probs).toBeInstanceOf(Float32Array);
      expect(probs.length).toBe(batch.batchSize * labels);
      for (let row = 0; row < batch.batchSize; row++) {
        const sum = probs.subarray(row * labels, (row + 1) * labels).reduce((a, b) => a + b, 0);
        expect(Math.abs(sum - 1)).toBeLessThanOrEqual(TOLERANCE);
      }
    });

    it('agrees with onnxruntime-node on real fields in mixed batches (same label; 1e-4, see QUANTIZED_OUTLIER)', async () => {
      expect(windows.length).toBeGreaterThanOrEqual(48);
      expect(windows.some((w) => w.length === model.manifest.maxLength)).toBe(true);
      expect(batches.some((b) => b.length === 16)).toBe(true);
      const labels = model.manifest.labels.length;
      const perWindow: number[] = [];
      for (const windowsOfBatch of batches) {
        const batch = packBatch(windowsOfBatch);
        const [actual, expected] = await Promise.all([backend.run(batch), reference.run(batch)]);
        for (let row = 0; row < batch.batchSize; row++) {
          const span = [row * labels, (row + 1) * labels] as const;
          perWindow.push(maxAbsDiff(actual.subarray(...span), expected.subarray(...span)));
        }
        expect(argmaxRows(actual, labels)).toEqual(argmaxRows(expected, labels));
      }
      const outliers = perWindow.filter((diff) => diff > TOLERANCE);
      if (model.manifest.variant === 'float') {
        expect(outliers).toEqual([]);
      } else {
        expect(outliers.length).toBeLessThanOrEqual(Math.floor(perWindow.length * QUANTIZED_OUTLIER_SHARE));
        expect(Math.max(...perWindow)).toBeLessThanOrEqual(QUANTIZED_OUTLIER);
      }
    });

    it('scores a window the same alone and padded inside a batch', async () => {
      const labels = model.manifest.labels.length;
      const short = windows.reduce((a, b) => (b.length < a.length ? b : a));
      const long = windows.reduce((a, b) => (b.length > a.length ? b : a));
      const alone = await backend.run(packBatch([short]));
      const padded = await backend.run(packBatch([long, short]));
      expect(maxAbsDiff(alone, padded.subarray(labels, 2 * labels))).toBeLessThanOrEqual(TOLERANCE);
    });

    it('makes the same decisions as onnxruntime-node through createWafEngine (action, classes, evidence; scores 1e-4)', async () => {
      const options = resolveWafOptions({ worker: false, cache: false, mode: 'block', timeBudgetMs: 10_000 });
      const bundle = await loadModelBundle({
        manifest: model.manifest,
        model: model.modelBytes,
        tokenizer: readFileSync(`${MODELS_DIR}${model.manifest.tokenizer.path}`),
      });
      // Engines close their backend: give each its own.
      const engine = createWafEngine(bundle, await factory(model.modelBytes), options);
      const referenceEngine = createWafEngine(bundle, await createOnnxNodeBackend(model.modelBytes), options);
      try {
        const requests = readdirSync(HTTP_FIXTURES)
          .filter((file) => file.endsWith('.http'))
          .map((file) => parseHttpMessage(readFileSync(`${HTTP_FIXTURES}${file}`)))
          .flatMap((result) => (result.ok ? [result.request] : []));
        expect(requests.length).toBeGreaterThanOrEqual(10);
        let attacks = 0;
        for (const request of requests) {
          const [actual, expected] = await Promise.all([
            engine.inspect(request),
            referenceEngine.inspect(request),
          ]);
          expect(actual.action).toBe(expected.action);
          expect(actual.attackClass).toBe(expected.attackClass);
          expect(Math.abs(actual.score - expected.score)).toBeLessThanOrEqual(TOLERANCE);
          for (const cls of Object.keys(expected.classScores))
            expect(Math.abs(actual.classScores[cls]! - expected.classScores[cls]!)).toBeLessThanOrEqual(
              TOLERANCE,
            );
          const strip = (d: Decision) =>
            d.findings.map((f) =>
              'score' in f ? { ...f, score: 0, evidence: f.evidence && { ...f.evidence, score: 0 } } : f,
            );
          expect(strip(actual)).toEqual(strip(expected));
          if (expected.attack) attacks++;
        }
        expect(attacks).toBeGreaterThanOrEqual(5);
      } finally {
        await engine.close();
        await referenceEngine.close();
      }
    });

    it('rejects bytes that are not an ONNX model with WAFER_ERR_MODEL_CORRUPT', async () => {
      await expect(factory(model.modelBytes.subarray(0, 4096))).rejects.toMatchObject({
        name: 'WaferError',
        code: 'WAFER_ERR_MODEL_CORRUPT',
      });
    });
  });
}

describeBackendConformance('onnxruntime-node', (bytes) => createOnnxNodeBackend(bytes));
// The public InferenceSession API: what the node backend falls back to when its native binding is not the expected one.
describeBackendConformance(
  'onnxruntime-node',
  (bytes) => createOnnxNodeBackend(bytes, { direct: false }),
  'public API',
);
describeBackendConformance('onnxruntime-web', (bytes) => createOnnxWebBackend(bytes));
