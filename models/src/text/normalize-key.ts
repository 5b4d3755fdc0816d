import { percentDecode } from './percent.js';

/**
 * A normalization-key function: texts with the same key count as the same payload for
 * de-duplication and for split grouping. Pluggable because the real key will be
 * `@wafer/core`'s normalizer; the builder takes any `KeyFn`.
 */
export type KeyFn = (text: string) => string;

/**
 * The interim key: trim, percent-decode twice, lower-case, collapse whitespace.
 * Twice because payload lists contain both single- and double-encoded copies of one payload.
 */
export const defaultKey: KeyFn = (text) =>
  percentDecode(percentDecode(text.trim())).toLowerCase().replace(/\s+/g, ' ').trim();

/** Name reported in the manifest for the key function in use. */
export const DEFAULT_KEY_NAME =
  'trim+pct-decode x2+lower+collapse-ws (interim, models/src/text/normalize-key.ts)';
