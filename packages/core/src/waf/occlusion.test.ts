import { describe, expect, it } from 'vitest';
import { MAX_OCCLUSION_GROUPS, SPAN_GROUPS, pickEvidence, planOcclusion } from './occlusion.js';

// A window [CLS] [LOC] t0 … t9 [SEP]; token i of the value spans [2i, 2i+2).
const window = Int32Array.from([2, 7, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 3]);
const offsets: Array<[number, number]> = [
  [-1, -1],
  [-1, -1],
  ...Array.from({ length: 10 }, (_, i) => [2 * i, 2 * i + 2] as [number, number]),
  [-1, -1],
];

describe('planOcclusion', () => {
  it('keeps the prefix and [SEP] and two adjacent groups of content in each variant, overlapping by one', () => {
    const plan = planOcclusion(window, offsets);
    // 10 content tokens in 7 groups: t0 | t1 | t2 t3 | t4 | t5 t6 | t7 | t8 t9 (window index = token + 2).
    expect(plan).toHaveLength(MAX_OCCLUSION_GROUPS - SPAN_GROUPS + 1);
    expect(plan.map((c) => c.tokens.map((t) => t - 2))).toEqual([
      [0, 1],
      [1, 3],
      [2, 4],
      [4, 6],
      [5, 7],
      [7, 9],
    ]);
    for (const { variant, tokens } of plan) {
      expect(Array.from(variant.slice(0, 2))).toEqual([2, 7]);
      expect(variant[variant.length - 1]).toBe(3);
      expect(Array.from(variant.slice(2, -1))).toEqual(Array.from(window.slice(tokens[0], tokens[1] + 1)));
    }
  });

  it('keeps each token alone for a value of three tokens or fewer', () => {
    const short = planOcclusion(
      Int32Array.from([2, 7, 100, 101, 102, 3]),
      offsets.slice(0, 5).concat([[-1, -1]]),
    );
    expect(short.map((c) => c.tokens)).toEqual([
      [2, 2],
      [3, 3],
      [4, 4],
    ]);
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
    // Token 1 is what the model reacts to: both spans holding it are convincing, the longer one a bit more
    // (within one log-odds), so the shorter one (tokens 0–1, characters 0–4) is the evidence.
    const scores = plan.map(({ tokens }) => {
      if (tokens[0] - 2 > 1 || tokens[1] - 2 < 1) return 0.1;
      return tokens[1] - tokens[0] === 1 ? 0.999 : 0.9995;
    });
    const evidence = pickEvidence(plan, scores, offsets, value, false)!;
    expect(evidence).toEqual({ start: 0, end: 4, text: 'abcd', score: 0.999 });
  });

  it('prefers a clearly more convincing candidate over a shorter one', () => {
    const plan = planOcclusion(window, offsets);
    const scores = plan.map(({ tokens }) =>
      tokens[0] - 2 === 1 ? 0.99999 : tokens[0] - 2 === 0 ? 0.9 : 0.1,
    );
    const evidence = pickEvidence(plan, scores, offsets, value, false)!;
    expect(evidence).toMatchObject({ start: 2, end: 8, text: 'cdefgh', score: 0.99999 });
  });

  it('leaves out the whitespace a token carries at either end of the span', () => {
    const plan = planOcclusion(window, offsets);
    const spaced = 'ab  ef\tghijklmnopqrst'; // tokens 1 ("  ") and 3 ("\tg"): the span of tokens 1–3
    const scores = plan.map(({ tokens }) => (tokens[0] - 2 === 1 ? 0.999 : 0.1));
    expect(pickEvidence(plan, scores, offsets, spaced, false)).toMatchObject({
      start: 4,
      end: 8,
      text: 'ef\tg',
    });
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
