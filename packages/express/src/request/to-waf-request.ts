import { fromNodeRequest, type WafRequest } from '@wafer/core';
import type { WafExpressRequest } from '../options/options.js';
import type { InspectedBody } from './request-body.js';

/**
 * Translates an Express request into core's framework-neutral `WafRequest`: Node's raw headers (order,
 * case and duplicates kept), the target as received (`originalUrl`: routers strip their mount path from
 * `req.url`), the client address as Express resolved it, and the body the middleware obtained.
 *
 * @example
 * ```ts
 * const request = toWafRequest(req, '/search?q=1', '203.0.113.7', body);
 * const decision = await engine.inspect(request);
 * ```
 */
export function toWafRequest(
  req: WafExpressRequest,
  target: string,
  ip: string,
  body: InspectedBody,
): WafRequest {
  const base = fromNodeRequest(req, body.bytes, { bodyTruncated: body.info.truncated });
  return {
    ...base,
    target,
    ...(ip !== '' && { remoteAddress: ip }),
    ...(body.contentType !== undefined && body.bytes !== undefined && { contentType: body.contentType }),
  };
}
