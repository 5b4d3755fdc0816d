import { createHash } from 'node:crypto';
import type { IngestRecord, InstanceReport, ThreatEvent } from '@wafer/storage';
import type { WireBatch, WireEvent } from './batch-schema.js';

/** Verdict reasons of `@wafer/express` that are a flood, not a payload: charted as `ddos`. */
const FLOOD_REASONS = new Set(['rate-limit', 'banned']);

const CLASS_TITLES: Record<string, string> = {
  sqli: 'SQL injection',
  xss: 'Cross-site scripting',
  path_traversal: 'Path traversal',
  cmdi: 'Command injection',
  code_injection: 'Code injection',
  ssrf: 'Server-side request forgery',
  ssti: 'Template injection',
  xxe: 'XML external entity',
  log4shell: 'Log4Shell (JNDI)',
  nosqli: 'NoSQL injection',
  ldap_xpath: 'LDAP/XPath injection',
  crlf: 'CRLF injection',
  open_redirect: 'Open redirect',
  ddos: 'Request flood',
};

/**
 * Inspection failures (model error, time budget, …) of ingested records, for the failure alert and counters.
 * Kept beside the records, not in them: storage has no column for it, and only the live rules need it.
 */
export const failureOf = new WeakMap<
  IngestRecord,
  { readonly failure: string; readonly instanceId: string }
>();

/** "SQL injection" for `sqli`; the class name itself for one the table does not know. */
export function classTitle(type: string): string {
  return CLASS_TITLES[type] ?? type;
}

/** Idempotency key: instance and event, hashed when long (storage keys are ≤ 256 characters). */
function keyOf(instanceId: string, event: WireEvent): string {
  // Length-prefixed, so no instance id / event id pair can spell another's key.
  const key = `${instanceId.length}:${instanceId}:${event.id ?? event.requestId}`;
  return key.length <= 256 ? key : `sha256:${createHash('sha256').update(key).digest('base64')}`;
}

function threatsOf(event: WireEvent, blocked: boolean): ThreatEvent[] {
  const common = {
    time: event.time,
    requestId: event.requestId,
    ip: event.ip,
    endpoint: event.path,
    blocked,
    modelVersion: event.model ?? null,
  };
  const threats: ThreatEvent[] = (event.threats ?? []).map((t) => ({
    ...common,
    type: t.type,
    severity: t.severity,
    location: t.location ?? null,
    fieldPath: t.fieldPath ?? null,
    evidence: t.evidence ?? null,
    score: t.score ?? null,
  }));
  if (event.reason && FLOOD_REASONS.has(event.reason))
    threats.push({
      ...common,
      type: 'ddos',
      severity: 'medium',
      location: null,
      evidence: `reason: ${event.reason}`,
    });
  return threats;
}

/**
 * A reporter batch → storage records (traffic, threats, an activity for every request that was not a plain
 * allow) and the instance's report about itself.
 *
 * @example
 * ```ts
 * const { records, instance } = fromWireBatch(batch, Date.now());
 * await storage.ingest.write(records, { instances: [instance] });
 * ```
 */
export function fromWireBatch(
  batch: WireBatch,
  receivedAt: number,
): { records: IngestRecord[]; instance: InstanceReport } {
  const instanceId = batch.instance.id;
  let failures = 0;
  let mode: string | null = null;
  let model: string | null = null;
  const records = batch.events.map((event) => {
    const record = toRecord(event);
    if (event.failure) {
      failures++;
      failureOf.set(record, { failure: event.failure, instanceId });
    }
    return record;
  });
  function toRecord(event: WireEvent): IngestRecord {
    if (event.mode) mode = event.dryRun ? `${event.mode} (dry run)` : event.mode;
    if (event.model) model = event.model;
    const blocked = event.action === 'block';
    const threats = threatsOf(event, blocked);
    const classes = event.attackClasses ?? [];
    const notable = event.action !== 'allow' || threats.length > 0 || event.failure;
    const what =
      threats.length > 0
        ? classTitle(threats[0]!.type)
        : event.failure
          ? `Inspection ${event.failure}`
          : 'Request';
    return {
      key: keyOf(instanceId, event),
      traffic: {
        time: event.time,
        requestId: event.requestId,
        appId: batch.instance.app ?? null,
        instanceId,
        ip: event.ip,
        method: event.method,
        path: event.path,
        query: event.query ?? null,
        status: event.status ?? null,
        responseSize: event.responseSize ?? null,
        latencyMs: event.latencyMs ?? null,
        userAgent: event.userAgent ?? null,
        action: event.action,
        score: event.score ?? null,
        attackClasses: classes,
      },
      threats,
      activity: notable
        ? {
            time: event.time,
            kind: blocked ? 'blocked' : 'allowed',
            title: `${what} ${blocked ? 'blocked' : event.action === 'monitor' ? 'detected (monitor mode)' : 'allowed'} from ${event.ip}`,
            details: {
              text: `${event.method} ${event.path}${event.reason ? ` — ${event.reason}` : ''}${event.failure ? ` — failure: ${event.failure}` : ''}`,
              requestId: event.requestId,
              instance: instanceId,
            },
            ip: event.ip,
            endpoint: event.path,
          }
        : null,
    };
  }
  return {
    records,
    instance: {
      id: instanceId,
      app: batch.instance.app ?? null,
      sdk: batch.instance.sdk ?? null,
      mode,
      modelVersion: model,
      seenAt: receivedAt,
      events: batch.events.length,
      failures,
    },
  };
}
