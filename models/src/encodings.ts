import type { Rng } from './rng.js';
import { htmlEntityDecode } from './text/decode-view.js';
import { percentDecode } from './text/percent.js';

/**
 * Transport encodings applied to a payload at its position, as attackers and WAF test tools do.
 * Each has an exact decoder (property-tested), except `raw`, which only escapes characters that
 * would break the position and is recoverable up to one URL decoding (what the server sees).
 */
export type EncodingName =
  | 'raw'
  | 'url'
  | 'url-plus'
  | 'double-url'
  | 'partial-url'
  | 'percent-u'
  | 'html-entities'
  | 'js-unicode'
  | 'json-unicode'
  | 'base64'
  | 'xml-escape'
  | 'cdata'
  | 'multipart-quote'
  | 'json-structure';

const UNRESERVED = /[A-Za-z0-9\-_.~]/;

function pct(ch: string): string {
  return [...Buffer.from(ch, 'utf8')]
    .map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`)
    .join('');
}

/** Percent-encodes every character except RFC 3986 unreserved ones. */
export function urlEncodeAll(text: string): string {
  let out = '';
  for (const ch of text) out += UNRESERVED.test(ch) ? ch : pct(ch);
  return out;
}

/**
 * `raw`: the payload as an attack tool sends it (curl, scanners): only characters that would break
 * the position are escaped — space, `&`, `#`, controls, non-ASCII, `%` not followed by two hex
 * digits, and in a path segment `?`. Quotes and angle brackets stay raw, as on real attack traffic.
 */
export function rawEscape(text: string, opts: { inPath?: boolean } = {}): string {
  let out = '';
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '%') out += /^[0-9a-fA-F]{2}$/.test((chars[i + 1] ?? '') + (chars[i + 2] ?? '')) ? '%' : '%25';
    else if (code <= 0x20 || code >= 0x7f || ch === '&' || ch === '#' || (opts.inPath && ch === '?'))
      out += pct(ch);
    else out += ch;
  }
  return out;
}

/** Encodes `%`, syntax characters and a random half of the other specials (WAF-evasion style). */
function partialUrl(text: string, rng: Rng): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const mustEncode = ch === '%' || ch === '&' || ch === '#' || ch === '+' || code <= 0x20 || code >= 0x7f;
    out +=
      mustEncode || (!UNRESERVED.test(ch) && rng.chance(0.5)) || (/[a-z]/i.test(ch) && rng.chance(0.05))
        ? pct(ch)
        : ch;
  }
  return out;
}

function percentU(text: string, rng: Rng): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '%' || (code < 0x10000 && !UNRESERVED.test(ch) && rng.chance(0.6)))
      out += `%u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += code <= 0x20 || code >= 0x7f ? pct(ch) : ch;
  }
  return out;
}

function percentUDecodeExact(text: string): string {
  return percentDecode(
    text.replace(/%u([0-9a-fA-F]{4})/g, (_, h: string) => pct(String.fromCharCode(parseInt(h, 16)))),
  );
}

function htmlEntities(text: string, rng: Rng): string {
  const style = rng.pick(['named', 'dec', 'hex', 'hex-nosemi']);
  const chars = [...text];
  let out = '';
  chars.forEach((ch, i) => {
    const needs = ch === '&' || /[<>"'()/:=]/.test(ch);
    if (!needs || (ch !== '&' && rng.chance(0.2))) {
      out += ch;
      return;
    }
    const code = ch.codePointAt(0) ?? 0;
    const named: Record<string, string> = {
      '<': '&lt;',
      '>': '&gt;',
      '"': '&quot;',
      '&': '&amp;',
      "'": '&#39;',
    };
    // The `;` may only be dropped when the next character cannot extend the reference.
    const canDropSemi = ch !== '&' && !/[0-9a-fA-F;]/.test(chars[i + 1] ?? ';');
    if (style === 'named' && named[ch]) out += named[ch];
    else if (style === 'hex' || style === 'hex-nosemi')
      out += `&#x${code.toString(16)}${style === 'hex-nosemi' && canDropSemi ? '' : ';'}`;
    else out += `&#${code};`;
  });
  return out;
}

/** `\uXXXX` escapes (backslash always escaped so decoding is exact). */
function jsUnicode(text: string, rng: Rng): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\' || (code < 0x10000 && /[<>"'()/:=;&]/.test(ch) && rng.chance(0.8)))
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

function jsUnicodeDecode(text: string): string {
  return text.replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/**
 * Applies one encoding. `json-unicode`, `cdata` and `json-structure` (a JSON payload inserted as
 * an object, not a string) are framing: they change how the container
 * writes the value, not the value itself, so here they return the text unchanged.
 */
export function encodeOne(
  name: EncodingName,
  text: string,
  rng: Rng,
  opts: { inPath?: boolean } = {},
): string {
  switch (name) {
    case 'raw':
      return rawEscape(text, opts);
    case 'url':
      return urlEncodeAll(text);
    case 'url-plus':
      return urlEncodeAll(text).replace(/%20/g, '+');
    case 'double-url':
      return urlEncodeAll(urlEncodeAll(text));
    case 'partial-url':
      return partialUrl(text, rng);
    case 'percent-u':
      return percentU(text, rng);
    case 'html-entities':
      return htmlEntities(text, rng);
    case 'js-unicode':
      return jsUnicode(text, rng);
    case 'base64':
      return Buffer.from(text, 'utf8').toString('base64');
    case 'xml-escape':
      return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    case 'multipart-quote':
      return text.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
    case 'json-unicode':
    case 'cdata':
    case 'json-structure':
      return text;
  }
}

/** Applies a chain of encodings, innermost first. */
export function encodeChain(
  chain: readonly EncodingName[],
  text: string,
  rng: Rng,
  opts: { inPath?: boolean } = {},
): string {
  return chain.reduce((acc, name) => encodeOne(name, acc, rng, opts), text);
}

/** Inverse of one encoding (`raw` decodes one URL level: the server's view). */
export function decodeOne(name: EncodingName, text: string): string {
  switch (name) {
    case 'raw':
    case 'url':
    case 'partial-url':
      return percentDecode(text);
    case 'url-plus':
      return percentDecode(text.replace(/\+/g, '%20'));
    case 'double-url':
      return percentDecode(percentDecode(text));
    case 'percent-u':
      return percentUDecodeExact(text);
    case 'html-entities':
    case 'xml-escape':
      return htmlEntityDecode(text);
    case 'js-unicode':
      return jsUnicodeDecode(text);
    case 'base64':
      return Buffer.from(text, 'base64').toString('utf8');
    case 'multipart-quote':
      return text.replace(/%22/g, '"').replace(/%0D/g, '\r').replace(/%0A/g, '\n');
    case 'json-unicode':
    case 'cdata':
    case 'json-structure':
      return text;
  }
}

/** Inverse of a chain (outermost first). */
export function decodeChain(chain: readonly string[], text: string): string {
  return [...chain].reverse().reduce((acc, name) => decodeOne(name as EncodingName, acc), text);
}

/** Writes a JSON string literal escaping some characters as `\uXXXX` (the `json-unicode` framing). */
export function jsonUnicodeLiteral(text: string, rng: Rng): string {
  let out = '"';
  for (const ch of JSON.stringify(text)
    .slice(1, -1)
    .match(/\\u[0-9a-fA-F]{4}|\\.|[\s\S]/g) ?? []) {
    if (ch.length === 1 && /[<>'&=:/()]/.test(ch) && rng.chance(0.7))
      out += `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}
