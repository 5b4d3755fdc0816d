import { WaferError } from '../errors.js';

/** One file of the model bundle, as recorded in `manifest.json`. */
export interface ManifestFile {
  /** File name relative to the manifest. */
  readonly path: string;
  /** Lower-case hex SHA-256 of the file's bytes. */
  readonly sha256: string;
  readonly bytes: number;
}

/**
 * `models/manifest.json`: what the shipped model is and how to use it. Written by the training
 * pipeline (`pnpm train`), read and verified by core before the model is used.
 */
export interface ModelManifest {
  readonly name: string;
  readonly version: string;
  /** Output labels in the model's order; index 0 is `benign`. */
  readonly labels: readonly string[];
  /** Model input window length in tokens (the tokenizer's `encodeFieldWindows` maxLength). */
  readonly maxLength: number;
  /** Decision thresholds chosen on validation (`attack`: on 1 − p(benign); `classes`: per class). */
  readonly thresholds: { readonly attack: number; readonly classes: Readonly<Record<string, number>> };
  /** The ONNX model file the loader uses (float or int8, whichever the pipeline chose to ship). */
  readonly model: ManifestFile;
  readonly tokenizer: ManifestFile;
  /** Anything else the pipeline recorded (data summary, metrics, training config). */
  readonly [key: string]: unknown;
}

function invalid(message: string): never {
  throw new WaferError('WAFER_ERR_MODEL_INVALID', `Invalid model manifest: ${message}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseFile(value: unknown, name: string): ManifestFile {
  if (!isRecord(value)) invalid(`\`${name}\` must be an object { path, sha256, bytes }.`);
  const { path, sha256, bytes } = value;
  if (typeof path !== 'string' || path.length === 0 || path.includes('..'))
    invalid(`\`${name}.path\` must be a file name.`);
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256))
    invalid(`\`${name}.sha256\` must be 64 hex digits.`);
  if (typeof bytes !== 'number' || !Number.isSafeInteger(bytes) || bytes <= 0)
    invalid(`\`${name}.bytes\` must be a positive integer.`);
  return { path, sha256, bytes };
}

/**
 * Validates a parsed `manifest.json`. Throws `WaferError('WAFER_ERR_MODEL_INVALID')` naming the bad field.
 *
 * @example
 * ```ts
 * const manifest = parseModelManifest(JSON.parse(await readFile('models/manifest.json', 'utf8')));
 * manifest.labels[0]; // 'benign'
 * ```
 */
export function parseModelManifest(json: unknown): ModelManifest {
  if (!isRecord(json)) invalid('expected a JSON object.');
  const { name, version, labels, maxLength, thresholds } = json;
  if (typeof name !== 'string' || typeof version !== 'string')
    invalid('`name` and `version` must be strings.');
  if (
    !Array.isArray(labels) ||
    labels.length < 2 ||
    labels.some((l) => typeof l !== 'string') ||
    labels[0] !== 'benign'
  ) {
    invalid('`labels` must be an array of strings starting with "benign".');
  }
  if (typeof maxLength !== 'number' || !Number.isSafeInteger(maxLength) || maxLength < 8)
    invalid('`maxLength` must be an integer ≥ 8.');
  if (!isRecord(thresholds) || typeof thresholds.attack !== 'number' || !isRecord(thresholds.classes)) {
    invalid('`thresholds` must be { attack: number, classes: { [label]: number } }.');
  }
  const attack = thresholds.attack as number;
  if (!(attack > 0 && attack < 1)) invalid('`thresholds.attack` must be between 0 and 1.');
  for (const [label, value] of Object.entries(thresholds.classes as Record<string, unknown>)) {
    if (!labels.includes(label)) invalid(`\`thresholds.classes.${label}\` is not one of the labels.`);
    if (typeof value !== 'number' || !(value >= 0 && value <= 1))
      invalid(`\`thresholds.classes.${label}\` must be in [0, 1].`);
  }
  return {
    ...json,
    name,
    version,
    labels: labels as string[],
    maxLength,
    thresholds: { attack, classes: thresholds.classes as Record<string, number> },
    model: parseFile(json.model, 'model'),
    tokenizer: parseFile(json.tokenizer, 'tokenizer'),
  };
}

function toHex(buffer: ArrayBuffer): string {
  let hex = '';
  for (const byte of new Uint8Array(buffer)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** SHA-256 with WebCrypto, which Node 20, browsers and edge runtimes all provide. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

/**
 * Checks a file's bytes against its manifest entry. Throws `WaferError('WAFER_ERR_MODEL_CORRUPT')`
 * when the size or hash differs: a truncated download or an edited model must never be used silently.
 *
 * @example
 * ```ts
 * await verifyManifestFile(manifest.model, await readFile('models/model.onnx'));
 * ```
 */
export async function verifyManifestFile(entry: ManifestFile, bytes: Uint8Array): Promise<void> {
  if (bytes.length !== entry.bytes) {
    throw new WaferError(
      'WAFER_ERR_MODEL_CORRUPT',
      `${entry.path} is ${bytes.length} bytes but the manifest records ${entry.bytes}: the file is truncated or was replaced.`,
    );
  }
  const actual = await sha256Hex(bytes);
  if (actual !== entry.sha256) {
    throw new WaferError(
      'WAFER_ERR_MODEL_CORRUPT',
      `${entry.path} has sha256 ${actual} but the manifest records ${entry.sha256}.`,
    );
  }
}
