/**
 * Normalization: raw user input → the canonical text the model scores. See
 * `docs/normalization.md` for the pipeline, its order and its guarantees.
 *
 * The public surface is the pipeline plus each step as a plain function; the `Transform`
 * objects stay internal (import them from their own modules inside the package).
 */
export {
  createNormalizer,
  normalize,
  DEFAULT_MAX_ROUNDS,
  type Normalizer,
  type NormalizerOptions,
  type NormalizeResult,
} from './pipeline.js';
export {
  createTransformContext,
  type Transform,
  type TransformContext,
  type TransformName,
} from './transform.js';
export { plusToSpace } from './plus-as-space.js';
export { decodePercentEncoding } from './url-decode.js';
export { decodeJsEscapes } from './js-escapes.js';
export { decodeHtmlEntities } from './html-entities.js';
export { toNfkc } from './nfkc.js';
export { removeNullBytes } from './null-bytes.js';
export { replaceComments } from './comments.js';
export { canonicalizeWhitespace } from './whitespace.js';
export { normalizePath } from './path-normalize.js';
export { foldCase } from './case-fold.js';
export { decodeBase64Text } from './base64.js';
