import { classify, hasEvidence } from '../signatures.js';
import type { AttackClass } from '../taxonomy.js';
import type { SourceStats } from './source-stats.js';

/** Longest payload kept: longer texts are whole documents/programs, not request values. */
export const MAX_PAYLOAD_CHARS = 4000;

/**
 * Decides the class of one list line labelled `mapped` by its source mapping:
 * the mapped class when the text shows evidence of it; otherwise the class the signatures find
 * (lists are messy: an SQLi line in an XML list is SQLi — counted as a relabel); otherwise the
 * line is dropped as a fragment / plain text. Returns `undefined` when dropped.
 */
export function gateAttack(
  text: string,
  mapped: AttackClass | 'classify',
  stats: SourceStats,
  group?: string,
): AttackClass | undefined {
  if (text.trim().length < 2) {
    stats.drop('fragment (shorter than 2 characters)', group);
    return undefined;
  }
  if (text.length > MAX_PAYLOAD_CHARS) {
    stats.drop(`longer than ${MAX_PAYLOAD_CHARS} characters`, group);
    return undefined;
  }
  if (mapped !== 'classify' && hasEvidence(text, mapped)) return mapped;
  const found = classify(text);
  if (!found) {
    stats.drop(
      mapped === 'classify' ? 'no attack evidence' : `no attack evidence (fragment or plain text)`,
      group,
    );
    return undefined;
  }
  if (mapped !== 'classify') stats.relabel(mapped, found);
  return found;
}

/**
 * Gate for benign hard negatives taken from attack lists (tag names, command names): kept only
 * when the text shows NO attack evidence, so a benign label never contradicts the signatures.
 */
export function gateHardNegative(text: string, stats: SourceStats, group?: string): boolean {
  if (text.trim() === '') {
    stats.drop('empty', group);
    return false;
  }
  const found = classify(text);
  if (found) {
    stats.drop(`hard negative shows ${found} evidence`, group);
    return false;
  }
  return true;
}
