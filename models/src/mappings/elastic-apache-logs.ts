import type { SourceInfo } from './mapping-types.js';

/** Real Apache access log (semicomplete.com, May 2015). */
export const ELASTIC_INFO: SourceInfo = {
  id: 'elastic-apache-logs',
  title: 'Elastic examples: real Apache access log (semicomplete.com, 2015)',
  license: 'Apache-2.0 (contains public client IPs: never copied into records)',
  upstream: 'https://github.com/elastic/examples @ 6d86454e',
  use: 'a hash-chosen slice is the benign false-positive benchmark; the rest only teaches path SHAPES to the generator',
};

/**
 * Decisions:
 * - every parsable line is benign (no injection payloads found; the 12 `wp-login.php` probes are
 *   scans, not injections, and stay benign);
 * - `hash(line) % 100 < BENCHMARK_PERCENT` → `benign-benchmark.jsonl` (salt fixed, independent of
 *   `--seed`, so the benchmark never moves between builds);
 * - the other lines are never emitted: `benign/path-shapes.ts` learns segment kinds, depths,
 *   extensions and frequent directory words from them, and generates new paths.
 * - IPs and timestamps are dropped; Referer/User-Agent kept; Host set to the site's name.
 */
export const BENCHMARK_PERCENT = 30;
export const BENCHMARK_SALT = 'wafer-benign-benchmark-v1';
export const ELASTIC_HOST = 'semicomplete.com';
