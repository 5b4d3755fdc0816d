// The shipped model bundle (models/) as tests need it, read once per test file. Tests that need it skip
// with a message when it is absent (a fresh clone before `pnpm train`), like model-bundle.test.ts.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  createTokenizer,
  parseModelManifest,
  parseTokenizerJson,
  type ModelManifest,
  type ParityFixture,
  type Tokenizer,
} from '../../src/index.js';

/** `models/` at the repository root, with a trailing slash. */
export const MODELS_DIR = fileURLToPath(new URL('../../../../models/', import.meta.url));

/** Whether `models/manifest.json` exists; when it does not, warns once in `name`'s words. */
export function hasShippedModel(name: string): boolean {
  const shipped = existsSync(`${MODELS_DIR}manifest.json`);
  if (!shipped)
    console.warn(`[${name}] skipped: no shipped model at ${MODELS_DIR}manifest.json (run \`pnpm train\`)`);
  return shipped;
}

export interface ShippedModel {
  readonly manifest: ModelManifest;
  readonly modelBytes: Uint8Array;
  readonly tokenizer: Tokenizer;
  /** `models/parity/parity.json`: windows and the probabilities torch computed for them. */
  readonly parity: ParityFixture;
}

/** Reads and parses the manifest, model bytes, tokenizer and score-parity fixture. */
export function loadShippedModel(): ShippedModel {
  const manifest = parseModelManifest(JSON.parse(readFileSync(`${MODELS_DIR}manifest.json`, 'utf8')));
  return {
    manifest,
    modelBytes: readFileSync(`${MODELS_DIR}${manifest.model.path}`),
    tokenizer: createTokenizer(
      parseTokenizerJson(JSON.parse(readFileSync(`${MODELS_DIR}${manifest.tokenizer.path}`, 'utf8'))),
    ),
    parity: JSON.parse(readFileSync(`${MODELS_DIR}parity/parity.json`, 'utf8')) as ParityFixture,
  };
}
