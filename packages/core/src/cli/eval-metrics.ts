import type { Decision } from '../waf/decision.js';
import { Histogram } from './percentiles.js';

/** Lines listed by name in a summary (the rest are counted). */
const MAX_LISTED = 10;
/** Group name for records without `attack_type` or `source`. */
export const NONE = '(none)';

/** TP/FP/TN/FN: an attack detected is a true positive, a benign request flagged a false positive. */
export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** Recall of one `attack_type`. */
export interface AttackTypeStats {
  readonly count: number;
  readonly detected: number;
  /** `detected / count`. */
  readonly recall: number | null;
}

/** Detection on the records of one `source`. */
export interface SourceStats {
  readonly count: number;
  readonly attacks: number;
  readonly benign: number;
  /** `null` when the source has no attacks. */
  readonly tpr: number | null;
  /** `null` when the source has no benign records. */
  readonly fpr: number | null;
}

/** A line reported rather than scored. */
export interface ListedLine {
  readonly line: number;
  readonly reason: string;
}

/** What `wafer eval --json` prints. Ratios are `null` where their denominator is 0. */
export interface EvalSummary {
  /** Non-blank lines read. */
  readonly lines: number;
  /** Labelled records: the ones the metrics are computed on. */
  readonly evaluated: number;
  readonly confusion: Readonly<Confusion>;
  /** Recall on attacks: TP / (TP + FN). */
  readonly tpr: number | null;
  /** Benign requests flagged: FP / (FP + TN). */
  readonly fpr: number | null;
  /** TP / (TP + FP). */
  readonly precision: number | null;
  /** (TPR + TNR) / 2: accuracy that does not reward a skewed attack/benign mix. */
  readonly balancedAccuracy: number | null;
  readonly byAttackType: Readonly<Record<string, AttackTypeStats>>;
  readonly bySource: Readonly<Record<string, SourceStats>>;
  /** `inspect()` time per request (`Decision.timings.totalUs`), over every inspected record. */
  readonly latencyUs: { readonly p50: number | null; readonly p99: number | null };
  readonly decidedBy: Readonly<Record<Decision['decidedBy'], number>>;
  /** Lines that are not records: excluded from the metrics, each still has a verdict line. */
  readonly unparseable: { readonly count: number; readonly first: readonly ListedLine[] };
  /** Records without a usable label: inspected, excluded from the metrics. */
  readonly unlabelled: { readonly count: number; readonly first: readonly ListedLine[] };
}

interface Tally {
  count: number;
  attacks: number;
  benign: number;
  tp: number;
  fp: number;
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/**
 * Accumulates the results of `wafer eval`, one line at a time in any order, and computes the
 * summary. Knows nothing about files or the engine beyond `Decision`.
 *
 * @example
 * ```ts
 * const metrics = new EvalMetrics();
 * metrics.addLabelled({ label: 'attack', attack_type: 'sqli' }, decision);
 * metrics.addUnparseable(7, 'not valid JSON');
 * metrics.summary().tpr;
 * ```
 */
export class EvalMetrics {
  readonly #confusion: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  readonly #types = new Map<string, { count: number; detected: number }>();
  readonly #sources = new Map<string, Tally>();
  readonly #latency = new Histogram();
  readonly #decidedBy: Record<Decision['decidedBy'], number> = {
    'fast-path': 0,
    cache: 0,
    model: 0,
    failure: 0,
  };
  readonly #unparseable: ListedLine[] = [];
  readonly #unlabelled: ListedLine[] = [];
  #unparseableCount = 0;
  #unlabelledCount = 0;
  #lines = 0;

  /** A labelled record and what the engine decided. */
  addLabelled(
    record: { readonly label: 'attack' | 'benign'; readonly attack_type?: string; readonly source?: string },
    decision: Decision,
  ): void {
    this.#inspected(decision);
    const attack = record.label === 'attack';
    const flagged = decision.attack;
    const c = this.#confusion;
    if (attack && flagged) c.tp++;
    else if (attack) c.fn++;
    else if (flagged) c.fp++;
    else c.tn++;
    if (attack) {
      const type = record.attack_type ?? NONE;
      const entry = this.#types.get(type) ?? { count: 0, detected: 0 };
      entry.count++;
      if (flagged) entry.detected++;
      this.#types.set(type, entry);
    }
    const source = record.source ?? NONE;
    const tally = this.#sources.get(source) ?? { count: 0, attacks: 0, benign: 0, tp: 0, fp: 0 };
    tally.count++;
    if (attack) {
      tally.attacks++;
      if (flagged) tally.tp++;
    } else {
      tally.benign++;
      if (flagged) tally.fp++;
    }
    this.#sources.set(source, tally);
  }

  /** A record without a usable label: its decision counts for latency, not for the metrics. */
  addUnlabelled(line: number, reason: string, decision: Decision): void {
    this.#inspected(decision);
    this.#unlabelledCount++;
    if (this.#unlabelled.length < MAX_LISTED) this.#unlabelled.push({ line, reason });
  }

  /** A line that is not a record. */
  addUnparseable(line: number, reason: string): void {
    this.#lines++;
    this.#unparseableCount++;
    if (this.#unparseable.length < MAX_LISTED) this.#unparseable.push({ line, reason });
  }

  #inspected(decision: Decision): void {
    this.#lines++;
    this.#latency.add(decision.timings.totalUs);
    this.#decidedBy[decision.decidedBy]++;
  }

  summary(): EvalSummary {
    const { tp, fp, tn, fn } = this.#confusion;
    const tpr = ratio(tp, tp + fn);
    const tnr = ratio(tn, tn + fp);
    const byAttackType: Record<string, AttackTypeStats> = {};
    for (const [type, { count, detected }] of [...this.#types].sort(byCountThenName))
      byAttackType[type] = { count, detected, recall: ratio(detected, count) };
    const bySource: Record<string, SourceStats> = {};
    for (const [source, t] of [...this.#sources].sort(byCountThenName))
      bySource[source] = {
        count: t.count,
        attacks: t.attacks,
        benign: t.benign,
        tpr: ratio(t.tp, t.attacks),
        fpr: ratio(t.fp, t.benign),
      };
    return {
      lines: this.#lines,
      evaluated: tp + fp + tn + fn,
      confusion: { tp, fp, tn, fn },
      tpr,
      fpr: ratio(fp, fp + tn),
      precision: ratio(tp, tp + fp),
      balancedAccuracy: tpr === null || tnr === null ? null : (tpr + tnr) / 2,
      byAttackType,
      bySource,
      latencyUs: {
        p50: roundOrNull(this.#latency.percentile(50)),
        p99: roundOrNull(this.#latency.percentile(99)),
      },
      decidedBy: { ...this.#decidedBy },
      unparseable: { count: this.#unparseableCount, first: [...this.#unparseable] },
      unlabelled: { count: this.#unlabelledCount, first: [...this.#unlabelled] },
    };
  }
}

function byCountThenName(a: [string, { count: number }], b: [string, { count: number }]): number {
  return b[1].count - a[1].count || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
}

function roundOrNull(value: number | undefined): number | null {
  return value === undefined ? null : Math.round(value);
}
