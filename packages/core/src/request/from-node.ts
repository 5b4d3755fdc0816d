import type { WafRequest } from './waf-request.js';

/**
 * The parts of Node's `http.IncomingMessage` that Wafer reads.
 *
 * We don't use the type from `node:http` here to not depend on it: any object of this shape works
 * (Node's `IncomingMessage`, and what Express, Koa or Fastify expose as the raw request).
 *
 * @example
 * ```ts
 * const like: NodeRequestLike = { method: 'GET', url: '/x', httpVersion: '1.1', rawHeaders: ['Host', 'a.example'] };
 * ```
 */
export interface NodeRequestLike {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
  readonly httpVersion?: string | undefined;
  /** Flat `[name, value, name, value, …]` list in arrival order, original case, duplicates kept. */
  readonly rawHeaders?: readonly string[] | undefined;
  /** Lower-cased header object; duplicates are already merged. Used only when `rawHeaders` is absent. */
  readonly headers?: Readonly<Record<string, string | readonly string[] | undefined>> | undefined;
  readonly socket?: { readonly remoteAddress?: string | undefined } | null | undefined;
}

/**
 * Options for {@link fromNodeRequest}.
 *
 * @example
 * ```ts
 * fromNodeRequest(req, firstBytes, { bodyTruncated: true } satisfies FromNodeRequestOptions);
 * ```
 */
export interface FromNodeRequestOptions {
  /** Set when `body` holds only the first bytes of a longer body (the caller stopped reading). */
  readonly bodyTruncated?: boolean;
}

/**
 * Builds a {@link WafRequest} from a Node request (an `http.IncomingMessage` or anything shaped like it).
 *
 * This is the most faithful builder: `target` is `req.url` verbatim (Node does not normalize it, so
 * `/a/../b?x=%zz` reaches the WAF as sent), and headers come from `req.rawHeaders`, which keeps
 * duplicates, order and the original case. Only when `rawHeaders` is missing does it fall back to the
 * merged, lower-cased `req.headers` object (array values become several pairs).
 *
 * Node never reads the body for you: pass the bytes you buffered (and `bodyTruncated` when you
 * stopped early). An empty body is treated as no body.
 *
 * @example
 * ```ts
 * http.createServer((req, res) => {
 *   const chunks: Buffer[] = [];
 *   req.on('data', (c: Buffer) => chunks.push(c));
 *   req.on('end', () => {
 *     const request = fromNodeRequest(req, Buffer.concat(chunks));
 *     // request.target === '/a/../b?x=%zz&x=2'
 *   });
 * });
 * ```
 */
export function fromNodeRequest(
  req: NodeRequestLike,
  body?: Uint8Array,
  options?: FromNodeRequestOptions,
): WafRequest {
  const remoteAddress = req.socket?.remoteAddress;
  return {
    // Only client-side responses lack a method/url; an empty string keeps the "never throws on input" rule.
    method: req.method ?? '',
    target: req.url ?? '',
    httpVersion: req.httpVersion ?? '1.1',
    headers: req.rawHeaders ? pairsFromRawHeaders(req.rawHeaders) : pairsFromHeaderObject(req.headers ?? {}),
    ...(remoteAddress !== undefined && { remoteAddress }),
    ...(body !== undefined && body.length > 0 && { body }),
    ...(options?.bodyTruncated === true && { bodyTruncated: true }),
  };
}

function pairsFromRawHeaders(raw: readonly string[]): Array<readonly [string, string]> {
  const pairs: Array<readonly [string, string]> = [];
  // An odd trailing entry cannot be a pair; Node never produces one, a hand-made object might.
  for (let i = 0; i + 1 < raw.length; i += 2) {
    pairs.push([raw[i] as string, raw[i + 1] as string]);
  }
  return pairs;
}

function pairsFromHeaderObject(
  headers: Readonly<Record<string, string | readonly string[] | undefined>>,
): Array<readonly [string, string]> {
  const pairs: Array<readonly [string, string]> = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (typeof value === 'string') pairs.push([name, value]);
    else for (const item of value) pairs.push([name, item]);
  }
  return pairs;
}
