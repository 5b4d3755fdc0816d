/** A body rebuilt from what a parser left in `req.body`. */
export interface EncodedBody {
  readonly bytes: Uint8Array;
  /** The content type the bytes are in (may differ from the request's: multipart fields become a form). */
  readonly contentType: string;
}

const encoder = new TextEncoder();
const FORM = 'application/x-www-form-urlencoded';
/** Nesting followed when re-encoding a form: qs itself stops at depth 5 by default; 32 matches `maxJsonDepth`. */
const MAX_DEPTH = 32;

function formPairs(value: unknown, prefix: string, out: string[], depth: number, maxPairs: number): void {
  if (out.length >= maxPairs) return;
  if (value === null || value === undefined) {
    out.push(`${encodeURIComponent(prefix)}=`);
  } else if (typeof value === 'object' && depth < MAX_DEPTH) {
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : Object.entries(value);
    for (const [key, item] of entries)
      formPairs(item, prefix === '' ? key : `${prefix}[${key}]`, out, depth + 1, maxPairs);
  } else {
    out.push(
      `${encodeURIComponent(prefix)}=${encodeURIComponent(typeof value === 'object' ? '[object]' : String(value))}`,
    );
  }
}

/**
 * Re-encodes a body that a parser before the middleware consumed and did not keep as bytes (`express.json()`
 * without a `verify` hook): JSON objects as JSON, `express.urlencoded()` objects (qs nesting included) as a
 * form with bracketed keys, multer's text fields as a form, strings and Buffers as they are. Parameter names
 * and values survive, so do the attacks in them; the original bytes do not (use `verify` to keep them, see
 * the README). `undefined` when there is nothing to inspect.
 *
 * @example
 * ```ts
 * encodeParsedBody({ user: { name: "x' or 1=1--" } }, 'application/x-www-form-urlencoded', 512);
 * // bytes: user[name]=x'%20or%201%3D1--
 * ```
 */
export function encodeParsedBody(
  body: unknown,
  contentType: string | undefined,
  maxFields: number,
): EncodedBody | undefined {
  const type = (contentType ?? '').toLowerCase();
  if (body === undefined || body === null) return undefined;
  if (body instanceof Uint8Array) return body.length > 0 ? { bytes: body, contentType: type } : undefined;
  if (typeof body === 'string')
    return body.length > 0 ? { bytes: encoder.encode(body), contentType: type || 'text/plain' } : undefined;
  if (typeof body !== 'object') return { bytes: encoder.encode(String(body)), contentType: 'text/plain' };
  if (Object.keys(body).length === 0) return undefined;
  if (type.startsWith(FORM) || type.startsWith('multipart/')) {
    const pairs: string[] = [];
    formPairs(body, '', pairs, 0, maxFields * 2);
    return { bytes: encoder.encode(pairs.join('&')), contentType: FORM };
  }
  try {
    return { bytes: encoder.encode(JSON.stringify(body)), contentType: 'application/json' };
  } catch {
    // A BigInt or a cycle put there by another middleware: inspect what a form encoding can carry instead.
    const pairs: string[] = [];
    formPairs(body, '', pairs, 0, maxFields * 2);
    return { bytes: encoder.encode(pairs.join('&')), contentType: FORM };
  }
}
