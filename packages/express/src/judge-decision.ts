import type { Decision } from '@wafer/core';
import type { CompiledThresholds } from './routes/route-table.js';
import type { FailureKind } from './verdict.js';

/** The model's verdict on one request for one route. */
export interface Judgement {
  readonly attack: boolean;
  readonly attackClass: string | undefined;
  readonly attackClasses: string[];
}

function findingClasses(decision: Decision): string[] {
  const classes: string[] = [];
  for (const finding of decision.findings) {
    if (finding.kind !== 'attack') continue;
    for (const name of finding.classes) if (!classes.includes(name)) classes.push(name);
  }
  return classes;
}

/**
 * Judges a decision with a route's thresholds, from the scores core exposes — one engine serves every route
 * (an engine per threshold set would load the model once per set).
 *
 * - An attack finding (a field at or above the engine's attack threshold) counts when its score also reaches
 *   the route's `attack` threshold and its top class has no route threshold of its own.
 * - A class with a route threshold counts when its probability (`classScores`, the highest over all fields)
 *   reaches that threshold — higher than the calibrated one loosens the class on this route (editors posting
 *   HTML), lower tightens it.
 * - A route `attack` threshold below the engine's also counts a request whose score lies between the two
 *   (such fields are not listed as findings), under its most likely class.
 *
 * Without route thresholds the engine's own judgement stands unchanged.
 *
 * @example
 * ```ts
 * judgeDecision(decision, { attack: undefined, classes: new Map([['xss', 0.9999]]) }, 0.998).attack;
 * ```
 */
export function judgeDecision(
  decision: Decision,
  thresholds: CompiledThresholds | undefined,
  engineAttackThreshold: number,
): Judgement {
  if (thresholds === undefined) {
    return {
      attack: decision.attack,
      attackClass: decision.attackClass,
      attackClasses: decision.attack ? findingClasses(decision) : [],
    };
  }
  const attackThreshold = thresholds.attack ?? engineAttackThreshold;
  const own = thresholds.classes;
  const classes: string[] = [];
  let attackClass: string | undefined;
  for (const finding of decision.findings) {
    if (finding.kind !== 'attack' || finding.score < attackThreshold || own?.has(finding.class)) continue;
    attackClass ??= finding.class;
    for (const name of finding.classes) if (!own?.has(name) && !classes.includes(name)) classes.push(name);
  }
  if (classes.length === 0 && attackThreshold < engineAttackThreshold && decision.score >= attackThreshold) {
    let top: string | undefined;
    for (const [name, p] of Object.entries(decision.classScores))
      if (top === undefined || p > decision.classScores[top]!) top = name;
    if (top !== undefined && !own?.has(top)) {
      attackClass = top;
      classes.push(top);
    }
  }
  if (own !== undefined) {
    let best: string | undefined;
    let bestP = -1;
    for (const [name, threshold] of own) {
      const p = decision.classScores[name] ?? 0;
      if (p < threshold) continue;
      classes.push(name);
      if (p > bestP) {
        best = name;
        bestP = p;
      }
    }
    attackClass ??= best;
  }
  return { attack: classes.length > 0, attackClass, attackClasses: classes };
}

/**
 * Why the decision is incomplete, if it is: the engine ran out of time or failed (`decidedBy: 'failure'`),
 * or part of the request was over an inspection limit.
 */
export function failureOf(decision: Decision): FailureKind | undefined {
  if (decision.decidedBy === 'failure')
    return decision.findings.some((f) => f.kind === 'budget_exceeded') ? 'budget_exceeded' : 'model_error';
  // Every field is skipped by the fast path, answered by the cache or scored by the model. When some are
  // none of these, their windows expired in the engine's queue before the budget timer fired: core
  // (0.0.0) then reports no `budget_exceeded` — the request ran out of time all the same.
  const { fields, fastPath, cached, model } = decision.counts;
  if (fields - fastPath - cached - model > 0) return 'budget_exceeded';
  for (const finding of decision.findings) if (finding.kind === 'limit_exceeded') return 'limit_exceeded';
  return undefined;
}
