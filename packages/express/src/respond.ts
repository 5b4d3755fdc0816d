import type { ServerResponse } from 'node:http';
import type { BlockHandler, WafExpressRequest } from './options/options.js';
import type { WafVerdict } from './verdict.js';

const MESSAGES: Readonly<Record<string, string>> = {
  attack: 'The request was blocked by the web application firewall.',
  'ip-deny': 'Requests from this address are not allowed.',
  banned: 'This address is temporarily blocked after repeated attacks.',
  'rate-limit': 'Too many requests; retry later.',
  error: 'The request could not be inspected and was blocked.',
};

/**
 * The default block response: `403` (`429` for a rate limit) with a small JSON body — the request id to quote
 * to support, the reason and, for attacks, the class — `Retry-After` for rate limits and bans, and
 * `Cache-Control: no-store` so no cache serves it to someone else. Nothing from the request is echoed back.
 *
 * @example
 * ```json
 * { "error": "Forbidden", "message": "The request was blocked by the web application firewall.",
 *   "reason": "attack", "attackClass": "sqli", "requestId": "5c0e…" }
 * ```
 */
export function sendDefaultBlock(res: ServerResponse, verdict: WafVerdict): void {
  const status = verdict.status ?? 403;
  const body = JSON.stringify({
    error: status === 429 ? 'Too Many Requests' : 'Forbidden',
    message: MESSAGES[verdict.reason ?? 'attack'],
    reason: verdict.reason ?? 'attack',
    ...(verdict.attackClass !== undefined &&
      verdict.reason === 'attack' && { attackClass: verdict.attackClass }),
    ...(verdict.retryAfterS !== undefined && { retryAfter: verdict.retryAfterS }),
    requestId: verdict.requestId,
  });
  const headers: Record<string, string | number> = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-request-id': verdict.requestId,
  };
  if (verdict.retryAfterS !== undefined) headers['retry-after'] = verdict.retryAfterS;
  res.writeHead(status, headers);
  res.end(body);
}

/**
 * Stops a request: the caller's `onBlock`, or the default response. A block never falls through to the
 * app: when `onBlock` throws, rejects or settles without sending anything, the default response is sent;
 * when headers were already sent (by something before the middleware), the response is ended as it is.
 * Never throws. Returns false when `onBlock` had to be replaced.
 */
export async function block(
  req: WafExpressRequest,
  res: ServerResponse,
  verdict: WafVerdict,
  onBlock: BlockHandler | undefined,
): Promise<boolean> {
  let ok = true;
  try {
    if (res.headersSent) {
      if (!res.writableEnded) res.end();
      return true;
    }
    if (onBlock !== undefined) {
      try {
        await onBlock(req, res, verdict);
      } catch {
        ok = false;
      }
      if (res.headersSent) {
        if (!ok && !res.writableEnded) res.end();
        return ok;
      }
      ok = false;
    }
    if (!res.writableEnded && !res.destroyed) sendDefaultBlock(res, verdict);
  } catch {
    // The socket is gone or a header was invalid: nothing more can be sent; never throw into the app.
    try {
      res.destroy();
    } catch {
      // already destroyed
    }
  }
  return ok;
}
