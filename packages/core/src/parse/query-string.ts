import { percentDecode } from './percent-decode.js';
import type { RawParam } from './raw-param.js';

/**
 * Options of {@link parseQueryString}.
 *
 * @example
 * ```ts
 * parseQueryString(query, { maxPairs: 256 } satisfies QueryStringOptions);
 * ```
 */
export interface QueryStringOptions {
  /** Most `name=value` pairs turned into params; the rest are only counted. */
  maxPairs: number;
}

/**
 * Result of {@link parseQueryString}.
 *
 * @example
 * ```ts
 * const { params, truncated, totalPairs }: QueryStringResult = parseQueryString('a=1&b=2', { maxPairs: 1 });
 * // params: [{ kind: 'value', name: 'a', segments: ['a'], raw: '1' }], truncated: true, totalPairs: 2
 * ```
 */
export interface QueryStringResult {
  /** Key params (unusual names only) and value params (always), in wire order, duplicates kept. */
  params: RawParam[];
  /** True when there were more than `maxPairs` pairs. */
  truncated: boolean;
  /** Number of non-empty pairs, including those past `maxPairs`. */
  totalPairs: number;
}

const EQUALS = 0x3d; // =

/** Longest name still considered "plain" (`/^[A-Za-z0-9_.\-\[\]]{1,64}$/`). */
const PLAIN_NAME_MAX = 64;
/** Char codes allowed in a plain name: `A-Z a-z 0-9 _ . - [ ]`. */
const PLAIN_NAME_CHAR = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) PLAIN_NAME_CHAR[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) PLAIN_NAME_CHAR[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) PLAIN_NAME_CHAR[c] = 1;
for (const ch of '_.-[]') PLAIN_NAME_CHAR[ch.charCodeAt(0)] = 1;

/**
 * Parses a URL query (the text after `?`) or an `application/x-www-form-urlencoded` body: both use the
 * same syntax (WHATWG URL Standard, "application/x-www-form-urlencoded parsing").
 *
 * - Pairs are split on `&` only. `;` is NOT a separator: the WHATWG parser (and so `URLSearchParams`,
 *   browsers and Node's `URL`) and Express's `qs` (by default) don't split on it, so splitting there would
 *   make the firewall see different parameters than the application does.
 * - Each pair is `name=value` split at the first `=`; a pair without `=` is a name with an empty value.
 *   Empty pairs (`a=1&&b=2`, a trailing `&`) are skipped, as WHATWG does.
 * - Names like `a[b]`, `a[]`, `a.b` are kept verbatim as ONE segment: no `qs`-style nesting is guessed,
 *   the raw name is the evidence.
 * - A `value` param is emitted for every pair, even with an empty value (cheap, and the count of
 *   duplicates stays right). `raw` is the still-percent-encoded wire text; `name` is the decoded name.
 * - A `key` param (raw = encoded name) is emitted only for unusual names: a "plain" name matching
 *   `/^[A-Za-z0-9_.\-\[\]]{1,64}$/` cannot carry an attack, so skipping it saves work on every request.
 *   An empty name is skipped too (nothing to inspect; its value is still emitted).
 * - Duplicates are kept in wire order (the caller numbers them). A leading `?` is not stripped: pass
 *   the query without it (as `splitTarget` returns it).
 *
 * At most `maxPairs` pairs become params; the remaining ones are only counted (one `indexOf` per pair,
 * no slicing) so `totalPairs` is exact and `truncated` is set.
 *
 * @example
 * ```ts
 * parseQueryString('q=shoes&x%24=%3Cb%3E&q', { maxPairs: 100 }).params;
 * // [ { kind: 'value', name: 'q',  segments: ['q'],  raw: 'shoes' },
 * //   { kind: 'key',   name: 'x$', segments: ['x$'], raw: 'x%24' },
 * //   { kind: 'value', name: 'x$', segments: ['x$'], raw: '%3Cb%3E' },
 * //   { kind: 'value', name: 'q',  segments: ['q'],  raw: '' } ]
 * ```
 */
export function parseQueryString(query: string, options: QueryStringOptions): QueryStringResult {
  const maxPairs = options.maxPairs >= 0 ? options.maxPairs : 0; // NaN and negatives → 0
  const length = query.length;
  const params: RawParam[] = [];
  let pairs = 0;
  let start = 0;
  while (start < length) {
    const ampersand = query.indexOf('&', start);
    const end = ampersand < 0 ? length : ampersand;
    if (end > start) {
      if (pairs >= maxPairs) {
        return { params, truncated: true, totalPairs: pairs + countPairs(query, start) };
      }
      pairs++;
      emitPair(query, start, end, params);
    }
    start = end + 1;
  }
  return { params, truncated: false, totalPairs: pairs };
}

function emitPair(query: string, start: number, end: number, params: RawParam[]): void {
  let equals = start;
  while (equals < end && query.charCodeAt(equals) !== EQUALS) equals++;
  const rawName = query.slice(start, equals);
  const rawValue = equals < end ? query.slice(equals + 1, end) : '';
  if (isPlainName(query, start, equals)) {
    params.push({ segments: [rawName], kind: 'value', name: rawName, raw: rawValue });
    return;
  }
  const name = percentDecode(rawName, true);
  if (rawName.length > 0) params.push({ segments: [name], kind: 'key', name, raw: rawName });
  params.push({ segments: [name], kind: 'value', name, raw: rawValue });
}

function isPlainName(text: string, start: number, end: number): boolean {
  const length = end - start;
  if (length === 0 || length > PLAIN_NAME_MAX) return false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || PLAIN_NAME_CHAR[c] === 0) return false;
  }
  return true;
}

/** Non-empty `&`-separated pairs in `text` from `start` on. */
function countPairs(text: string, start: number): number {
  let count = 0;
  let at = start;
  const length = text.length;
  while (at < length) {
    const ampersand = text.indexOf('&', at);
    const end = ampersand < 0 ? length : ampersand;
    if (end > at) count++;
    at = end + 1;
  }
  return count;
}
