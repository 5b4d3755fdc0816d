// The shipped model bundle (models/): manifest, sha256 verification, tokenizer parity with the training
// pipeline and ONNX Runtime (Node) parity with torch's scores — with the real model, no mocks.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkScoreParity,
  checkTokenParity,
  createOnnxNodeBackend,
  createTokenizer,
  parseModelManifest,
  parseTokenizerJson,
  verifyManifestFile,
  WaferError,
  type InferenceBackend,
  type ModelManifest,
  type ParityFixture,
  type TokenParityCase,
} from '../src/index.js';

const MODELS = fileURLToPath(new URL('../../../models/', import.meta.url));
const shipped = existsSync(`${MODELS}manifest.json`);
if (!shipped)
  console.warn(`[model-bundle] skipped: no shipped model at ${MODELS}manifest.json (run \`pnpm train\`)`);

describe.skipIf(!shipped)('shipped model bundle', () => {
  let manifest: ModelManifest;
  let modelBytes: Uint8Array;
  let backend: InferenceBackend;

  beforeAll(async () => {
    manifest = parseModelManifest(JSON.parse(readFileSync(`${MODELS}manifest.json`, 'utf8')));
    modelBytes = readFileSync(`${MODELS}${manifest.model.path}`);
    backend = await createOnnxNodeBackend(modelBytes);
  });
  afterAll(async () => backend?.close());

  it('has a valid manifest whose files match their sha256', async () => {
    expect(manifest.labels[0]).toBe('benign');
    expect(manifest.model.bytes).toBeLessThanOrEqual(8 * 1024 * 1024);
    await verifyManifestFile(manifest.model, modelBytes);
    await verifyManifestFile(manifest.tokenizer, readFileSync(`${MODELS}${manifest.tokenizer.path}`));
  });

  it('rejects a corrupted model file', async () => {
    const corrupt = Uint8Array.from(modelBytes);
    const middle = corrupt.length >> 1;
    corrupt[middle] = corrupt[middle]! ^ 0xff;
    await expect(verifyManifestFile(manifest.model, corrupt)).rejects.toMatchObject({
      code: 'WAFER_ERR_MODEL_CORRUPT',
    });
    await expect(verifyManifestFile(manifest.model, corrupt.subarray(1))).rejects.toBeInstanceOf(WaferError);
  });

  it('tokenizes exactly as the training pipeline did', () => {
    const tokenizer = createTokenizer(
      parseTokenizerJson(JSON.parse(readFileSync(`${MODELS}${manifest.tokenizer.path}`, 'utf8'))),
    );
    const cases = readFileSync(`${MODELS}parity/parity-fields.jsonl`, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as TokenParityCase);
    expect(cases.length).toBeGreaterThan(20);
    expect(checkTokenParity(tokenizer, cases, manifest.maxLength)).toEqual([]);
  });

  it('reproduces torch scores with onnxruntime-node within 1e-4', async () => {
    const fixture = JSON.parse(readFileSync(`${MODELS}parity/parity.json`, 'utf8')) as ParityFixture;
    const { maxAbsDiff, windows } = await checkScoreParity(backend, fixture, String(manifest.variant));
    expect(windows).toBeGreaterThanOrEqual(32);
    expect(maxAbsDiff).toBeLessThanOrEqual(1e-4);
  });
});

describe('manifest validation', () => {
  it('explains what is wrong', () => {
    expect(() => parseModelManifest({ name: 'x', version: '1', labels: ['sqli'] })).toThrow(/labels/);
    expect(() => parseModelManifest('nope')).toThrow(
      expect.objectContaining({ code: 'WAFER_ERR_MODEL_INVALID' }),
    );
  });
});
