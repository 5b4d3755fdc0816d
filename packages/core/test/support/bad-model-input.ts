// Inputs ONNX Runtime refuses, for the backend tests: what a user's corrupt file or a bug upstream looks like.
import { packBatch, type ModelBatch } from '../../src/index.js';

/** Bytes that are not an ONNX model. */
export const NOT_A_MODEL = new TextEncoder().encode('not an onnx model');

/** A batch with a token id far outside the vocabulary: the embedding lookup fails. */
export function outOfVocabularyBatch(): ModelBatch {
  return packBatch([[2, 10_000_000, 3]]);
}

/** What ONNX Runtime's error for {@link outOfVocabularyBatch} says. */
export const OUT_OF_VOCABULARY_ERROR = /indices|out of|bounds/i;
