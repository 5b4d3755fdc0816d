import { describe, expect, it } from 'vitest';
import type { Decision } from '../waf/decision.js';
import { EvalMetrics, NONE } from './eval-metrics.js';

/** A decision as `inspect()` returns it, reduced to what the metrics read. */
function decision(attack: boolean, totalUs = 1000, decidedBy: Decision['decidedBy'] = 'model'): Decision {
  return {
    action: attack ? 'monitor' : 'allow',
    attack,
    score: attack ? 0.999 : 0.01,
    attackScore: attack ? 10 : 99,
    classScores: {},
    findings: [],
    model: 'test@0',
    timings: { parseUs: 0, inferenceUs: totalUs, totalUs },
    decidedBy,
    counts: { fields: 1, fastPath: 0, cached: 0, model: 1, windows: 1 },
    budgetExceeded: false,
  };
}

describe('EvalMetrics', () => {
  it('computes the confusion matrix and the rates', () => {
    const m = new EvalMetrics();
    for (let i = 0; i < 8; i++)
      m.addLabelled({ label: 'attack', attack_type: 'sqli', source: 'a' }, decision(true));
    m.addLabelled({ label: 'attack', attack_type: 'sqli', source: 'a' }, decision(false));
    m.addLabelled({ label: 'attack', attack_type: 'xss', source: 'b' }, decision(false));
    for (let i = 0; i < 19; i++) m.addLabelled({ label: 'benign', source: 'b' }, decision(false));
    m.addLabelled({ label: 'benign' }, decision(true));
    const s = m.summary();
    expect(s.confusion).toEqual({ tp: 8, fn: 2, fp: 1, tn: 19 });
    expect(s.evaluated).toBe(30);
    expect(s.tpr).toBeCloseTo(0.8);
    expect(s.fpr).toBeCloseTo(0.05);
    expect(s.precision).toBeCloseTo(8 / 9);
    expect(s.balancedAccuracy).toBeCloseTo((0.8 + 0.95) / 2);
    expect(s.byAttackType).toEqual({
      sqli: { count: 9, detected: 8, recall: 8 / 9 },
      xss: { count: 1, detected: 0, recall: 0 },
    });
    expect(s.bySource).toEqual({
      b: { count: 20, attacks: 1, benign: 19, tpr: 0, fpr: 0 },
      a: { count: 9, attacks: 9, benign: 0, tpr: 8 / 9, fpr: null },
      [NONE]: { count: 1, attacks: 0, benign: 1, tpr: null, fpr: 1 },
    });
  });

  it('gives null ratios without cases, and keeps unparseable and unlabelled lines out of the metrics', () => {
    const m = new EvalMetrics();
    m.addUnparseable(2, 'not valid JSON');
    m.addUnlabelled(3, 'no `label`', decision(true, 500, 'cache'));
    const s = m.summary();
    expect(s.lines).toBe(2);
    expect(s.evaluated).toBe(0);
    expect([s.tpr, s.fpr, s.precision, s.balancedAccuracy]).toEqual([null, null, null, null]);
    expect(s.unparseable).toEqual({ count: 1, first: [{ line: 2, reason: 'not valid JSON' }] });
    expect(s.unlabelled).toEqual({ count: 1, first: [{ line: 3, reason: 'no `label`' }] });
    // Unlabelled records were inspected: they count for latency and decided-by.
    expect(s.decidedBy).toEqual({ 'fast-path': 0, cache: 1, model: 0, failure: 0 });
    expect(s.latencyUs.p50).toBe(500);
  });

  it('lists the first ten reported lines and counts the rest', () => {
    const m = new EvalMetrics();
    for (let line = 1; line <= 25; line++) m.addUnparseable(line, 'bad');
    const s = m.summary();
    expect(s.unparseable.count).toBe(25);
    expect(s.unparseable.first.map((item) => item.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('reports latency percentiles and what decided', () => {
    const m = new EvalMetrics();
    for (let i = 1; i <= 100; i++)
      m.addLabelled({ label: 'benign' }, decision(false, i * 100, i === 100 ? 'failure' : 'model'));
    const s = m.summary();
    expect(Math.abs(s.latencyUs.p50! - 5000)).toBeLessThanOrEqual(50);
    expect(Math.abs(s.latencyUs.p99! - 9900)).toBeLessThanOrEqual(99);
    expect(s.decidedBy).toEqual({ 'fast-path': 0, cache: 0, model: 99, failure: 1 });
  });
});
