import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  checkScoreParity,
  checkTokenParity,
  createOnnxNodeBackend,
  createTokenizer,
  parseModelManifest,
  parseTokenizerJson,
  verifyManifestFile,
  type ParityFixture,
  type TokenParityCase,
} from '../../../packages/core/src/index.js';

/**
 * Verifies a bundle with @wafer/core exactly as the product loads it: manifest shape and sha256 of
 * every file, tokenizer ids equal to the training pipeline's, and ONNX Runtime (Node) scores equal to
 * torch's within the fixture tolerance. Throws on any mismatch; returns a one-line report.
 */
export async function verifyBundle(bundleDir: string): Promise<string> {
  const manifest = parseModelManifest(
    JSON.parse(await readFile(path.join(bundleDir, 'manifest.json'), 'utf8')),
  );
  const modelBytes = await readFile(path.join(bundleDir, manifest.model.path));
  await verifyManifestFile(manifest.model, modelBytes);
  const tokenizerBytes = await readFile(path.join(bundleDir, manifest.tokenizer.path));
  await verifyManifestFile(manifest.tokenizer, tokenizerBytes);

  const tokenizer = createTokenizer(parseTokenizerJson(JSON.parse(tokenizerBytes.toString('utf8'))));
  const cases = (await readFile(path.join(bundleDir, 'parity/parity-fields.jsonl'), 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as TokenParityCase);
  const tokenMismatches = checkTokenParity(tokenizer, cases, manifest.maxLength);
  if (tokenMismatches.length > 0)
    throw new Error(`tokenizer parity failed for ${tokenMismatches.length} of ${cases.length} fields`);

  const fixture = JSON.parse(
    await readFile(path.join(bundleDir, 'parity/parity.json'), 'utf8'),
  ) as ParityFixture;
  const backend = await createOnnxNodeBackend(modelBytes);
  try {
    const variant = typeof manifest.variant === 'string' ? manifest.variant : 'float';
    const { maxAbsDiff, windows } = await checkScoreParity(backend, fixture, variant);
    if (!(maxAbsDiff <= fixture.tolerance)) {
      throw new Error(
        `ONNX Runtime scores differ from torch by ${maxAbsDiff} (tolerance ${fixture.tolerance})`,
      );
    }
    return `verified: sha256 ok, tokenizer parity ${cases.length}/${cases.length} fields, ONNX parity ${windows} windows max |Δ| ${maxAbsDiff.toExponential(2)} ≤ ${fixture.tolerance}`;
  } finally {
    await backend.close();
  }
}
