import { WaferError } from '../errors.js';
import { parseModelManifest, verifyManifestFile, type ModelManifest } from '../model/manifest.js';
import { parseTokenizerJson } from '../tokenize/tokenizer-json.js';
import { createTokenizer, type Tokenizer } from '../tokenize/tokenizer.js';
import type { ModelBytes } from './options.js';

/** A verified model bundle: manifest, tokenizer and the ONNX bytes, ready for a backend. */
export interface ModelBundle {
  readonly manifest: ModelManifest;
  readonly tokenizer: Tokenizer;
  readonly modelBytes: Uint8Array;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseJson(what: string, input: Uint8Array | string | object): unknown {
  if (typeof input === 'object' && !(input instanceof Uint8Array)) return input;
  try {
    return JSON.parse(typeof input === 'string' ? input : utf8.decode(input));
  } catch (error) {
    throw new WaferError('WAFER_ERR_MODEL_INVALID', `${what} is not valid UTF-8 JSON: ${String(error)}`, {
      cause: error,
    });
  }
}

/**
 * Verifies and loads a bundle from its files' contents: the manifest is validated, the model's
 * bytes and the tokenizer's (when given as bytes) must match the manifest's size and sha256.
 *
 * @throws {WaferError} `WAFER_ERR_MODEL_INVALID` (bad manifest or tokenizer format),
 *   `WAFER_ERR_MODEL_CORRUPT` (a file does not match its sha256 or size).
 */
export async function loadModelBundle(files: ModelBytes): Promise<ModelBundle> {
  const manifest = parseModelManifest(parseJson('manifest.json', files.manifest));
  await verifyManifestFile(manifest.model, files.model);
  if (files.tokenizer instanceof Uint8Array) await verifyManifestFile(manifest.tokenizer, files.tokenizer);
  else if (typeof files.tokenizer === 'string')
    await verifyManifestFile(manifest.tokenizer, new TextEncoder().encode(files.tokenizer));
  let tokenizer: Tokenizer;
  try {
    tokenizer = createTokenizer(parseTokenizerJson(parseJson(manifest.tokenizer.path, files.tokenizer)));
  } catch (error) {
    if (error instanceof WaferError && error.code === 'WAFER_ERR_MODEL_INVALID') throw error;
    throw new WaferError(
      'WAFER_ERR_MODEL_INVALID',
      `${manifest.tokenizer.path} is not a Wafer tokenizer: ${String(error)}`,
      {
        cause: error,
      },
    );
  }
  if (tokenizer.vocabSize <= 0)
    throw new WaferError('WAFER_ERR_MODEL_INVALID', `${manifest.tokenizer.path} has an empty vocabulary.`);
  return { manifest, tokenizer, modelBytes: files.model };
}
