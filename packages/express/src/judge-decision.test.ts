import type { AttackFinding, Decision } from '@wafer/core';
import { describe, expect, it } from 'vitest';
import { failureOf, judgeDecision } from './judge-decision.js';

// Decisions are plain values; these are shaped like the engine's (the same judgements on decisions the real
// model made are in test/middleware.test.ts, "per-route overrides").
const ENGINE_T = 0.998;
function attack(cls: string, score: number, classes = [cls], path = 'query.q'): AttackFinding {
  return {
    kind: 'attack',
    class: cls,
    classes,
    score,
    location: 'query',
    path,
    fieldKind: 'value',
    transforms: [],
  };
}
function decision(partial: Partial<Decision>): Decision {
  const findings = partial.findings ?? [];
  const top = findings.find((f): f is AttackFinding => f.kind === 'attack');
  return {
    action: top ? 'block' : 'allow',
    attack: top !== undefined,
    score: 0.1,
    attackScore: 90,
    ...(top && { attackClass: top.class }),
    classScores: { sqli: 0.001, xss: 0.001, cmdi: 0.001 },
    findings,
    model: 'wafer-model@1.0.0',
    timings: { parseUs: 1, inferenceUs: 1, totalUs: 2 },
    decidedBy: 'model',
    counts: { fields: 1, fastPath: 0, cached: 0, model: 1, windows: 1 },
    budgetExceeded: false,
    ...partial,
  };
}
const t = (attackT: number | undefined, classes?: Record<string, number>) => ({
  attack: attackT,
  classes: classes ? new Map(Object.entries(classes)) : undefined,
});

describe('judgeDecision', () => {
  const xssAndSqli = decision({
    score: 0.9999,
    classScores: { sqli: 0.3, xss: 0.9995, cmdi: 0.001 },
    findings: [attack('xss', 0.9999, ['xss']), attack('sqli', 0.999, ['sqli'], 'body.q')],
  });

  it('keeps the engine judgement without route thresholds', () => {
    expect(judgeDecision(xssAndSqli, undefined, ENGINE_T)).toEqual({
      attack: true,
      attackClass: 'xss',
      attackClasses: ['xss', 'sqli'],
    });
  });

  it('a raised class threshold removes that class only', () => {
    expect(judgeDecision(xssAndSqli, t(undefined, { xss: 0.9999 }), ENGINE_T)).toEqual({
      attack: true,
      attackClass: 'sqli',
      attackClasses: ['sqli'],
    });
    const onlyXss = decision({
      score: 0.9999,
      classScores: { xss: 0.9995 },
      findings: [attack('xss', 0.9999)],
    });
    expect(judgeDecision(onlyXss, t(undefined, { xss: 0.9999 }), ENGINE_T).attack).toBe(false);
  });

  it('a lowered class threshold flags a request the engine let through', () => {
    const quiet = decision({ score: 0.95, classScores: { sqli: 0.74, xss: 0.01 } });
    expect(judgeDecision(quiet, t(undefined, { sqli: 0.5 }), ENGINE_T)).toEqual({
      attack: true,
      attackClass: 'sqli',
      attackClasses: ['sqli'],
    });
    expect(judgeDecision(quiet, t(undefined, { sqli: 0.8 }), ENGINE_T).attack).toBe(false);
  });

  it('a raised attack threshold ignores findings below it', () => {
    expect(judgeDecision(xssAndSqli, t(0.99985), ENGINE_T)).toEqual({
      attack: true,
      attackClass: 'xss',
      attackClasses: ['xss'],
    });
    expect(judgeDecision(xssAndSqli, t(0.99999), ENGINE_T).attack).toBe(false);
  });

  it('a lowered attack threshold flags the request under its most likely class', () => {
    const between = decision({ score: 0.99, classScores: { sqli: 0.2, cmdi: 0.7 } });
    expect(judgeDecision(between, t(0.98), ENGINE_T)).toEqual({
      attack: true,
      attackClass: 'cmdi',
      attackClasses: ['cmdi'],
    });
    expect(judgeDecision(between, t(0.995), ENGINE_T).attack).toBe(false);
  });
});

describe('failureOf', () => {
  it('names what made the decision incomplete', () => {
    expect(failureOf(decision({}))).toBeUndefined();
    expect(
      failureOf(decision({ decidedBy: 'failure', findings: [{ kind: 'budget_exceeded', fields: 3 }] })),
    ).toBe('budget_exceeded');
    expect(
      failureOf(decision({ decidedBy: 'failure', findings: [{ kind: 'model_error', fields: 3 }] })),
    ).toBe('model_error');
    expect(
      failureOf(decision({ findings: [{ kind: 'limit_exceeded', limit: 'maxBodyBytes', max: 10 }] })),
    ).toBe('limit_exceeded');
  });

  it('treats fields left unscored without a failure finding as an exhausted budget', () => {
    expect(
      failureOf(
        decision({
          decidedBy: 'fast-path',
          counts: { fields: 151, fastPath: 0, cached: 0, model: 0, windows: 0 },
        }),
      ),
    ).toBe('budget_exceeded');
  });
});
