import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashBucket } from '../hash.js';
import {
  BENCHMARK_PERCENT,
  BENCHMARK_SALT,
  ELASTIC_HOST,
  ELASTIC_INFO,
} from '../mappings/elastic-apache-logs.js';
import type { EvalRecord } from '../records.js';
import type { SourceContext, SourceOutput, SourceRecord } from './source-output.js';
import { SourceStats } from './source-stats.js';

/** One parsed combined-log line (IP and time are parsed only to be dropped). */
export interface AccessLogEntry {
  readonly method: string;
  readonly target: string;
  readonly referer: string | undefined;
  readonly userAgent: string | undefined;
}

const COMBINED =
  /^\S+ \S+ \S+ \[[^\]]+\] "([A-Z]+) (\S+)(?: HTTP\/[\d.]+)?" \d{3} \S+ "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)"/;

/** Parses one Apache combined-log line; `undefined` when it does not match. */
export function parseCombinedLog(line: string): AccessLogEntry | undefined {
  const m = COMBINED.exec(line);
  if (!m) return undefined;
  const dash = (v: string | undefined): string | undefined =>
    v === undefined || v === '-' || v === '' ? undefined : v;
  return { method: m[1] ?? 'GET', target: m[2] ?? '/', referer: dash(m[3]), userAgent: dash(m[4]) };
}

/** Elastic output: the benchmark slice as records, the rest as entries for path-shape learning only. */
export interface ElasticOutput extends SourceOutput {
  /** Never emitted: used only by `benign/path-shapes.ts` to learn the shapes of real paths. */
  readonly shapeEntries: AccessLogEntry[];
}

/** True when a log line belongs to the benchmark slice (fixed salt: stable across seeds). */
export function isBenchmarkLine(line: string): boolean {
  return hashBucket(`${BENCHMARK_SALT}|${line}`, 100) < BENCHMARK_PERCENT;
}

/** Reads the access log and splits it into the benchmark slice and the shape-learning rest. */
export function readElasticLogs(ctx: SourceContext): ElasticOutput {
  const stats = new SourceStats();
  const records: SourceRecord[] = [];
  const shapeEntries: AccessLogEntry[] = [];
  for (const line of readFileSync(join(ctx.dir, 'apache_logs'), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    stats.countRead();
    const entry = parseCombinedLog(line);
    if (!entry || !entry.target.startsWith('/') || /[^\x21-\x7e]/.test(entry.target)) {
      stats.drop('unparsable line or non-origin-form target');
      continue;
    }
    if (!isBenchmarkLine(line)) {
      shapeEntries.push(entry);
      stats.drop('not emitted: path-shape learning only', 'shape-learning');
      continue;
    }
    const headers: Record<string, string> = { host: ELASTIC_HOST };
    if (entry.userAgent) headers['user-agent'] = entry.userAgent.replace(/\\"/g, '"');
    if (entry.referer) headers.referer = entry.referer.replace(/\\"/g, '"');
    const record: EvalRecord = {
      source: ELASTIC_INFO.id,
      method: entry.method,
      url: entry.target,
      headers,
      label: 'benign',
    };
    records.push({ record });
    stats.keep('benign', 'benchmark');
  }
  return { info: ELASTIC_INFO, payloads: [], records, stats, shapeEntries };
}
