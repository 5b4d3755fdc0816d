import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ATTACK_SCORE_AT_THRESHOLD, toAttackScore } from './attack-score.js';

describe('toAttackScore', () => {
  it('maps the threshold to 20, certain attacks to 1 and clean requests to 99', () => {
    expect(toAttackScore(0.998, 0.998)).toBe(ATTACK_SCORE_AT_THRESHOLD);
    expect(toAttackScore(1, 0.998)).toBe(1);
    expect(toAttackScore(0, 0.998)).toBe(99);
    expect(toAttackScore(0.5, 0.998)).toBeGreaterThan(80);
  });

  it('is monotone (higher score → lower or equal 1–99 value) and stays in 1–99', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.01, max: 0.9999, noNaN: true }),
        (a, b, threshold) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          const x = toAttackScore(low, threshold);
          const y = toAttackScore(high, threshold);
          return y <= x && x >= 1 && x <= 99 && y >= 1 && y <= 99;
        },
      ),
    );
  });

  it('puts every score at or above the threshold at 20 or below', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 0.9999, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (t, u) => {
          const score = t + (1 - t) * u;
          return toAttackScore(score, t) <= ATTACK_SCORE_AT_THRESHOLD;
        },
      ),
    );
  });
});
