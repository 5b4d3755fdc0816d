import { hashBucket } from '../hash.js';
import { SPLIT_FRACTIONS } from './config.js';

/** The in-distribution splits. */
export type Split = 'train' | 'validation' | 'test';

/**
 * Deterministic hash-based split of a GROUP key (the normalized payload): every record carrying
 * the same payload lands in the same split, so no normalized payload crosses splits.
 * The seed is part of the hash: another seed gives another (equally valid) partition.
 */
export function splitOf(groupKey: string, seed: string | number): Split {
  const b = hashBucket(`${seed}|split|${groupKey}`, 10_000) / 10_000;
  if (b < SPLIT_FRACTIONS.train) return 'train';
  if (b < SPLIT_FRACTIONS.train + SPLIT_FRACTIONS.validation) return 'validation';
  return 'test';
}
