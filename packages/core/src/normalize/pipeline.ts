import { WaferError } from '../errors.js';
import { caseFold, foldCase } from './case-fold.js';
import { comments } from './comments.js';
import { htmlEntities } from './html-entities.js';
import { jsEscapes } from './js-escapes.js';
import { nfkc } from './nfkc.js';
import { nullBytes } from './null-bytes.js';
import { pathNormalize } from './path-normalize.js';
import { plusToSpace } from './plus-as-space.js';
import {
  createTransformContext,
  type Transform,
  type TransformContext,
  type TransformName,
} from './transform.js';
import { urlDecode } from './url-decode.js';
import { INVISIBLE_CHARACTERS, whitespace } from './whitespace.js';

/** How a value is normalized; the extractor picks one profile per kind of field. */
export interface NormalizerOptions {
  /** `+` → space before decoding. Default `false`; `true` for query and form values. */
  plusAsSpace?: boolean;
  /** Resolve `\`, `//`, `.` and `x/..` segments. Default `false`; `true` for URL paths and file names. */
  pathNormalize?: boolean;
  /** Lower-case the result. Default `true`. */
  caseFold?: boolean;
  /**
   * Bound on the decode passes of one round, and on the number of whole-pipeline rounds.
   * Default 4. An integer from 1 to 64.
   */
  maxRounds?: number;
}

/** The outcome of normalizing one value. */
export interface NormalizeResult {
  /** The canonical text the model scores. */
  readonly value: string;
  /**
   * Transforms that changed the value, in first-applied order, without duplicates (`url-decode`
   * is followed by `overlong-utf8` when an overlong UTF-8 form was decoded). Read-only: common
   * outcomes (nothing, only `case-fold`, …) share frozen arrays.
   */
  readonly transforms: readonly TransformName[];
  /** What the decoders noticed (malformed percent-encoding, invalid or overlong UTF-8). */
  readonly context: TransformContext;
  /** True when `maxRounds` ran out while the value was still changing (then `value` may not be a fixed point). */
  readonly roundsExhausted: boolean;
}

/** A configured normalizer: raw user input in, canonical text out. Never throws. */
export type Normalizer = (raw: string) => NormalizeResult;

/** Default for {@link NormalizerOptions.maxRounds}. */
export const DEFAULT_MAX_ROUNDS = 4;

const MAX_MAX_ROUNDS = 64;

const NO_TRANSFORMS: readonly TransformName[] = Object.freeze([]);
const PLUS_ONLY: readonly TransformName[] = Object.freeze(['plus-as-space']);
const FOLD_ONLY: readonly TransformName[] = Object.freeze(['case-fold']);
const PLUS_AND_FOLD: readonly TransformName[] = Object.freeze(['plus-as-space', 'case-fold']);

/** The decoders, repeated until none of them changes the value. */
const DECODERS: readonly Transform[] = [urlDecode, jsEscapes, htmlEntities, nfkc, nullBytes];

// Everything `url-decode`, `js-escapes`, `html-entities` and `null-bytes` can act on.
const DECODABLE = /%[0-9A-Fa-f]{2}|\\[uUxX]|%[uU]|&[#A-Za-z]|\0/;

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Whether a late step's change (`before` → `after`) may have created work for a step of the
 * pipeline, so that another round is needed. Everything else provably cannot:
 * - `comments` puts a space at each boundary, and no escape, reference or comment can contain
 *   or be completed by a space;
 * - `whitespace` only matters when it REMOVED an invisible character, which joins its
 *   neighbours (`%\u200b3C` → `%3C`, `/\u200b*` → `/*`); turning tabs into spaces or
 *   collapsing runs joins nothing;
 * - `path-normalize` keeps a `/` between segments, so it can only create a comment opener
 *   (`\*` → `/*`);
 * - `case-fold`: every decoder reads both cases alike (`%3c`/`%3C`, `\U`/`\u`, `&LT;`/`&lt;`), so
 *   only non-ASCII text can change, where lower-casing may undo NFKC (`W\u030A` → `w\u030A`,
 *   which composes to `ẘ`).
 */
function mayCreateWork(transform: Transform, before: string, after: string): boolean {
  switch (transform.name) {
    case 'comments':
      return false;
    case 'whitespace':
      return INVISIBLE_CHARACTERS.test(before);
    case 'path-normalize':
      return after.indexOf('/*') !== -1;
    case 'case-fold':
      return NON_ASCII.test(after);
    default:
      return true;
  }
}

const KNOWN_OPTIONS = new Set(['plusAsSpace', 'pathNormalize', 'caseFold', 'maxRounds']);

/**
 * Builds the one-regex pre-check "could any step change this value?". It must match whenever
 * any enabled transform would change the value (a test checks this), and stay a single cheap
 * scan, because most values (`shoes`, `42`, `/api/v1/users/42`) need nothing at all:
 * - `%` (percent and `%u` escapes), `&` (references), `\` (JS escapes, Windows paths), NUL;
 * - any non-ASCII character (NFKC, Unicode whitespace, case folding);
 * - `\t`–`\r`, two spaces in a row, `/*` (whitespace and comments);
 * - `A`–`Z` when case folding, `+` for the plus-as-space profile;
 * - `//` and `.`/`..` segments for the path profile.
 */
function buildPrecheck(plus: boolean, path: boolean, fold: boolean): RegExp {
  const chars = `\\0\\t-\\r%&\\\\\\u0080-\\uffff${fold ? 'A-Z' : ''}${plus ? '+' : ''}`;
  const paths = path ? '|\\/\\/|(?:^|\\/)\\.\\.?(?:\\/|$)' : '';
  return new RegExp(`[${chars}]|\\/\\*| {2}${paths}`);
}

function validateOptions(options: unknown): Required<NormalizerOptions> {
  if (options === undefined) {
    return { plusAsSpace: false, pathNormalize: false, caseFold: true, maxRounds: DEFAULT_MAX_ROUNDS };
  }
  if (options === null || typeof options !== 'object') {
    throw new WaferError('WAFER_ERR_INVALID_OPTION', 'Normalizer options must be an object.');
  }
  const record = options as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!KNOWN_OPTIONS.has(key)) {
      throw new WaferError(
        'WAFER_ERR_INVALID_OPTION',
        `Unknown normalizer option "${key}" (expected one of: ${[...KNOWN_OPTIONS].join(', ')}).`,
      );
    }
  }
  const flag = (key: string, fallback: boolean): boolean => {
    const value = record[key];
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean') {
      throw new WaferError('WAFER_ERR_INVALID_OPTION', `Normalizer option "${key}" must be a boolean.`);
    }
    return value;
  };
  const maxRounds = record['maxRounds'] ?? DEFAULT_MAX_ROUNDS;
  if (
    typeof maxRounds !== 'number' ||
    !Number.isInteger(maxRounds) ||
    maxRounds < 1 ||
    maxRounds > MAX_MAX_ROUNDS
  ) {
    throw new WaferError(
      'WAFER_ERR_INVALID_OPTION',
      `Normalizer option "maxRounds" must be an integer from 1 to ${MAX_MAX_ROUNDS}.`,
    );
  }
  return {
    plusAsSpace: flag('plusAsSpace', false),
    pathNormalize: flag('pathNormalize', false),
    caseFold: flag('caseFold', true),
    maxRounds,
  };
}

/**
 * Creates a normalizer for one profile of options. The returned function turns a raw piece of
 * user input into the canonical text the model scores:
 *
 * 1. `plus-as-space` (if enabled), once — before decoding, so `%2B` stays `+`;
 * 2. the decode loop: `url-decode`, `js-escapes`, `html-entities`, `nfkc`, `null-bytes`, repeated
 *    until a pass changes nothing (at most `maxRounds` passes);
 * 3. `comments`, `whitespace`, `path-normalize` (if enabled), `case-fold` (if enabled);
 * 4. if step 3 changed the value, steps 2–3 run again (a removed zero-width space or a `\` turned
 *    into `/` can create new decodable text), until a round changes nothing — at most
 *    `maxRounds` rounds.
 *
 * The result is a fixed point: normalizing `value` again gives `value` (with `plusAsSpace`
 * false), unless `roundsExhausted` is set. A value no step can change is recognized by one
 * regex test and returned as the same string, with no other work.
 *
 * Throws {@link WaferError} `WAFER_ERR_INVALID_OPTION` for bad options (a programmer error);
 * the normalizer itself never throws.
 *
 * @example
 * ```ts
 * const normalizeQuery = createNormalizer({ plusAsSpace: true });
 * normalizeQuery('1+UNION%2F**%2FSELECT').value; // '1 union select'
 * ```
 */
export function createNormalizer(options?: NormalizerOptions): Normalizer {
  const { plusAsSpace, pathNormalize: path, caseFold: fold, maxRounds } = validateOptions(options);
  const firstCheck = buildPrecheck(plusAsSpace, path, fold);
  const againCheck = plusAsSpace ? buildPrecheck(false, path, fold) : firstCheck;
  // Everything but `+` and `A`–`Z`: a value it does not match only needs plus-as-space and/or
  // ASCII lower-casing, a very common case (`Mozilla/5.0 (X11; Linux x86_64)`, `red+shoes`).
  const coreCheck = buildPrecheck(false, path, false);
  const late: Transform[] = [comments, whitespace];
  if (path) late.push(pathNormalize);
  if (fold) late.push(caseFold);

  function slowPath(raw: string): NormalizeResult {
    const context = createTransformContext();
    const names: TransformName[] = [];
    const note = (name: TransformName): void => {
      if (!names.includes(name)) names.push(name);
    };
    let value = raw;
    if (plusAsSpace) {
      const next = plusToSpace(value);
      if (next !== value) {
        note('plus-as-space');
        value = next;
      }
    }

    let exhausted = false;
    for (let round = 0; ; round++) {
      // A value the pre-check passes is a proven fixed point: nothing left to do.
      if (round > 0 && !againCheck.test(value)) break;
      if (round === maxRounds) {
        exhausted = true;
        break;
      }

      for (let pass = 0; ; pass++) {
        if (pass === maxRounds) {
          // Out of passes: "exhausted" unless no decoder can have work left (conservatively:
          // NFKC might, on any non-ASCII text).
          exhausted = DECODABLE.test(value) || NON_ASCII.test(value);
          break;
        }
        const before = value;
        let nulls = false;
        for (const transform of DECODERS) {
          const next = transform.apply(value, context);
          if (next !== value) {
            note(transform.name);
            if (transform === urlDecode && context.overlongUtf8) note('overlong-utf8');
            if (transform === nullBytes) nulls = true;
            value = next;
          }
        }
        if (value === before) break;
        // Skip the confirming pass when no decoder can have work left: nothing escape-like, and
        // NFKC already saw the final text (unless a removed NUL joined a letter to a mark).
        if (!DECODABLE.test(value) && !(nulls && NON_ASCII.test(value))) break;
      }

      // The late steps. When they change nothing, every step leaves the value alone: a fixed
      // point. Most of their changes cannot give the decoders (or each other) new work, so a
      // new round only runs for the few that can (see `mayCreateWork`).
      let again = false;
      for (const transform of late) {
        const next = transform.apply(value, context);
        if (next !== value) {
          note(transform.name);
          if (!again) again = mayCreateWork(transform, value, next);
          value = next;
        }
      }
      if (!again || exhausted) break;
    }

    return {
      value,
      transforms: names.length === 0 ? NO_TRANSFORMS : names,
      context,
      roundsExhausted: exhausted,
    };
  }

  /** The result {@link slowPath} would give for a value `coreCheck` does not match, for less. */
  function simplePath(raw: string): NormalizeResult {
    let value = raw;
    let transforms = NO_TRANSFORMS;
    if (plusAsSpace) {
      value = plusToSpace(raw);
      if (value !== raw) {
        // `a++b` → `a  b`: a double space is whitespace work, so take the full path.
        if (coreCheck.test(value)) return slowPath(raw);
        transforms = PLUS_ONLY;
      }
    }
    if (fold) {
      const lower = foldCase(value);
      if (lower !== value) {
        value = lower;
        transforms = transforms === PLUS_ONLY ? PLUS_AND_FOLD : FOLD_ONLY;
      }
    }
    return { value, transforms, context: createTransformContext(), roundsExhausted: false };
  }

  return function normalizeValue(raw: string): NormalizeResult {
    if (!firstCheck.test(raw)) {
      return {
        value: raw,
        transforms: NO_TRANSFORMS,
        context: createTransformContext(),
        roundsExhausted: false,
      };
    }
    return coreCheck.test(raw) ? slowPath(raw) : simplePath(raw);
  };
}

// `normalize()` keeps one normalizer per distinct profile, so repeated calls cost no set-up.
const normalizers = new Map<string, Normalizer>();

function normalizerFor(o: Required<NormalizerOptions>): Normalizer {
  const key = `${o.plusAsSpace}|${o.pathNormalize}|${o.caseFold}|${o.maxRounds}`;
  let normalizer = normalizers.get(key);
  if (normalizer === undefined) {
    normalizer = createNormalizer(o);
    normalizers.set(key, normalizer);
  }
  return normalizer;
}

/**
 * Normalizes one value (see {@link createNormalizer}). Convenient for tests and one-off calls;
 * hot paths should keep the function `createNormalizer` returns.
 *
 * @example
 * ```ts
 * normalize('%253Cscript%253E').value; // '<script>'
 * normalize('/static/../../etc/passwd', { pathNormalize: true }).value; // '/../etc/passwd'
 * ```
 */
export function normalize(raw: string, options?: NormalizerOptions): NormalizeResult {
  return normalizerFor(validateOptions(options))(raw);
}
