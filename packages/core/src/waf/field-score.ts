import type { Field } from '../extract/field.js';
import type { Evidence } from './decision.js';

/** What the model said about one normalized field; what the score cache keeps. */
export interface FieldScore {
  /** 1 − p(benign), max over the field's windows. */
  readonly score: number;
  /** Each label's highest probability over the windows (index 0, benign, is unused). */
  readonly probs: Float32Array;
  /** Index of the window with the highest attack score. */
  readonly bestWindow: number;
  /** Windows the value was scored as. */
  readonly windows: number;
  /** The value needed more windows than `maxWindows`. */
  readonly truncated: boolean;
  /** Filled in the first time the field is reported as an attack; `null` when none could be found. */
  evidence?: Evidence | null;
}

/**
 * The cache key of a field: everything the model input depends on — location, kind, the header or
 * cookie name (part of the window prefix) and the normalized value — so two fields with the same
 * key always get the same score.
 */
export function fieldCacheKey(field: Pick<Field, 'location' | 'kind' | 'name' | 'value'>): string {
  const name = field.location === 'header' || field.location === 'cookie' ? field.name.toLowerCase() : '';
  return `${field.location}\u0000${field.kind}\u0000${name}\u0000${field.value}`;
}

/** Combines per-window probabilities (rows of `labels`) into a field score. */
export function combineWindows(
  rows: readonly Float32Array[],
  labels: number,
  truncated: boolean,
): FieldScore {
  const probs = new Float32Array(labels);
  let score = -1;
  let bestWindow = 0;
  rows.forEach((row, w) => {
    const attack = 1 - row[0]!;
    if (attack > score) {
      score = attack;
      bestWindow = w;
    }
    for (let c = 1; c < labels; c++) if (row[c]! > probs[c]!) probs[c] = row[c]!;
  });
  return { score: Math.max(0, score), probs, bestWindow, windows: rows.length, truncated };
}
