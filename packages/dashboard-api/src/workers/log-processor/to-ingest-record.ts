import { createHash } from 'node:crypto';
import { severityOf, type AccessLogEntry, type AttackFinding, type Decision } from '@wafer/core';
import type { IngestRecord, ThreatEvent } from '@wafer/storage';
import { classTitle } from '../../ingest/from-wire.js';

/** Where a logged request was read: enough to name it and to find the line again. */
export interface LogLineSource {
  /** The log file's path. */
  readonly path: string;
  /** Inode of the file the line was read from. */
  readonly inode: string;
  /** Byte offset of the line's first byte. */
  readonly offset: number;
  /** 1-based, or `null` when unknown. */
  readonly lineNumber: number | null;
  /** App the file's traffic is filed under; `null` for none. */
  readonly app: string | null;
}

/**
 * A request id that is the same every time the same line is read (same file, same inode, same offset), so a line
 * read twice — which checkpoints exist to prevent — is at least recognisable as one request.
 *
 * @example
 * ```ts
 * logRequestId('/var/log/nginx/access.log', '1234', 5120); // 'log-3f9a…' (28 characters)
 * ```
 */
export function logRequestId(path: string, inode: string, offset: number): string {
  const digest = createHash('sha256').update(`${path}\u0000${inode}\u0000${offset}`).digest('hex');
  return `log-${digest.slice(0, 24)}`;
}

/**
 * Path and raw query of a logged request target. Proxies log absolute-form targets (`http://host/a?b`): the
 * scheme and authority are dropped so the path reads like every other request's.
 *
 * @example
 * ```ts
 * splitTarget('/search?q=1'); // { path: '/search', query: 'q=1' }
 * splitTarget('http://example.com'); // { path: '/', query: null }
 * ```
 */
export function splitTarget(target: string): { path: string; query: string | null } {
  const authority = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(target);
  const rest = authority ? target.slice(authority[0].length) : target;
  const mark = rest.indexOf('?');
  const path = mark >= 0 ? rest.slice(0, mark) : rest;
  const query = mark >= 0 ? rest.slice(mark + 1) : '';
  return { path: path === '' ? '/' : path, query: query === '' ? null : query };
}

/**
 * One access-log line's request and the engine's decision → the storage record: traffic, one threat per attack
 * finding and, for an attack, an activity. A logged request was already served, so its action is `monitor` (an
 * attack, let through) or `allow` — never `block` — and its threats are `blocked: false`. `decision` is `null`
 * when the engine could not inspect the line: the request is stored, unscored.
 *
 * @example
 * ```ts
 * const record = toIngestRecord(entry, await waf.inspect(accessLogEntryToRequest(entry)), source, Date.now());
 * await storage.ingest.write([record]);
 * ```
 */
export function toIngestRecord(
  entry: AccessLogEntry,
  decision: Decision | null,
  source: LogLineSource,
  now: number,
): IngestRecord {
  const time = entry.time?.getTime() ?? now;
  const requestId = logRequestId(source.path, source.inode, source.offset);
  const { path, query } = splitTarget(entry.target);
  const ip = entry.remoteAddress;
  const attack = decision?.attack === true;
  const findings = attack
    ? decision.findings.filter((finding): finding is AttackFinding => finding.kind === 'attack')
    : [];
  const attackClasses: string[] = [];
  for (const finding of findings)
    for (const name of finding.classes) if (!attackClasses.includes(name)) attackClasses.push(name);

  const threats: ThreatEvent[] = findings.map((finding) => ({
    time,
    requestId,
    type: finding.class,
    severity: severityOf(finding.class),
    ip,
    endpoint: path,
    location: finding.location,
    fieldPath: finding.path,
    evidence: finding.evidence?.text ?? null,
    score: finding.score,
    blocked: false,
    modelVersion: decision?.model ?? null,
  }));
  const top = findings[0]?.class ?? decision?.attackClass ?? attackClasses[0];
  const where = source.lineNumber === null ? `offset ${source.offset}` : `line ${source.lineNumber}`;

  return {
    // Lines are never re-read (offsets are checkpointed with the records), so there is nothing to deduplicate.
    key: null,
    traffic: {
      time,
      requestId,
      appId: source.app,
      instanceId: `log:${source.path}`,
      ip,
      method: entry.method,
      path,
      query,
      status: entry.status ?? null,
      responseSize: entry.bytes ?? null,
      latencyMs: null,
      userAgent: entry.userAgent ?? null,
      action: attack ? 'monitor' : 'allow',
      score: decision?.score ?? null,
      attackClasses,
    },
    threats,
    activity: attack
      ? {
          time,
          kind: 'allowed',
          title: `${top === undefined ? 'Attack' : classTitle(top)} from ${ip} (seen in access log, not blocked)`,
          details: {
            text: `${entry.method} ${path} — ${source.path}, ${where}`,
            file: source.path,
            line: source.lineNumber,
            offset: source.offset,
          },
          ip,
          endpoint: path,
        }
      : null,
  };
}
