// Datadog's in-app WAF engine (libddwaf, via @datadog/native-appsec) with the recommended ruleset shipped in
// dd-trace, wired as an Express middleware the way dd-trace feeds it: one WAF context per request with the raw
// URL, method, headers without cookies, cookies, parsed query, parsed body and client IP (dd-trace's
// appsec/handlers/http-request.js), and dd-trace's default time budget (DD_APPSEC_WAF_TIMEOUT, 5,000 µs).
// It blocks a request on any rule match, which is what `waf({ mode: 'block' })` does on any attack: the
// comparison is engine against engine, not dd-trace's tracing.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { DDWAF } = require('@datadog/native-appsec');

export const RULES_PATH = require.resolve('dd-trace/packages/dd-trace/src/appsec/recommended.json');
const TIMEOUT_US = 5000;

function parseCookies(header) {
  const cookies = {};
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return cookies;
}

/** The libddwaf middleware and what it loaded. */
export function ddwafMiddleware() {
  const rules = JSON.parse(readFileSync(RULES_PATH, 'utf8'));
  const waf = new DDWAF(rules, 'datadog/00/ASM_DD/default/config');
  const info = {
    libddwaf: DDWAF.version(),
    rulesVersion: rules.metadata?.rules_version ?? 'unknown',
    rules: waf.diagnostics.rules?.loaded?.length ?? rules.rules.length,
  };
  function ddwaf(req, res, next) {
    const { cookie, ...headers } = req.headers;
    const persistent = {
      'server.request.uri.raw': req.originalUrl,
      'server.request.method': req.method,
      'server.request.headers.no_cookies': headers,
      'http.client_ip': req.ip,
    };
    if (cookie) persistent['server.request.cookies'] = parseCookies(cookie);
    if (req.query && Object.keys(req.query).length > 0) persistent['server.request.query'] = req.query;
    if (
      req.body !== undefined &&
      req.body !== null &&
      typeof req.body === 'object' &&
      Object.keys(req.body).length > 0
    )
      persistent['server.request.body'] = req.body;
    const context = waf.createContext();
    let result;
    try {
      result = context.run({ persistent }, TIMEOUT_US);
    } finally {
      context.dispose();
    }
    if (result?.events?.length > 0) {
      res.status(403).json({ error: 'Forbidden' });
      return;
    }
    next();
  }
  return { middleware: ddwaf, info };
}
