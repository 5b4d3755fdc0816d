import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WaferError } from '../../errors.js';
import { parseModelManifest } from '../../model/manifest.js';
import { loadModelBundle, type ModelBundle } from '../model-bundle.js';

/**
 * Where the shipped model is: `model/` in the installed package (copied there by the build), or,
 * when running from this repository's sources, `models/` at its root.
 */
export function shippedModelDir(): string {
  const candidates = ['../model/', '../../../model/', '../../../models/', '../../../../../models/'];
  for (const candidate of candidates) {
    const dir = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(join(dir, 'manifest.json'))) return dir;
  }
  throw new WaferError(
    'WAFER_ERR_MODEL_NOT_FOUND',
    'The model shipped with @wafer/core was not found (expected node_modules/@wafer/core/model/manifest.json). Reinstall the package or pass { model: { path } }.',
  );
}

async function read(path: string, what: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new WaferError(
      'WAFER_ERR_MODEL_NOT_FOUND',
      `Cannot read the ${what} at ${path}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}

/**
 * Loads and verifies a model bundle from a folder holding `manifest.json` (or from the manifest
 * file itself): the files the manifest names are read from beside it and checked against their
 * sha256 before use.
 *
 * @throws {WaferError} `WAFER_ERR_MODEL_NOT_FOUND`, `WAFER_ERR_MODEL_INVALID` or `WAFER_ERR_MODEL_CORRUPT`.
 */
export async function loadModelDir(path: string): Promise<ModelBundle> {
  const absolute = resolve(path);
  const manifestPath =
    existsSync(absolute) && statSync(absolute).isDirectory() ? join(absolute, 'manifest.json') : absolute;
  const dir = dirname(manifestPath);
  const manifestBytes = await read(manifestPath, 'model manifest');
  let manifestJson: unknown;
  try {
    manifestJson = JSON.parse(new TextDecoder().decode(manifestBytes));
  } catch (error) {
    throw new WaferError('WAFER_ERR_MODEL_INVALID', `${manifestPath} is not valid JSON: ${String(error)}`, {
      cause: error,
    });
  }
  const manifest = parseModelManifest(manifestJson);
  const [model, tokenizer] = await Promise.all([
    read(join(dir, manifest.model.path), 'model'),
    read(join(dir, manifest.tokenizer.path), 'tokenizer'),
  ]);
  return loadModelBundle({ manifest: manifestJson as object, model, tokenizer });
}
