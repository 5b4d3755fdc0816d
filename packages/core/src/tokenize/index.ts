/**
 * Tokenization: normalized field values → token ids for the model. One implementation serves
 * training (the Python trainer receives ids made here) and inference. Built from JSON handed in,
 * with no I/O, so it runs in Node and in browsers alike.
 */
export { chunkEnd, preTokenize, MAX_CHUNK_LENGTH, DIGIT_RUN } from './pre-tokenize.js';
export { BYTE_TOKENS } from './byte-fallback.js';
export { trainBpe, type TrainBpeOptions } from './bpe-trainer.js';
export { parseTokenizerJson, TOKENIZER_JSON_VERSION, type TokenizerJson } from './tokenizer-json.js';
export { createTokenizer, type Tokenizer, type EncodingWithOffsets } from './tokenizer.js';
export {
  encodeFieldWindows,
  MODEL_SPECIAL_TOKENS,
  MAX_NAME_TOKENS,
  MIN_WINDOW_LENGTH,
  type FieldWindows,
  type FieldWindowsOptions,
} from './model-input.js';
