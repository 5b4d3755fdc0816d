import { WaferError } from '../errors.js';
import { chunkEnd } from './pre-tokenize.js';

/**
 * Counts how often each chunk occurs across `texts`: the trainer works on distinct chunks, which
 * are far fewer than chunk occurrences in HTTP traffic.
 *
 * @throws {WaferError} `WAFER_ERR_INVALID_ARGUMENT` when `texts` is a string (iterating it would
 *   silently train on single characters) or yields something that is not a string.
 * @example
 * ```ts
 * countChunks(['a=1', 'a=2']); // Map { 'a' => 2, '=' => 2, '1' => 1, '2' => 1 }
 * ```
 */
export function countChunks(texts: Iterable<string>): Map<string, number> {
  if (typeof texts === 'string')
    throw new WaferError(
      'WAFER_ERR_INVALID_ARGUMENT',
      'Expected an iterable of strings, got a single string.',
    );
  const counts = new Map<string, number>();
  let index = 0;
  for (const text of texts) {
    if (typeof text !== 'string')
      throw new WaferError('WAFER_ERR_INVALID_ARGUMENT', `Text #${index} is a ${typeof text}, not a string.`);
    for (let start = 0; start < text.length;) {
      const end = chunkEnd(text, start);
      const chunk = text.slice(start, end);
      counts.set(chunk, (counts.get(chunk) ?? 0) + 1);
      start = end;
    }
    index++;
  }
  return counts;
}
