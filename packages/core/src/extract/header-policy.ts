/**
 * Which headers are inspected. By default: the headers attackers commonly use (User-Agent, Referer,
 * X-Forwarded-For, Forwarded, Origin, Content-Type — Struts-style OGNL injection lives there),
 * Authorization (inspected but marked sensitive, never stored in clear), and every NON-standard header
 * (`X-Api-Version`, `X-Custom-…`: Log4Shell campaigns sprayed those). Standard headers whose values
 * are protocol tokens (Accept-Encoding, Connection, Sec-Fetch-*, …) are skipped: scoring them would
 * only cost time and invite false positives. Cookies are always split into `cookie.*` fields.
 */
export interface HeaderPolicyOptions {
  /** Extra header names to inspect (lower- or mixed-case). */
  readonly inspect?: readonly string[];
  /** Header names never inspected (wins over `inspect`). */
  readonly ignore?: readonly string[];
  /** Inspect headers that are not in the standard list (default `true`). */
  readonly nonStandard?: boolean;
}

/** Inspected even though they are standard headers. */
export const DEFAULT_INSPECTED_HEADERS: readonly string[] = Object.freeze([
  'user-agent',
  'referer',
  'x-forwarded-for',
  'forwarded',
  'origin',
  'content-type',
  'authorization',
  'proxy-authorization',
]);

/** Credentials: inspected, but fields from them are `sensitive` and must be redacted before storage. */
export const SENSITIVE_HEADERS: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization']);

/**
 * Standard request headers (RFC 9110, 9111, 9112, 6265, Fetch metadata, client hints) whose values
 * are protocol syntax, not application input. Not inspected unless listed in `inspect`.
 */
export const STANDARD_HEADERS: ReadonlySet<string> = new Set([
  'accept',
  'accept-charset',
  'accept-encoding',
  'accept-language',
  'accept-ranges',
  'access-control-request-headers',
  'access-control-request-method',
  'cache-control',
  'connection',
  'content-encoding',
  'content-language',
  'content-length',
  'content-location',
  'content-range',
  'cookie',
  'date',
  'dnt',
  'early-data',
  'expect',
  'host',
  'if-match',
  'if-modified-since',
  'if-none-match',
  'if-range',
  'if-unmodified-since',
  'keep-alive',
  'max-forwards',
  'pragma',
  'priority',
  'proxy-connection',
  'range',
  'save-data',
  'sec-gpc',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'upgrade-insecure-requests',
  'via',
  'warning',
]);

const STANDARD_PREFIXES = ['sec-fetch-', 'sec-ch-', 'sec-websocket-', ':'];

function isStandard(name: string): boolean {
  if (STANDARD_HEADERS.has(name)) return true;
  for (const prefix of STANDARD_PREFIXES) if (name.startsWith(prefix)) return true;
  return false;
}

/** A compiled decision: `shouldInspect(lowerCaseName)`. Built once per extractor. */
export interface HeaderPolicy {
  shouldInspect(lowerCaseName: string): boolean;
}

/** Compiles the options into a fast predicate (results cached per header name). */
export function createHeaderPolicy(options: HeaderPolicyOptions = {}): HeaderPolicy {
  const inspect = new Set([
    ...DEFAULT_INSPECTED_HEADERS,
    ...(options.inspect ?? []).map((h) => h.toLowerCase()),
  ]);
  const ignore = new Set((options.ignore ?? []).map((h) => h.toLowerCase()));
  ignore.add('cookie'); // cookies are split into `cookie.*` fields instead
  const nonStandard = options.nonStandard ?? true;
  const cache = new Map<string, boolean>();
  return {
    shouldInspect(name) {
      let decision = cache.get(name);
      if (decision === undefined) {
        decision = !ignore.has(name) && (inspect.has(name) || (nonStandard && !isStandard(name)));
        // Header names are attacker-controlled: cap the cache so random names cannot grow it.
        if (cache.size < 1024) cache.set(name, decision);
      }
      return decision;
    },
  };
}
