import { headersFromPairs } from './headers.js';
import type { EvalRecord } from './records.js';

/** A JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A query-string or form parameter. `wire`/`nameWire` override the default encoding (placement uses them). */
export interface DraftParam {
  name: string;
  /** Decoded value; `undefined` for a bare name (`?debug`). */
  value: string | undefined;
  wire?: string;
  nameWire?: string;
}

/** One multipart/form-data part. */
export interface MultipartPart {
  name: string;
  filename?: string;
  /** Exact text between the quotes of `filename="…"` (placement sets it). */
  filenameWire?: string;
  contentType?: string;
  content: string;
}

/** Request bodies the generators produce. */
export type DraftBody =
  | { kind: 'json'; value: JsonValue; contentType?: string; pretty?: boolean }
  | { kind: 'form'; fields: DraftParam[] }
  | { kind: 'multipart'; boundary: string; parts: MultipartPart[] }
  | { kind: 'xml'; xml: string; contentType: string }
  | { kind: 'graphql'; query: string; variables: { [key: string]: JsonValue }; operationName?: string }
  | { kind: 'text'; text: string; contentType: string };

/** The body kinds, used by placement to ask for a compatible benign request. */
export type BodyKind = DraftBody['kind'];

/**
 * A request under construction. Benign generators build drafts; placement edits one field of a
 * draft; `renderDraft` turns it into the wire-exact evaluation record.
 */
export interface DraftRequest {
  method: string;
  host: string;
  /** Path segments exactly as on the wire (already percent-encoded where needed). */
  path: string[];
  trailingSlash?: boolean;
  query: DraftParam[];
  /** Lower-case header names, in order; `cookie`, `content-type` and `content-length` are derived. */
  headers: Array<[string, string]>;
  cookies: Array<[string, string]>;
  body?: DraftBody;
  /** How this client writes spaces in query strings (browsers' forms use `+`, fetch/URL APIs `%20`). */
  spaceStyle: '+' | '%20';
  /** Whether this client leaves `[` `]` in parameter names unencoded (qs-style clients often do). */
  rawBrackets: boolean;
  /** Generator that built the draft (recorded in `source`). */
  app: string;
  /** The hard-negative text this benign request was built around, when there is one. */
  hardNegative?: { text: string; kind: string };
  /** Replaces `"<marker>"` in the rendered JSON with a hand-escaped literal (placement's `\u` escapes). */
  jsonOverride?: { marker: string; literal: string };
}

/** Replaces lone UTF-16 surrogates (which `encodeURIComponent` rejects) with U+FFFD. */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Characters `encodeURIComponent` leaves alone but HTML forms encode. */
function formEncode(value: string, space: '+' | '%20'): string {
  const encoded = encodeURIComponent(wellFormed(value)).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return space === '+' ? encoded.replace(/%20/g, '+') : encoded;
}

/** Default wire form of a parameter name. */
export function encodeParamName(name: string, rawBrackets: boolean): string {
  const encoded = formEncode(name, '%20');
  return rawBrackets ? encoded.replace(/%5B/g, '[').replace(/%5D/g, ']') : encoded;
}

/** Default wire form of a parameter value. */
export function encodeParamValue(value: string, space: '+' | '%20'): string {
  return formEncode(value, space);
}

function renderParams(params: readonly DraftParam[], space: '+' | '%20', rawBrackets: boolean): string {
  return params
    .map((p) => {
      const name = p.nameWire ?? encodeParamName(p.name, rawBrackets);
      if (p.value === undefined && p.wire === undefined) return name;
      return `${name}=${p.wire ?? encodeParamValue(p.value ?? '', space)}`;
    })
    .join('&');
}

/** The path + query exactly as sent. */
export function renderUrl(draft: DraftRequest): string {
  let url = `/${draft.path.join('/')}`;
  if (draft.trailingSlash && draft.path.length > 0) url += '/';
  if (draft.query.length > 0) url += `?${renderParams(draft.query, draft.spaceStyle, draft.rawBrackets)}`;
  return url;
}

function renderJson(
  value: JsonValue,
  pretty: boolean | undefined,
  override: DraftRequest['jsonOverride'],
): string {
  let text = pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value);
  if (override) text = text.replace(JSON.stringify(override.marker), override.literal);
  return text;
}

/** The body text and its content type. */
export function renderBody(draft: DraftRequest): { text: string; contentType: string } | undefined {
  const body = draft.body;
  if (!body) return undefined;
  switch (body.kind) {
    case 'json':
      return {
        text: renderJson(body.value, body.pretty, draft.jsonOverride),
        contentType: body.contentType ?? 'application/json',
      };
    case 'form':
      return {
        text: renderParams(body.fields, '+', false),
        contentType: 'application/x-www-form-urlencoded',
      };
    case 'multipart': {
      const parts = body.parts.map((p) => {
        let disposition = `Content-Disposition: form-data; name="${p.name}"`;
        if (p.filename !== undefined || p.filenameWire !== undefined) {
          disposition += `; filename="${p.filenameWire ?? p.filename?.replace(/"/g, '%22')}"`;
        }
        const type = p.contentType ? `\r\nContent-Type: ${p.contentType}` : '';
        return `--${body.boundary}\r\n${disposition}${type}\r\n\r\n${p.content}\r\n`;
      });
      return {
        text: `${parts.join('')}--${body.boundary}--\r\n`,
        contentType: `multipart/form-data; boundary=${body.boundary}`,
      };
    }
    case 'xml':
      return { text: body.xml, contentType: body.contentType };
    case 'graphql': {
      const payload: { [key: string]: JsonValue } = {};
      if (body.operationName) payload.operationName = body.operationName;
      payload.query = body.query;
      payload.variables = body.variables;
      return { text: renderJson(payload, false, draft.jsonOverride), contentType: 'application/json' };
    }
    case 'text':
      return { text: body.text, contentType: body.contentType };
  }
}

/** Renders a draft into an evaluation record (label set by the caller). */
export function renderDraft(draft: DraftRequest, label: EvalRecord['label'] = 'benign'): EvalRecord {
  const pairs: Array<[string, string]> = [['host', draft.host], ...draft.headers];
  if (draft.cookies.length > 0) pairs.push(['cookie', draft.cookies.map(([n, v]) => `${n}=${v}`).join('; ')]);
  const body = renderBody(draft);
  if (body) {
    if (!pairs.some(([n]) => n === 'content-type')) pairs.push(['content-type', body.contentType]);
    pairs.push(['content-length', String(Buffer.byteLength(body.text, 'utf8'))]);
  }
  const record: EvalRecord = {
    method: draft.method,
    url: renderUrl(draft),
    headers: headersFromPairs(pairs),
    label,
  };
  if (body) record.body = body.text;
  return record;
}
