import { describe, expect, it } from 'vitest';
import { MAX_OCCLUSION_GROUPS, pickEvidence, planOcclusion } from './occlusion.js';

// A window [CLS] [LOC] t0 … t9 [SEP]; token i of the value spans [2i, 2i+2).
const window = Int32Array.from([2, 7, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 3]);
const offsets: Array<[number, number]> = [
  [-1, -1],
  [-1, -1],
  ...Array.from({ length: 10 }, (_, i) => [2 * i, 2 * i + 2] as [number, number]),
  [-1, -1],
];

describe('planOcclusion', () => {
  it('keeps the prefix and [SEP] and one or two adjacent groups of content in each variant', () => {
    const plan = planOcclusion(window, offsets);
    const groups = MAX_OCCLUSION_GROUPS;
    expect(plan).toHaveLength(groups + (groups - 1));
    for (const { variant, tokens } of plan) {
      expect(Array.from(variant.slice(0, 2))).toEqual([2, 7]);
      expect(variant[variant.length - 1]).toBe(3);
      expect(Array.from(variant.slice(2, -1))).toEqual(Array.from(window.slice(tokens[0], tokens[1] + 1)));
    }
  });

  it('plans nothing for a window without content', () => {
    expect(
      planOcclusion(Int32Array.from([2, 7, 3]), [
        [-1, -1],
        [-1, -1],
        [-1, -1],
      ]),
    ).toEqual([]);
  });
});

describe('pickEvidence', () => {
  const value = 'abcdefghijklmnopqrst';
  it('picks the shortest candidate about as convincing as the best', () => {
    const plan = planOcclusion(window, offsets);
    // The single group covering tokens 4–5 is convincing; so is every pair containing it (a bit more).
    const scores = plan.map(({ tokens }) => {
      const covers = tokens[0] <= 2 + 4 && tokens[1] >= 2 + 5;
      if (!covers) return 0.1;
      return tokens[1] - tokens[0] <= 2 ? 0.999 : 0.9995;
    });
    const evidence = pickEvidence(plan, scores, offsets, value, false)!;
    expect(evidence.text).toBe(value.slice(evidence.start, evidence.end));
    expect(evidence.start).toBeLessThanOrEqual(8);
    expect(evidence.end).toBeGreaterThanOrEqual(12);
    expect(evidence.end - evidence.start).toBeLessThanOrEqual(6);
    expect(evidence.score).toBe(0.999);
  });

  it('redacts credentials', () => {
    const plan = planOcclusion(window, offsets);
    const evidence = pickEvidence(
      plan,
      plan.map(() => 0.9),
      offsets,
      value,
      true,
    )!;
    expect(evidence.text).toBe('[redacted]');
  });
});
