import { WaferError } from '../errors.js';
import type { WafRequest } from './waf-request.js';

/**
 * Default cap on the body bytes {@link fromFetchRequest} reads: 64 KiB.
 *
 * @example
 * ```ts
 * await fromFetchRequest(request, { maxBodyBytes: DEFAULT_MAX_BODY_BYTES * 4 });
 * ```
 */
export const DEFAULT_MAX_BODY_BYTES = 65_536;

/**
 * Options for {@link fromFetchRequest}.
 *
 * @example
 * ```ts
 * const options: FromFetchRequestOptions = { maxBodyBytes: 16_384, remoteAddress: '192.0.2.7' };
 * ```
 */
export interface FromFetchRequestOptions {
  /** Read at most this many body bytes (default 65536). Longer bodies are cut and marked `bodyTruncated`. */
  readonly maxBodyBytes?: number;
  /** The client address, which the Fetch API does not carry (take it from your runtime, e.g. `info.remoteAddr`). */
  readonly remoteAddress?: string;
}

/**
 * Builds a {@link WafRequest} from a Fetch API `Request` (Deno, Bun, Cloudflare Workers, Next.js
 * route handlers, Hono…). The caller's request stays usable: the body is read from a clone.
 *
 * Limits that come from the Fetch API itself, not from Wafer:
 * - the URL has already been parsed and normalized (dot segments removed, some characters
 *   percent-encoded), so raw evasions in the request target may be lost. `target` is the pathname
 *   plus search of `request.url`. That is why Node adapters should use `fromNodeRequest`.
 * - header names come lower-cased and repeated headers merged with `, ` (except `set-cookie`).
 * - `httpVersion` is not exposed and is reported as `1.1`.
 *
 * At most `maxBodyBytes` are read; the reader is then cancelled (this cancels only the clone's branch).
 * If the body stream fails midway, what was read is kept and `bodyTruncated` is set.
 *
 * @throws {WaferError} `WAFER_ERR_INVALID_OPTION` for a bad `maxBodyBytes`;
 *   `WAFER_ERR_INVALID_ARGUMENT` when the body was already consumed (call this before reading it).
 * @example
 * ```ts
 * export default {
 *   async fetch(request: Request) {
 *     const wafRequest = await fromFetchRequest(request, { maxBodyBytes: 16_384 });
 *     // …inspect wafRequest, then still use request.json() as usual
 *   },
 * };
 * ```
 */
export async function fromFetchRequest(
  request: Request,
  options?: FromFetchRequestOptions,
): Promise<WafRequest> {
  const maxBodyBytes = options?.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 0) {
    throw new WaferError(
      'WAFER_ERR_INVALID_OPTION',
      `fromFetchRequest: \`maxBodyBytes\` must be a non-negative integer, got ${String(maxBodyBytes)}.`,
    );
  }
  if (request.bodyUsed) {
    throw new WaferError(
      'WAFER_ERR_INVALID_ARGUMENT',
      'fromFetchRequest: the request body was already read; call fromFetchRequest before consuming it.',
    );
  }

  const headers: Array<readonly [string, string]> = [];
  for (const [name, value] of request.headers) headers.push([name, value]);

  const { body, truncated } = await readBodyPrefix(request.clone().body, maxBodyBytes);
  const remoteAddress = options?.remoteAddress;
  return {
    method: request.method,
    target: targetOf(request.url),
    httpVersion: '1.1',
    headers,
    ...(remoteAddress !== undefined && { remoteAddress }),
    ...(body !== undefined && { body }),
    ...(truncated && { bodyTruncated: true }),
  };
}

function targetOf(url: string): string {
  const parsed = new URL(url);
  // `search` is '' both for no query and for a lone '?'; the serialized URL tells them apart.
  const withoutHash = parsed.hash === '' ? parsed.href : parsed.href.slice(0, -parsed.hash.length);
  const loneQuestionMark = parsed.search === '' && withoutHash.endsWith('?');
  return parsed.pathname + (loneQuestionMark ? '?' : parsed.search);
}

async function readBodyPrefix(
  stream: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<{ body: Uint8Array | undefined; truncated: boolean }> {
  if (stream === null) return { body: undefined, truncated: false };
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let truncated = false;
  let done = false;
  try {
    // Keep reading while we are at or under the cap: only one byte past it proves the body is longer.
    while (total <= maxBytes) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        break;
      }
      chunks.push(next.value);
      total += next.value.length;
    }
    if (total > maxBytes) truncated = true;
  } catch {
    // The stream failed (client went away): keep what arrived and say it is incomplete.
    truncated = true;
    done = true;
  } finally {
    // Not awaited: a tee branch's cancel only settles once the other branch (the caller's) is
    // cancelled or finished too, which may be never.
    if (!done) reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
  const length = Math.min(total, maxBytes);
  if (length === 0) return { body: undefined, truncated };
  return { body: concat(chunks, length), truncated };
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    if (offset >= length) break;
    const part = chunk.subarray(0, length - offset);
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
