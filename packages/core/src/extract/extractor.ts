import { createNormalizer } from '../normalize/pipeline.js';
import { extractGraphqlArguments, looksLikeGraphql } from '../parse/body/graphql.js';
import { scanJson } from '../parse/body/json-scanner.js';
import { parseMultipart } from '../parse/body/multipart.js';
import { sniffBody } from '../parse/body/sniff.js';
import { bodyKind, parseContentType } from '../parse/content-type.js';
import { parseCookieHeader } from '../parse/cookies.js';
import { percentDecode } from '../parse/percent-decode.js';
import { parseQueryString } from '../parse/query-string.js';
import type { PathSegment, RawParam } from '../parse/raw-param.js';
import { splitTarget } from '../parse/target.js';
import { contentTypeOf, type WafRequest } from '../request/waf-request.js';
import type { Field, FieldLocation } from './field.js';
import { FieldCollector, type NormalizeProfile, type Normalizers } from './field-collector.js';
import type { Finding } from './finding.js';
import { createHeaderPolicy, SENSITIVE_HEADERS, type HeaderPolicy } from './header-policy.js';
import { resolveExtractorOptions, type ExtractorOptions, type ResolvedExtractorOptions } from './options.js';

/** What `extract()` found in one request. */
export interface Extraction {
  /** Located, normalized user input, in request order: path, query, headers, cookies, body. */
  readonly fields: Field[];
  /** Limits exceeded and malformed input noticed while parsing. */
  readonly findings: Finding[];
  /** Findings not listed because the list is capped (a hostile request can trigger thousands). */
  readonly droppedFindings: number;
}

/** Turns requests into fields. Build one with `createExtractor` and reuse it. */
export interface Extractor {
  /** The resolved options (defaults applied). */
  readonly options: ResolvedExtractorOptions;
  /** Never throws on any request content. */
  extract(request: WafRequest): Extraction;
}

const GRAPHQL_MAX_ARGUMENTS = 128;
const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');

/**
 * Creates an extractor. Options are validated here, once; `extract()` does no validation.
 *
 * @example
 * ```ts
 * const extractor = createExtractor();
 * const { fields, findings } = extractor.extract({
 *   method: 'GET', target: '/search?q=%3Cscript%3E', httpVersion: '1.1', headers: [],
 * });
 * fields[1]; // { location: 'query', path: 'query.q', raw: '%3Cscript%3E', value: '<script>', … }
 * ```
 */
export function createExtractor(options?: ExtractorOptions): Extractor {
  const resolved = resolveExtractorOptions(options);
  const caseFold = resolved.caseFold;
  const normalizers: Normalizers = {
    plain: createNormalizer({ caseFold }),
    form: createNormalizer({ caseFold, plusAsSpace: true }),
    path: createNormalizer({ caseFold, pathNormalize: true }),
  };
  const headerPolicy = createHeaderPolicy(resolved.headers);
  return {
    options: resolved,
    extract: (request) => extractRequest(request, resolved, normalizers, headerPolicy),
  };
}

let defaultExtractor: Extractor | undefined;

/**
 * Extracts fields with the default options (a shared extractor is created on first use).
 *
 * @example
 * ```ts
 * const { fields } = extractFields(fromEvalRecord(record));
 * ```
 */
export function extractFields(request: WafRequest): Extraction {
  defaultExtractor ??= createExtractor();
  return defaultExtractor.extract(request);
}

function extractRequest(
  request: WafRequest,
  options: ResolvedExtractorOptions,
  normalizers: Normalizers,
  headerPolicy: HeaderPolicy,
): Extraction {
  const { limits } = options;
  const out = new FieldCollector(limits, normalizers, options.base64Variants);

  let target = request.target;
  if (target.length > limits.maxUrlLength) {
    out.limit('maxUrlLength', target.length, 'path');
    target = target.slice(0, limits.maxUrlLength);
  }
  const { path, query } = splitTarget(target);
  if (path.length > 1) out.add('path', 'value', '', [], path, 'path');
  if (query !== undefined && query.length > 0) addQuery(out, 'query', query, limits.maxFields);

  addHeaders(out, request, headerPolicy);
  if (request.body !== undefined && request.body.length > 0) addBody(out, request, options);

  return { fields: out.fields, findings: out.findings, droppedFindings: out.droppedFindings };
}

function addParams(
  out: FieldCollector,
  location: FieldLocation,
  params: readonly RawParam[],
  profile: NormalizeProfile,
  prefix: readonly PathSegment[] = [],
): void {
  for (const param of params) {
    if (out.isFull) return;
    const segments = prefix.length === 0 ? param.segments : [...prefix, ...param.segments];
    out.add(location, param.kind, param.name, segments, param.raw, profile);
  }
}

/** Query strings and urlencoded forms share the WHATWG syntax; GraphQL over GET is inspected argument by argument. */
function addQuery(out: FieldCollector, location: 'query' | 'body', text: string, maxPairs: number): void {
  const { params, truncated, totalPairs } = parseQueryString(text, { maxPairs });
  if (truncated) out.limit('maxFields', totalPairs, location);
  addParams(out, location, params, 'form');
  for (const param of params) {
    if (param.kind === 'value' && param.name === 'query' && param.raw.length > 2) {
      const decoded = percentDecode(param.raw, true);
      if (looksLikeGraphql(decoded)) addGraphql(out, location, ['query'], decoded);
    }
  }
}

function addGraphql(
  out: FieldCollector,
  location: FieldLocation,
  prefix: readonly PathSegment[],
  doc: string,
): void {
  for (const argument of extractGraphqlArguments(doc, { maxArguments: GRAPHQL_MAX_ARGUMENTS })) {
    if (out.isFull) return;
    out.add(
      location,
      'value',
      argument.path.split('.').pop() ?? '',
      [...prefix, `#${argument.path}`],
      argument.value,
      'plain',
    );
  }
}

function addHeaders(out: FieldCollector, request: WafRequest, policy: HeaderPolicy): void {
  const { maxHeaderCount, maxHeaderBytes } = out.limits;
  const headers = request.headers;
  if (headers.length > maxHeaderCount) out.limit('maxHeaderCount', headers.length, 'header');
  const count = Math.min(headers.length, maxHeaderCount);
  let budget = maxHeaderBytes;
  for (let i = 0; i < count; i++) {
    const [rawName, rawValue] = headers[i]!;
    let value = rawValue;
    const overBudget = rawName.length + value.length > budget;
    if (overBudget) {
      // Inspect the part that fits, then stop: the rest of the headers are over the byte limit.
      out.limit('maxHeaderBytes', totalHeaderBytes(headers), 'header');
      if (budget <= rawName.length) return;
      value = value.slice(0, budget - rawName.length);
    }
    budget -= rawName.length + value.length;
    const name = rawName.toLowerCase();
    if (name === 'cookie') {
      addParams(out, 'cookie', parseCookieHeader(value), 'plain');
    } else if (policy.shouldInspect(name)) {
      out.add('header', 'value', name, [name], value, 'plain', SENSITIVE_HEADERS.has(name));
    }
    if (overBudget || out.isFull) return;
  }
}

function totalHeaderBytes(headers: WafRequest['headers']): number {
  let total = 0;
  for (const [name, value] of headers) total += name.length + value.length;
  return total;
}

function decodeText(out: FieldCollector, bytes: Uint8Array): string {
  try {
    return utf8Strict.decode(bytes);
  } catch {
    out.malformed('invalid_utf8', 'body');
    return utf8Lenient.decode(bytes);
  }
}

function addBody(out: FieldCollector, request: WafRequest, options: ResolvedExtractorOptions): void {
  const { limits } = options;
  let body = request.body!;
  if (body.length > limits.maxBodyBytes) {
    out.limit('maxBodyBytes', body.length, 'body');
    body = body.subarray(0, limits.maxBodyBytes);
  } else if (request.bodyTruncated) {
    out.limit('maxBodyBytes', undefined, 'body');
  }
  const contentType = parseContentType(contentTypeOf(request));
  let kind = bodyKind(contentType?.mediaType);
  if (kind === 'unknown' || kind === 'binary') {
    const sniffed = sniffBody(body);
    // A body that claims to be binary but reads as text is inspected as text: the claim may be a lie.
    if (kind === 'binary' && sniffed !== 'binary')
      out.malformed('content_type_mismatch', 'body', contentType?.mediaType);
    kind = sniffed;
  }

  switch (kind) {
    case 'binary':
      return;
    case 'json':
      return addJsonBody(out, decodeText(out, body), limits.maxJsonDepth, limits.maxFields);
    case 'form':
      return addQuery(out, 'body', decodeText(out, body), limits.maxFields);
    case 'multipart':
      return addMultipartBody(out, body, contentType?.params['boundary'], options);
    case 'graphql': {
      const text = decodeText(out, body);
      out.add('body', 'value', '', [], text, 'plain');
      return addGraphql(out, 'body', [], text);
    }
    default:
      out.add('body', 'value', '', [], decodeText(out, body), 'plain');
  }
}

/** Plain keys are scanned but not emitted as fields, so the scanner may return more entries than `maxFields`. */
const JSON_ENTRIES_PER_FIELD = 4;

function addJsonBody(out: FieldCollector, text: string, maxDepth: number, maxFields: number): void {
  const result = scanJson(text, { maxDepth, maxEntries: maxFields * JSON_ENTRIES_PER_FIELD });
  if (result.depthExceeded !== undefined) out.limit('maxJsonDepth', result.depthExceeded, 'body');
  addParams(out, 'body', result.params.filter(isInterestingJsonParam), 'plain');
  // When the collector filled up it has reported `maxFields` already.
  if (result.truncated && !out.isFull) out.limit('maxFields', undefined, 'body');
  for (const param of result.params) {
    if (
      param.kind === 'value' &&
      param.segments.length === 1 &&
      param.segments[0] === 'query' &&
      looksLikeGraphql(param.raw)
    ) {
      addGraphql(out, 'body', ['query'], param.raw);
    }
  }
  if (result.error !== undefined) {
    out.malformed('broken_json', 'body', `${result.error.message} at offset ${result.error.offset}`);
    // Broken JSON (or a lying content type) is still inspected, as text.
    out.add('raw', 'value', '', ['body'], text, 'plain');
  }
}

/**
 * JSON keys are inspected because NoSQL operators (`$where`, `$ne`) and prototype pollution
 * (`__proto__`, `constructor.prototype`) live there; ordinary identifier keys (`name`, `order_id`)
 * cannot carry an attack, and scoring them would only cost time.
 */
const PLAIN_KEY = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const RISKY_KEYS = new Set(['constructor', 'prototype']);

function isInterestingJsonParam(param: RawParam): boolean {
  return param.kind === 'value' || !PLAIN_KEY.test(param.raw) || RISKY_KEYS.has(param.raw);
}

function addMultipartBody(
  out: FieldCollector,
  body: Uint8Array,
  boundary: string | undefined,
  options: ResolvedExtractorOptions,
): void {
  const { limits } = options;
  if (boundary === undefined || boundary.length === 0) {
    out.malformed('bad_multipart', 'body', 'no boundary parameter');
    out.add('raw', 'value', '', ['body'], decodeText(out, body), 'plain');
    return;
  }
  const result = parseMultipart(body, boundary, {
    maxParts: limits.maxMultipartParts,
    maxTextBytes: limits.maxValueLength,
  });
  if (result.malformed !== undefined) out.malformed('bad_multipart', 'body', result.malformed);
  if (result.truncatedParts) out.limit('maxMultipartParts', undefined, 'body');
  if (result.parts.length === 0) {
    out.add('raw', 'value', '', ['body'], decodeText(out, body), 'plain');
    return;
  }
  for (const part of result.parts) {
    if (out.isFull) return;
    if (part.filename !== undefined)
      out.add('filename', 'value', part.name, [part.name], part.filename, 'path');
    if (!part.isText) continue;
    if (part.totalBytes > part.content.length)
      out.limit('maxValueLength', part.totalBytes, `body.${part.name}`);
    out.add('body', 'value', part.name, [part.name], utf8Lenient.decode(part.content), 'plain');
  }
}
