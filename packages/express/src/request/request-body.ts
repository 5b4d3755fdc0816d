import type { WafExpressRequest } from '../options/options.js';
import type { BodyInfo } from '../verdict.js';
import { decodeContentEncoding } from './decode-content-encoding.js';
import { encodeParsedBody } from './encode-parsed-body.js';
import { readBodyPrefix } from './read-body-prefix.js';

/** The body to inspect and where it came from. */
export interface InspectedBody {
  readonly bytes: Uint8Array | undefined;
  /** Set when the bytes are in another type than the request's `Content-Type` says. */
  readonly contentType: string | undefined;
  readonly info: BodyInfo;
}

/** How to get the body, decided synchronously: reading it is the only step that may wait. */
export type BodyPlan =
  | { readonly kind: 'ready'; readonly body: InspectedBody }
  | { readonly kind: 'read'; readonly encoding: string | undefined };

const NONE: InspectedBody = {
  bytes: undefined,
  contentType: undefined,
  info: { source: 'none', bytes: 0, truncated: false },
};
const UNAVAILABLE: InspectedBody = {
  bytes: undefined,
  contentType: undefined,
  info: { source: 'unavailable', bytes: 0, truncated: false },
};

/** RFC 9112 §6.3: a request has a body when it says so with `Transfer-Encoding` or a non-zero `Content-Length`. */
function announcesBody(req: WafExpressRequest): boolean {
  const headers = req.headers;
  if (headers['transfer-encoding'] !== undefined) return true;
  const length = headers['content-length'];
  return length !== undefined && length !== '' && length !== '0';
}

function header(req: WafExpressRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function sized(
  bytes: Uint8Array,
  limit: number,
  contentType: string | undefined,
  source: BodyInfo['source'],
): InspectedBody {
  const truncated = bytes.length > limit;
  const kept = truncated ? bytes.subarray(0, limit) : bytes;
  return { bytes: kept, contentType, info: { source, bytes: kept.length, truncated } };
}

/**
 * Works out where the body comes from, in this order:
 * 1. `req.rawBody` bytes a parser's `verify` hook kept (most faithful, already decompressed);
 * 2. the stream, when nobody consumed it — it will be read up to `limit` and handed back;
 * 3. `req.body` left by a parser that ran before (re-encoded, see `encodeParsedBody`);
 * 4. nothing: no body announced, or another reader is consuming the stream.
 */
export function planBody(req: WafExpressRequest, limit: number, maxFields: number): BodyPlan {
  const raw = req.rawBody;
  if (raw instanceof Uint8Array && raw.length > 0)
    return { kind: 'ready', body: sized(raw, limit, undefined, 'raw') };
  if (typeof raw === 'string' && raw.length > 0)
    return { kind: 'ready', body: sized(Buffer.from(raw), limit, undefined, 'raw') };
  if (!req.readableEnded && req.readableFlowing !== true) {
    if (!announcesBody(req)) return { kind: 'ready', body: NONE };
    return { kind: 'read', encoding: header(req, 'content-encoding') };
  }
  if (!req.readableEnded) return { kind: 'ready', body: UNAVAILABLE };
  const encoded = encodeParsedBody(req.body, header(req, 'content-type'), maxFields);
  if (encoded === undefined) return { kind: 'ready', body: announcesBody(req) ? UNAVAILABLE : NONE };
  return { kind: 'ready', body: sized(encoded.bytes, limit, encoded.contentType, 'parsed') };
}

/** Reads (and hands back) the stream of a `read` plan, decoding a compressed body. Never rejects. */
export async function readBody(
  req: WafExpressRequest,
  encoding: string | undefined,
  limit: number,
): Promise<InspectedBody> {
  try {
    return await readAndDecode(req, encoding, limit);
  } catch {
    return UNAVAILABLE;
  }
}

async function readAndDecode(
  req: WafExpressRequest,
  encoding: string | undefined,
  limit: number,
): Promise<InspectedBody> {
  const prefix = await readBodyPrefix(req, limit);
  if (encoding === undefined || prefix.bytes.length === 0) {
    return {
      bytes: prefix.bytes,
      contentType: undefined,
      info: { source: 'stream', bytes: prefix.bytes.length, truncated: prefix.truncated },
    };
  }
  const decoded = await decodeContentEncoding(prefix.bytes, encoding, limit, prefix.truncated);
  return {
    bytes: decoded.bytes,
    contentType: undefined,
    info: { source: 'stream', bytes: decoded.bytes.length, truncated: decoded.truncated },
  };
}
