import { parseHeaderParams } from './header-params.js';

/**
 * A parsed `Content-Type`.
 *
 * @example
 * ```ts
 * const type: ContentType | undefined = parseContentType('text/html; charset=UTF-8');
 * // { mediaType: 'text/html', params: { charset: 'UTF-8' } }
 * ```
 */
export interface ContentType {
  /** `type/subtype`, trimmed and lower-cased (RFC 9110 §8.3.1: case-insensitive). */
  mediaType: string;
  /** Parameters, names lower-cased, values as sent (unquoted). No prototype. */
  params: Record<string, string>;
}

/**
 * How a body should be parsed.
 *
 * @example
 * ```ts
 * const kind: BodyKind = bodyKind('application/json'); // 'json'
 * ```
 */
export type BodyKind = 'json' | 'form' | 'multipart' | 'xml' | 'graphql' | 'text' | 'binary' | 'unknown';

/**
 * Parses a `Content-Type` header value (RFC 9110 §8.3: `type/subtype *( OWS ";" OWS parameter )`),
 * leniently: the media type is whatever precedes the first `;`, trimmed and lower-cased, even when it is
 * not a valid `type/subtype` (then {@link bodyKind} says `unknown` and the caller sniffs the body).
 * Parameters follow {@link parseHeaderParams} (quoted strings, first duplicate wins).
 * Returns `undefined` for a missing header or an empty media type. Never throws.
 *
 * @example
 * ```ts
 * parseContentType('Multipart/Form-Data; boundary="----x1"');
 * // { mediaType: 'multipart/form-data', params: { boundary: '----x1' } }
 * parseContentType(undefined); // undefined
 * ```
 */
export function parseContentType(header: string | undefined): ContentType | undefined {
  if (header === undefined) return undefined;
  const semicolon = header.indexOf(';');
  const mediaType = (semicolon < 0 ? header : header.slice(0, semicolon)).trim().toLowerCase();
  if (mediaType.length === 0) return undefined;
  const params =
    semicolon < 0 ? (Object.create(null) as Record<string, string>) : parseHeaderParams(header, semicolon);
  return { mediaType, params };
}

const EXACT: ReadonlyMap<string, BodyKind> = new Map<string, BodyKind>([
  ['application/json', 'json'],
  ['text/json', 'json'],
  ['application/x-json', 'json'],
  ['application/x-www-form-urlencoded', 'form'],
  ['application/xml', 'xml'],
  ['text/xml', 'xml'],
  ['application/graphql', 'graphql'],
  // Several JSON documents in one body (RFC 7464, NDJSON / JSON Lines): one JSON scan would stop at
  // the second document, so these are inspected as text.
  ['application/x-ndjson', 'text'],
  ['application/ndjson', 'text'],
  ['application/jsonl', 'text'],
  ['application/x-jsonlines', 'text'],
  ['application/json-seq', 'text'],
  ['application/javascript', 'text'],
  ['application/x-javascript', 'text'],
  ['application/ecmascript', 'text'],
  ['application/yaml', 'text'],
  ['application/x-yaml', 'text'],
  ['application/toml', 'text'],
  ['application/sql', 'text'],
  ['application/x-sh', 'text'],
  ['application/x-httpd-php', 'text'],
  ['application/csv', 'text'],
  ['message/http', 'text'],
  ['application/octet-stream', 'binary'],
  ['application/zip', 'binary'],
  ['application/x-zip-compressed', 'binary'],
  ['application/gzip', 'binary'],
  ['application/x-gzip', 'binary'],
  ['application/x-tar', 'binary'],
  ['application/x-7z-compressed', 'binary'],
  ['application/x-rar-compressed', 'binary'],
  ['application/x-bzip2', 'binary'],
  ['application/zstd', 'binary'],
  ['application/pdf', 'binary'],
  ['application/wasm', 'binary'],
  ['application/protobuf', 'binary'],
  ['application/x-protobuf', 'binary'],
  ['application/grpc', 'binary'],
  ['application/msgpack', 'binary'],
  ['application/x-msgpack', 'binary'],
  ['application/cbor', 'binary'],
  ['application/java-archive', 'binary'],
  ['application/msword', 'binary'],
]);

const BINARY_TYPES = new Set(['image', 'audio', 'video', 'font', 'model']);

/**
 * Chooses a parser from a media type (as {@link parseContentType} returns it; parameters and case are
 * tolerated). Order of rules:
 *
 * 1. exact types: `application/json`, `text/json` → json; `application/x-www-form-urlencoded` → form;
 *    `application/xml`, `text/xml` → xml; `application/graphql` → graphql; NDJSON / JSON Lines /
 *    `json-seq` → text (several documents); scripts, YAML, TOML, SQL → text; octet-stream, archives,
 *    PDF, protobuf, msgpack, CBOR, wasm → binary;
 * 2. structured syntax suffixes (RFC 6839): `+json` → json, `+xml` → xml (so `image/svg+xml` is xml: SVG
 *    carries scripts), checked before the top-level type;
 * 3. `multipart/*` → multipart (RFC 2046 §5.1: unknown subtypes are treated as `multipart/mixed`);
 *    `text/*` → text; `image/*`, `audio/*`, `video/*`, `font/*`, `model/*` → binary;
 *    `application/vnd.*` (mostly zipped office formats) → binary;
 * 4. anything else, or no media type → unknown (callers sniff the body).
 *
 * @example
 * ```ts
 * bodyKind('application/vnd.api+json'); // 'json'
 * bodyKind('multipart/form-data');      // 'multipart'
 * bodyKind('image/svg+xml');            // 'xml'
 * bodyKind(undefined);                  // 'unknown'
 * ```
 */
export function bodyKind(mediaType: string | undefined): BodyKind {
  if (mediaType === undefined) return 'unknown';
  let type = mediaType;
  const semicolon = type.indexOf(';');
  if (semicolon >= 0) type = type.slice(0, semicolon);
  type = type.trim().toLowerCase();
  if (type.length === 0) return 'unknown';

  const exact = EXACT.get(type);
  if (exact !== undefined) return exact;
  if (type.endsWith('+json')) return 'json';
  if (type.endsWith('+xml')) return 'xml';

  const slash = type.indexOf('/');
  if (slash <= 0) return 'unknown';
  const top = type.slice(0, slash);
  if (top === 'multipart') return 'multipart';
  if (top === 'text') return 'text';
  if (BINARY_TYPES.has(top)) return 'binary';
  if (top === 'application' && type.startsWith('vnd.', slash + 1)) return 'binary';
  return 'unknown';
}
