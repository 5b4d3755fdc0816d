import { WaferError } from '../errors.js';
import { parseModelManifest } from '../model/manifest.js';
import { loadModelBundle, type ModelBundle } from './model-bundle.js';

async function fetchBytes(url: URL, what: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new WaferError(
      'WAFER_ERR_MODEL_NOT_FOUND',
      `Cannot fetch the ${what} at ${url.href}: ${String(error)}`,
      {
        cause: error,
      },
    );
  }
  if (!response.ok)
    throw new WaferError(
      'WAFER_ERR_MODEL_NOT_FOUND',
      `Cannot fetch the ${what} at ${url.href}: HTTP ${response.status}.`,
    );
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Fetches and verifies a model bundle over HTTP(S): `url` is the folder (ending in `/`) holding
 * `manifest.json`, or the manifest's own URL; the files it names are fetched beside it. Relative
 * URLs resolve against the page (`location.href`) where there is one.
 *
 * @throws {WaferError} `WAFER_ERR_MODEL_NOT_FOUND`, `WAFER_ERR_MODEL_INVALID` or `WAFER_ERR_MODEL_CORRUPT`.
 */
export async function loadModelFromUrl(url: string): Promise<ModelBundle> {
  const base = (globalThis as { location?: { href: string } }).location?.href;
  let manifestUrl: URL;
  try {
    manifestUrl = new URL(url.endsWith('/') ? `${url}manifest.json` : url, base);
  } catch (error) {
    throw new WaferError(
      'WAFER_ERR_INVALID_OPTION',
      `createWaf: \`model.url\` is not a URL: ${JSON.stringify(url)}.`,
      {
        cause: error,
      },
    );
  }
  const manifestBytes = await fetchBytes(manifestUrl, 'model manifest');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(manifestBytes));
  } catch (error) {
    throw new WaferError(
      'WAFER_ERR_MODEL_INVALID',
      `${manifestUrl.href} is not valid JSON: ${String(error)}`,
      { cause: error },
    );
  }
  const manifest = parseModelManifest(json);
  const [model, tokenizer] = await Promise.all([
    fetchBytes(new URL(manifest.model.path, manifestUrl), 'model'),
    fetchBytes(new URL(manifest.tokenizer.path, manifestUrl), 'tokenizer'),
  ]);
  return loadModelBundle({ manifest: json as object, model, tokenizer });
}
