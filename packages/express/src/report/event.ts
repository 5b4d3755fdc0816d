import type { Decision, ThreatSeverity } from '@wafer/core';
import type { WafMode } from '../options/options.js';
import type { BodyInfo, FailureKind, VerdictReason } from '../verdict.js';

/** How bad an attack class is, for sorting and alerting (`@wafer/core`'s `severityOf`). */
export type { ThreatSeverity } from '@wafer/core';

/** One attack finding, as reported. */
export interface WafEventThreat {
  /** Attack class: `sqli`, `xss`, `path_traversal`, … */
  readonly type: string;
  readonly severity: ThreatSeverity;
  /** `query`, `body`, `header`, `cookie`, `path`. */
  readonly location: string;
  /** `query.id`, `body.items[2].note`, `header.user-agent`. */
  readonly fieldPath: string;
  /** The span the model reacted to (≤ 256 characters), `[redacted]` when the field is a credential. */
  readonly evidence: string | null;
  /** Field attack score 0–1. */
  readonly score: number;
}

/** A parser or engine finding that is not an attack: a limit, malformed input, an incomplete inspection. */
export interface WafEventFinding {
  readonly kind: 'limit_exceeded' | 'malformed_input' | 'budget_exceeded' | 'model_error';
  /** Which limit (`maxBodyBytes`, …) or which malformation (`broken_json`, …). */
  readonly name?: string;
  readonly path?: string;
}

/**
 * One request as it leaves the process — to `onDecision`, to reporters, over the wire to the dashboard.
 * Redacted when built: sensitive query parameters, credential headers and evidence from credential fields are
 * `[redacted]`; bodies are never included, only evidence spans. Field names match `@wafer/storage`'s
 * `TrafficEvent` and `ThreatEvent` where they overlap.
 *
 * @example
 * ```ts
 * app.use(waf({ onDecision: (event) => { if (event.action !== 'allow') logger.warn(event) } }));
 * ```
 */
export interface WafEvent {
  /** Epoch ms when the request reached the middleware. */
  readonly time: number;
  readonly requestId: string;
  readonly ip: string;
  readonly method: string;
  /** The raw path (≤ 2,048 characters). */
  readonly path: string;
  /** The raw query string without `?`, sensitive values redacted; `null` when there is none. */
  readonly query: string | null;
  /** Response status; `null` when the client went away before a response was sent. */
  readonly status: number | null;
  /** Time from the middleware to the end of the response, in ms. */
  readonly latencyMs: number | null;
  /** The response's `Content-Length`, when it had one. */
  readonly responseSize: number | null;
  readonly userAgent: string | null;
  readonly action: 'allow' | 'monitor' | 'block';
  readonly reason: VerdictReason | null;
  readonly mode: WafMode;
  readonly dryRun: boolean;
  readonly route: string | null;
  /** Request attack score 0–1 (`null` when the model did not run). */
  readonly score: number | null;
  /** 1–99, lower is worse (see `@wafer/core`'s decisions.md). */
  readonly attackScore: number | null;
  readonly attackClasses: readonly string[];
  readonly failure: FailureKind | null;
  readonly storeError: boolean;
  readonly decidedBy: Decision['decidedBy'] | null;
  /** Microseconds the engine spent (parse + scores). */
  readonly inspectUs: number | null;
  /** `name@version` of the model. */
  readonly model: string | null;
  readonly body: BodyInfo;
  readonly threats: readonly WafEventThreat[];
  readonly findings: readonly WafEventFinding[];
  /**
   * Request headers (lower-case names, first 64, values ≤ 1,024 characters, credentials redacted) for
   * requests that were not a plain `allow`; `null` otherwise, to keep ordinary traffic small.
   */
  readonly headers: Readonly<Record<string, string>> | null;
}
