/**
 * A framework-neutral HTTP request, exactly as it arrived: nothing is decoded or merged here.
 * Everything Wafer inspects starts from this shape, whatever produced it (Node, Fetch API,
 * raw HTTP text, an access-log line or an evaluation record).
 *
 * @example
 * ```ts
 * const req: WafRequest = {
 *   method: 'GET',
 *   target: '/search?q=shoes',
 *   httpVersion: '1.1',
 *   headers: [['Host', 'shop.example'], ['User-Agent', 'curl/8.5.0']],
 * };
 * ```
 */
export interface WafRequest {
  /** Request method as sent (not upper-cased: `get` and `GET` differ on the wire). */
  readonly method: string;
  /** Request target exactly as received: origin-form path + query (`/a/b?x=1`), or absolute-form. */
  readonly target: string;
  /** HTTP version without the `HTTP/` prefix, e.g. `1.1` or `2.0`. */
  readonly httpVersion: string;
  /** Header name/value pairs in arrival order, original case, duplicates kept. */
  readonly headers: ReadonlyArray<readonly [name: string, value: string]>;
  /** Client address as seen by the server socket (proxies are resolved by the adapter, not here). */
  readonly remoteAddress?: string;
  /** Body bytes, when there is a body and it was read (possibly only the first bytes, see `bodyTruncated`). */
  readonly body?: Uint8Array;
  /** The `Content-Type` of the body (first `content-type` header when not given explicitly). */
  readonly contentType?: string;
  /** True when `body` holds only the first bytes of a longer body. */
  readonly bodyTruncated?: boolean;
}

/**
 * First value of a header, matched case-insensitively (RFC 9110 §5.1: field names are case-insensitive).
 */
export function getHeader(request: Pick<WafRequest, 'headers'>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [headerName, value] of request.headers) {
    if (headerName.length === wanted.length && headerName.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/** The body's content type: the explicit one, else the first `Content-Type` header. */
export function contentTypeOf(request: WafRequest): string | undefined {
  return request.contentType ?? getHeader(request, 'content-type');
}
