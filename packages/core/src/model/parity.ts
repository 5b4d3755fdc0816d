import { WaferError } from '../errors.js';
import type { InferenceBackend } from '../inference/backend.js';
import { encodeFieldWindows } from '../tokenize/model-input.js';
import type { Tokenizer } from '../tokenize/tokenizer.js';
import type { FieldLocation } from '../extract/field.js';

/** One padded batch of `parity.json`, written by the Python trainer from the torch model. */
export interface ParityBatch {
  readonly input_ids: number[][];
  readonly attention_mask: number[][];
  readonly [probsKey: string]: unknown;
}

/** `parity.json`: fixed windows and the probabilities torch computed for them. */
export interface ParityFixture {
  readonly tolerance: number;
  readonly labels: readonly string[];
  readonly batches: readonly ParityBatch[];
}

/** A field and the token ids the training pipeline produced for it (`parity-fields.jsonl`). */
export interface TokenParityCase {
  readonly field: { location: FieldLocation; kind: 'value' | 'key'; name?: string; value: string };
  readonly ids: readonly number[];
}

/**
 * Runs every parity batch through `backend` and returns the largest absolute difference from the
 * probabilities torch wrote (`probs_<variant>`). Python and Node must agree within the fixture's
 * tolerance (1e-4), or the shipped model is not the one that was measured.
 *
 * @example
 * ```ts
 * const { maxAbsDiff } = await checkScoreParity(backend, parity, 'int8');
 * ```
 */
export async function checkScoreParity(
  backend: InferenceBackend,
  fixture: ParityFixture,
  variant: string,
): Promise<{ maxAbsDiff: number; windows: number }> {
  let maxAbsDiff = 0;
  let windows = 0;
  const key = `probs_${variant}`;
  for (const batch of fixture.batches) {
    const expected = batch[key];
    if (!Array.isArray(expected))
      throw new WaferError('WAFER_ERR_MODEL_INVALID', `parity fixture has no ${key}`);
    const batchSize = batch.input_ids.length;
    const sequenceLength = batch.input_ids[0]?.length ?? 0;
    const inputIds = BigInt64Array.from(batch.input_ids.flat(), (v) => BigInt(v));
    const attentionMask = BigInt64Array.from(batch.attention_mask.flat(), (v) => BigInt(v));
    const probs = await backend.run({ inputIds, attentionMask, batchSize, sequenceLength });
    const flat = (expected as number[][]).flat();
    for (let i = 0; i < flat.length; i++) {
      const diff = Math.abs(probs[i]! - flat[i]!);
      if (diff > maxAbsDiff) maxAbsDiff = diff;
    }
    windows += batchSize;
  }
  return { maxAbsDiff, windows };
}

/**
 * Re-tokenizes each case's field with the shipped tokenizer and lists the cases whose ids differ from
 * what the training pipeline produced (empty = tokenizer parity holds).
 */
export function checkTokenParity(
  tokenizer: Tokenizer,
  cases: readonly TokenParityCase[],
  maxLength: number,
): TokenParityCase[] {
  return cases.filter((c) => {
    const ids = encodeFieldWindows(tokenizer, c.field, { maxLength, maxWindows: 1 }).windows[0];
    return ids === undefined || ids.length !== c.ids.length || ids.some((id, i) => id !== c.ids[i]);
  });
}
