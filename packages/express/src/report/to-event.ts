import type { IncomingHttpHeaders } from 'node:http';
import { severityOf } from '@wafer/core';
import type { WafVerdict } from '../verdict.js';
import type { WafEvent, WafEventFinding, WafEventThreat } from './event.js';
import type { Redactor } from './redact.js';

const MAX_PATH = 2048;
const MAX_HEADERS = 64;
const MAX_HEADER_VALUE = 1024;
const MAX_FINDINGS = 16;

/** What the middleware noted about the request and its response. */
export interface RequestFacts {
  readonly time: number;
  readonly method: string;
  readonly target: string;
  readonly headers: IncomingHttpHeaders;
  readonly status: number | null;
  readonly latencyMs: number | null;
  readonly responseSize: number | null;
}

const cut = (text: string, max: number) => (text.length > max ? text.slice(0, max) : text);

function reportedHeaders(headers: IncomingHttpHeaders, redactor: Redactor): Record<string, string> {
  const out: Record<string, string> = {};
  let count = 0;
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (++count > MAX_HEADERS) break;
    const text = Array.isArray(value) ? value.join(', ') : value;
    out[name] = cut(redactor.header(name, text), MAX_HEADER_VALUE);
  }
  return out;
}

/**
 * Builds the reported, redacted form of one request's verdict. Runs once per reported request, after the
 * response ended — never before `next()`.
 *
 * @example
 * ```ts
 * const event = toEvent(verdict, facts, createRedactor());
 * ```
 */
export function toEvent(verdict: WafVerdict, facts: RequestFacts, redactor: Redactor): WafEvent {
  const decision = verdict.decision;
  const q = facts.target.indexOf('?');
  const rawPath = q >= 0 ? facts.target.slice(0, q) : facts.target;
  const query = q >= 0 ? cut(redactor.query(facts.target.slice(q + 1)), MAX_PATH) : '';
  const threats: WafEventThreat[] = [];
  const findings: WafEventFinding[] = [];
  for (const finding of decision?.findings ?? []) {
    if (finding.kind === 'attack') {
      // With route thresholds, a finding of a class the route loosened is not part of the judgement.
      if (!verdict.attackClasses.includes(finding.class)) continue;
      threats.push({
        type: finding.class,
        severity: severityOf(finding.class),
        location: finding.location,
        fieldPath: finding.path,
        evidence:
          finding.evidence === undefined
            ? null
            : redactor.evidence(finding.evidence.text, finding.path, finding.location),
        score: finding.score,
      });
    } else if (findings.length < MAX_FINDINGS) {
      const name =
        finding.kind === 'limit_exceeded'
          ? finding.limit
          : finding.kind === 'malformed_input'
            ? finding.reason
            : undefined;
      const path = 'path' in finding ? finding.path : undefined;
      findings.push({
        kind: finding.kind,
        ...(name !== undefined && { name }),
        ...(path !== undefined && { path }),
      });
    }
  }
  const notable = verdict.action !== 'allow' || verdict.reason !== undefined || verdict.failure !== undefined;
  const userAgent = facts.headers['user-agent'];
  return {
    time: facts.time,
    requestId: verdict.requestId,
    ip: verdict.ip,
    method: facts.method,
    path: cut(rawPath, MAX_PATH),
    query: query === '' ? null : query,
    status: facts.status,
    latencyMs: facts.latencyMs,
    responseSize: facts.responseSize,
    userAgent: userAgent === undefined ? null : cut(userAgent, 512),
    action: verdict.action,
    reason: verdict.reason ?? null,
    mode: verdict.mode,
    dryRun: verdict.dryRun,
    route: verdict.route ?? null,
    score: decision?.score ?? null,
    attackScore: decision?.attackScore ?? null,
    attackClasses: verdict.attackClasses,
    failure: verdict.failure ?? null,
    storeError: verdict.storeError === true,
    decidedBy: decision?.decidedBy ?? null,
    inspectUs: decision?.timings.totalUs ?? null,
    model: decision?.model ?? null,
    body: verdict.body,
    threats,
    findings,
    headers: notable ? reportedHeaders(facts.headers, redactor) : null,
  };
}
