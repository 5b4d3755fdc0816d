import { WaferError } from '../errors.js';
import type { Field, FieldLocation } from '../extract/field.js';
import type { Tokenizer } from './tokenizer.js';

/**
 * The special tokens of the model input contract, in id order (`[PAD]` is id 0). Training
 * (`trainBpe({ specialTokens: MODEL_SPECIAL_TOKENS })`) and inference share this one list; reordering
 * or renaming an entry changes every id after it, which means retraining the model.
 *
 * - `[PAD]` pads a batch (id 0, so an all-zero buffer is all padding);
 * - `[UNK]` is reserved: byte fallback means the tokenizer itself never needs it;
 * - `[CLS]` opens a window, `[SEP]` closes it and separates a header/cookie name from its value;
 * - `[KEY]` marks a window that holds a parameter *name* (`kind: 'key'`);
 * - `[TRUNC]` marks content left out (a long name, or the middle windows of a very long value);
 * - `[LOC:…]`, one per field location, says where the text was found.
 *
 * @example
 * ```ts
 * MODEL_SPECIAL_TOKENS.indexOf('[CLS]') === 2
 * ```
 */
export const MODEL_SPECIAL_TOKENS = [
  '[PAD]',
  '[UNK]',
  '[CLS]',
  '[SEP]',
  '[KEY]',
  '[TRUNC]',
  '[LOC:path]',
  '[LOC:query]',
  '[LOC:body]',
  '[LOC:cookie]',
  '[LOC:header]',
  '[LOC:filename]',
  '[LOC:raw]',
] as const;

/** Locations, in the order of their `[LOC:…]` tokens. */
const LOCATIONS: readonly FieldLocation[] = ['path', 'query', 'body', 'cookie', 'header', 'filename', 'raw'];

/** Most tokens of a header or cookie name kept before its value. */
export const MAX_NAME_TOKENS = 8;

/** Smallest `maxLength` accepted: room for the longest prefix (13 ids) and some content. */
export const MIN_WINDOW_LENGTH = 16;

const DEFAULT_MAX_WINDOWS = 8;

/** Options of {@link encodeFieldWindows}. */
export interface FieldWindowsOptions {
  /** Most ids in one window, special tokens included (the model's sequence length, e.g. 128). */
  readonly maxLength: number;
  /**
   * Content tokens between the starts of consecutive windows. Default: three quarters of the
   * content room of a window, so consecutive windows share a quarter. Capped at that room (a
   * larger stride would leave tokens in no window).
   */
  readonly stride?: number;
  /** Most windows per field; beyond it the middle is left out and `truncated` is set. Default 8. */
  readonly maxWindows?: number;
}

/** The windows one field is scored as. */
export interface FieldWindows {
  /** Token ids of each window, at most `maxLength` each, in text order. */
  readonly windows: Int32Array[];
  /**
   * For each window, the `[start, end)` span of `field.value` each id came from, parallel to the
   * window's ids; `[-1, -1]` for ids that are not value text (special tokens and name tokens).
   */
  readonly offsets: Array<Array<[start: number, end: number]>>;
  /** Middle windows were left out because more than `maxWindows` were needed: report it. */
  readonly truncated: boolean;
}

interface SpecialIds {
  readonly cls: number;
  readonly sep: number;
  readonly key: number;
  readonly trunc: number;
  readonly locations: ReadonlyMap<FieldLocation, number>;
}

const specialsByTokenizer = new WeakMap<Tokenizer, SpecialIds>();

function specialIds(tokenizer: Tokenizer): SpecialIds {
  let ids = specialsByTokenizer.get(tokenizer);
  if (ids !== undefined) return ids;
  MODEL_SPECIAL_TOKENS.forEach((token, expected) => {
    // The exact ids matter, not just the names: the model was trained on them.
    if (tokenizer.idOf(token) !== expected)
      throw new WaferError(
        'WAFER_ERR_INVALID_ARGUMENT',
        `The tokenizer does not follow the model input contract: ${token} must have id ${expected}. Train it with specialTokens: MODEL_SPECIAL_TOKENS.`,
      );
  });
  ids = {
    cls: tokenizer.specialId('[CLS]'),
    sep: tokenizer.specialId('[SEP]'),
    key: tokenizer.specialId('[KEY]'),
    trunc: tokenizer.specialId('[TRUNC]'),
    locations: new Map(LOCATIONS.map((location) => [location, tokenizer.specialId(`[LOC:${location}]`)])),
  };
  specialsByTokenizer.set(tokenizer, ids);
  return ids;
}

function checkInteger(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min)
    throw new WaferError(
      'WAFER_ERR_INVALID_OPTION',
      `encodeFieldWindows: \`${name}\` must be an integer ≥ ${min}, got ${String(value)}.`,
    );
  return value;
}

/**
 * Ids every window of the field starts with: `[CLS] [LOC:x]`, then `[KEY]` for a key field, or
 * for a header or cookie value its name (lower-cased, at most {@link MAX_NAME_TOKENS} tokens: the
 * first 7 and `[TRUNC]` when longer) and `[SEP]` — the name is context: `1.0` is normal in
 * `x-api-version`, not in `user-agent`.
 */
function windowPrefix(
  tokenizer: Tokenizer,
  ids: SpecialIds,
  field: Pick<Field, 'location' | 'kind' | 'name'>,
): number[] {
  const location = ids.locations.get(field.location);
  if (location === undefined)
    throw new WaferError(
      'WAFER_ERR_INVALID_ARGUMENT',
      `Unknown field location ${JSON.stringify(field.location)}.`,
    );
  const prefix = [ids.cls, location];
  if (field.kind === 'key') {
    prefix.push(ids.key);
  } else if ((field.location === 'header' || field.location === 'cookie') && field.name) {
    const name = tokenizer.encode(field.name.toLowerCase());
    if (name.length > MAX_NAME_TOKENS) prefix.push(...name.slice(0, MAX_NAME_TOKENS - 1), ids.trunc);
    else prefix.push(...name);
    prefix.push(ids.sep);
  }
  return prefix;
}

/**
 * Turns one field into model input: one or more windows of at most `maxLength` ids, each
 *
 * ```text
 * [CLS] [LOC:x] content… [SEP]                      query/body/path/filename/raw values
 * [CLS] [LOC:x] [KEY] content… [SEP]                parameter names (kind: 'key')
 * [CLS] [LOC:header] name… [SEP] content… [SEP]      header and cookie values
 * ```
 *
 * A value too long for one window is windowed, never cut: windows start every `stride` content
 * tokens and the last one is aligned to the end of the value, so consecutive windows overlap and
 * every token is in some window. When more than `maxWindows` windows would be needed, the first
 * `maxWindows - 1` and the last are kept, the last starts with `[TRUNC]` (content was skipped
 * before it) and `truncated` is set — the caller reports it as a finding, since padding a value to
 * push a payload out of view is an evasion.
 *
 * @throws {WaferError} `WAFER_ERR_INVALID_OPTION` for bad options; `WAFER_ERR_INVALID_ARGUMENT`
 *   when the tokenizer was not trained with {@link MODEL_SPECIAL_TOKENS}.
 * @example
 * ```ts
 * const { windows, truncated } = encodeFieldWindows(tokenizer, field, { maxLength: 128 });
 * // windows[0] = Int32Array [CLS, LOC:query, …tokens of "1' or 1=1--", SEP]
 * ```
 */
export function encodeFieldWindows(
  tokenizer: Tokenizer,
  field: Pick<Field, 'location' | 'kind' | 'value'> & { readonly name?: string },
  options: FieldWindowsOptions,
): FieldWindows {
  const maxLength = checkInteger('maxLength', options.maxLength, MIN_WINDOW_LENGTH);
  const maxWindows = checkInteger('maxWindows', options.maxWindows ?? DEFAULT_MAX_WINDOWS, 1);
  const ids = specialIds(tokenizer);
  const prefix = windowPrefix(tokenizer, ids, {
    location: field.location,
    kind: field.kind,
    name: field.name ?? '',
  });
  const room = maxLength - prefix.length - 1; // content ids that fit between the prefix and [SEP]
  const stride = Math.min(
    room,
    options.stride === undefined
      ? Math.max(1, Math.floor((room * 3) / 4))
      : checkInteger('stride', options.stride, 1),
  );
  const content = tokenizer.encodeWithOffsets(field.value);
  const total = content.ids.length;

  const starts: number[] = [];
  for (let start = 0; start + room < total; start += stride) starts.push(start);
  starts.push(Math.max(0, total - room));
  let truncated = false;
  if (starts.length > maxWindows) {
    truncated = true;
    starts.length = maxWindows - 1;
    starts.push(total - (room - 1)); // one id of room goes to [TRUNC]
  }

  const windows: Int32Array[] = [];
  const offsets: Array<Array<[number, number]>> = [];
  starts.forEach((start, i) => {
    const marked = truncated && i === starts.length - 1;
    const end = Math.min(total, start + (marked ? room - 1 : room));
    const window = new Int32Array(prefix.length + (marked ? 1 : 0) + (end - start) + 1);
    const spans: Array<[number, number]> = [];
    let at = 0;
    for (const id of prefix) {
      window[at++] = id;
      spans.push([-1, -1]);
    }
    if (marked) {
      window[at++] = ids.trunc;
      spans.push([-1, -1]);
    }
    for (let t = start; t < end; t++) {
      window[at++] = content.ids[t]!;
      spans.push(content.offsets[t]!);
    }
    window[at] = ids.sep;
    spans.push([-1, -1]);
    windows.push(window);
    offsets.push(spans);
  });
  return { windows, offsets, truncated };
}
