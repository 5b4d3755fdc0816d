import type { FieldLocation } from '../extract/field.js';
import type { Finding } from '../extract/finding.js';
import type { TransformName } from '../normalize/transform.js';

/** `allow`: no attack (or monitor mode off the table); `monitor`: attack seen, not blocked; `block`: stop it. */
export type DecisionAction = 'allow' | 'monitor' | 'block';

/** The part of a field's value the model relied on, found by occlusion (see `docs/decisions.md`). */
export interface Evidence {
  /** `[start, end)` in the field's normalized `value` (code units). */
  readonly start: number;
  readonly end: number;
  /** The span's text (at most 256 characters; `[redacted]` for credentials). */
  readonly text: string;
  /** The attack score the model gives the span alone, with the rest of the value hidden (0–1). */
  readonly score: number;
}

/** One field the model scored above the attack threshold. */
export interface AttackFinding {
  readonly kind: 'attack';
  /** The most likely attack class. */
  readonly class: string;
  /** Every class whose probability passed its own threshold (at least `class`). */
  readonly classes: readonly string[];
  /** Attack score of the field: 1 − p(benign), max over its windows. */
  readonly score: number;
  readonly location: FieldLocation;
  /** Field path, e.g. `query.q`, `body.items[2].note`, `header.user-agent`. */
  readonly path: string;
  /** `value` for a parameter value, `key` for a parameter name. */
  readonly fieldKind: 'value' | 'key';
  /** Transforms normalization applied before scoring (`url-decode`, `html-entity-decode`, …). */
  readonly transforms: readonly TransformName[];
  /** Present unless evidence is turned off. */
  readonly evidence?: Evidence;
  /** The value needed more windows than the model scores: the middle was not inspected. */
  readonly truncated?: boolean;
}

/** A decision could not be completed by the model. */
export interface IncompleteFinding {
  readonly kind: 'budget_exceeded' | 'model_error';
  /** Fields left without a score. */
  readonly fields: number;
  readonly detail?: string;
}

/** Everything a decision reports: attacks first (highest score first), then parser findings. */
export type DecisionFinding = AttackFinding | Finding | IncompleteFinding;

/** Where each field's score came from. */
export interface DecisionCounts {
  /** Fields extracted from the request. */
  readonly fields: number;
  /** Skipped by the fast path (cannot carry an attack). */
  readonly fastPath: number;
  /** Answered by the score cache. */
  readonly cached: number;
  /** Scored by the model. */
  readonly model: number;
  /** Model windows run for those fields (evidence runs excluded). */
  readonly windows: number;
}

/** Microseconds spent, measured with `performance.now()`. */
export interface DecisionTimings {
  /** Parsing, normalization and field extraction. */
  readonly parseUs: number;
  /** Waiting for model scores (queueing and batching included), tokenization and evidence. */
  readonly inferenceUs: number;
  readonly totalUs: number;
}

/**
 * What `inspect()` decided about one request — a plain value: log it, store it, send it.
 *
 * @example
 * ```ts
 * const decision = await waf.inspect(request);
 * if (decision.action === 'block') return forbidden(decision.findings[0]);
 * ```
 */
export interface Decision {
  readonly action: DecisionAction;
  /** The request score reached the attack threshold. */
  readonly attack: boolean;
  /** Request score 0–1: the highest field attack score (1 − p(benign)). */
  readonly score: number;
  /**
   * The same on a 1–99 scale in the style of Cloudflare's WAF attack score: **lower is more
   * likely an attack**; 1–20 is at or above the attack threshold, 99 is clean. See `docs/decisions.md`.
   */
  readonly attackScore: number;
  /** The top finding's class, when `attack`. */
  readonly attackClass?: string;
  /** Highest probability of each attack class over all scored fields. */
  readonly classScores: Readonly<Record<string, number>>;
  readonly findings: readonly DecisionFinding[];
  /** `name@version` of the model that decided. */
  readonly model: string;
  readonly timings: DecisionTimings;
  /**
   * What decided: `fast-path` (every field skipped), `cache` (no model run needed), `model`, or
   * `failure` (the budget ran out or the model failed; `action` follows the failure policy).
   */
  readonly decidedBy: 'fast-path' | 'cache' | 'model' | 'failure';
  readonly counts: DecisionCounts;
  /** The time budget ran out before every field was scored. */
  readonly budgetExceeded: boolean;
}
