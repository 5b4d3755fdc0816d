/** Log-odds, clamped away from 0 and 1 so that scores of exactly 0 or 1 stay finite. */
function logit(p: number): number {
  const q = Math.min(Math.max(p, 1e-9), 1 - 1e-9);
  return Math.log(q / (1 - q));
}

/** The 1–99 value given to a request score exactly at the attack threshold. */
export const ATTACK_SCORE_AT_THRESHOLD = 20;
const OFFSET = logit((ATTACK_SCORE_AT_THRESHOLD - 1) / 98);

/**
 * Maps a 0–1 request score to the 1–99 scale (lower = more likely an attack), relative to the
 * attack threshold: the threshold maps to 20, every factor e² of odds above it moves the value
 * towards 1 and below it towards 99. Monotone, so ordering by either is the same.
 *
 * @example
 * ```ts
 * toAttackScore(0.998, 0.998); // 20
 * toAttackScore(0.01, 0.998);  // 99
 * ```
 */
export function toAttackScore(score: number, threshold: number): number {
  const z = logit(score) - logit(threshold);
  const value = 1 + 98 / (1 + Math.exp(-(OFFSET - z / 2)));
  return Math.min(99, Math.max(1, Math.round(value)));
}
