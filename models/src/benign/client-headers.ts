import type { Rng } from '../rng.js';
import { LOCALES } from './vocab.js';
import { hex, publicIpv4, publicIpv6, traceparent, uuid } from './tokens.js';
import type { ClientKind } from './user-agents.js';
import { userAgentFor } from './user-agents.js';

/** Whether the request is a page navigation, an XHR/fetch call or a plain API call. */
export type RequestStyle = 'navigation' | 'fetch' | 'api';

function acceptLanguage(rng: Rng): string {
  const primary = rng.pick(LOCALES);
  const lang = primary.split('-')[0] ?? 'en';
  return rng.weighted<string>([
    [primary, 2],
    [`${primary},${lang};q=0.9`, 3],
    [`${primary},${lang};q=0.9,en-US;q=0.8,en;q=0.7`, 4],
    [`${lang}`, 1],
    ['en-US,en;q=0.5', 2],
    ['*', 0.2],
  ]);
}

function chromeClientHints(ua: string, rng: Rng): Array<[string, string]> {
  const m = /Chrome\/(\d+)/.exec(ua);
  // Client hints exist since Chrome 89; old Chrome strings (legacy-browsers.ts) send none.
  if (!m || Number(m[1]) < 89 || /Edg\/|Edge\/|OPR\/|YaBrowser|Silk/.test(ua) || rng.chance(0.2)) return [];
  const v = m[1];
  const mobile = /Mobile/.test(ua) ? '?1' : '?0';
  const platform = /Windows/.test(ua)
    ? 'Windows'
    : /Android/.test(ua)
      ? 'Android'
      : /Mac OS X/.test(ua)
        ? 'macOS'
        : 'Linux';
  return [
    ['sec-ch-ua', `"Chromium";v="${v}", "Not(A:Brand";v="24", "Google Chrome";v="${v}"`],
    ['sec-ch-ua-mobile', mobile],
    ['sec-ch-ua-platform', `"${platform}"`],
  ];
}

/**
 * A realistic header set for a client of `kind` making a request of `style` (without host,
 * cookie and content headers, which the draft renderer derives). Includes the custom headers real
 * deployments carry (request ids, trace context, API versions, forwarding chains).
 */
export function clientHeaders(
  kind: ClientKind,
  style: RequestStyle,
  rng: Rng,
  referer?: string,
): Array<[string, string]> {
  const ua = userAgentFor(kind, rng);
  const h: Array<[string, string]> = [];
  if (kind === 'browser') {
    h.push(...chromeClientHints(ua, rng));
    if (style === 'navigation') {
      if (rng.chance(0.6)) h.push(['upgrade-insecure-requests', '1']);
      h.push(['user-agent', ua]);
      h.push([
        'accept',
        rng.pick([
          'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7',
          'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
        ]),
      ]);
      h.push(
        ['sec-fetch-site', rng.pick(['none', 'same-origin', 'cross-site'])],
        ['sec-fetch-mode', 'navigate'],
        ['sec-fetch-dest', 'document'],
      );
    } else {
      h.push(['user-agent', ua]);
      h.push(['accept', rng.pick(['application/json, text/plain, */*', '*/*', 'application/json'])]);
      h.push(['sec-fetch-site', 'same-origin'], ['sec-fetch-mode', 'cors'], ['sec-fetch-dest', 'empty']);
      if (rng.chance(0.3)) h.push(['x-requested-with', 'XMLHttpRequest']);
      if (rng.chance(0.4))
        h.push(['x-csrf-token', rng.chance(0.5) ? hex(rng, 64) : `${hex(rng, 8)}-${hex(rng, 24)}`]);
    }
    h.push(['accept-encoding', rng.pick(['gzip, deflate, br', 'gzip, deflate, br, zstd', 'gzip, deflate'])]);
    h.push(['accept-language', acceptLanguage(rng)]);
    if (referer) h.push(['referer', referer]);
    if (rng.chance(0.05)) h.push(['dnt', '1']);
  } else {
    h.push(['user-agent', ua]);
    h.push([
      'accept',
      kind === 'bot'
        ? rng.pick(['*/*', 'text/html,application/xhtml+xml', 'text/html'])
        : rng.pick(['application/json', '*/*', 'application/json, text/plain, */*']),
    ]);
    if (kind !== 'monitor' && rng.chance(0.6))
      h.push(['accept-encoding', rng.pick(['gzip', 'gzip, deflate', 'br, gzip'])]);
    if (kind === 'mobile-app') {
      h.push(['accept-language', acceptLanguage(rng)]);
      if (rng.chance(0.6)) h.push(['x-app-version', `${rng.int(1, 9)}.${rng.int(0, 30)}.${rng.int(0, 9)}`]);
      if (rng.chance(0.5)) h.push(['x-device-id', uuid(rng).toUpperCase()]);
      if (rng.chance(0.3)) h.push(['x-platform', rng.pick(['ios', 'android'])]);
    }
  }
  // Infrastructure headers added by load balancers, gateways and tracing.
  if (rng.chance(0.35)) h.push(['x-request-id', rng.chance(0.7) ? uuid(rng) : hex(rng, 32)]);
  if (rng.chance(0.15)) h.push(['traceparent', traceparent(rng)]);
  if (rng.chance(0.3)) {
    const chain = [rng.chance(0.85) ? publicIpv4(rng) : publicIpv6(rng)];
    if (rng.chance(0.3)) chain.push(publicIpv4(rng));
    h.push(['x-forwarded-for', chain.join(', ')]);
    if (rng.chance(0.6)) h.push(['x-forwarded-proto', 'https']);
  }
  if (rng.chance(0.08)) h.push(['x-real-ip', publicIpv4(rng)]);
  if (style === 'api' && rng.chance(0.25))
    h.push(['x-api-version', rng.pick(['2024-06-20', '2023-10-16', 'v2', '2', '1.4', '2025-01-01'])]);
  if (rng.chance(0.06)) h.push(['x-correlation-id', uuid(rng)]);
  if (rng.chance(0.06)) h.push(['cache-control', rng.pick(['no-cache', 'max-age=0'])]);
  if (rng.chance(0.05)) h.push(['if-none-match', `W/"${hex(rng, 16)}"`]);
  return h;
}
