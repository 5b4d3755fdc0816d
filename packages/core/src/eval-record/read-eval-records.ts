import { parseEvalRecord } from './eval-record.js';
import type { EvalRecordResult } from './eval-record.js';
import { splitLines, streamLines } from './text-lines.js';

/**
 * Reads a whole JSON Lines evaluation file held in memory. Blank lines are skipped; line numbers in
 * errors are 1-based, as an editor shows them. Never throws on bad content.
 *
 * @example
 * ```ts
 * const results = readEvalRecords(await readFile('eval.jsonl', 'utf8'));
 * const records = results.flatMap((r) => (r.ok ? [r.record] : []));
 * const errors = results.flatMap((r) => (r.ok ? [] : [r.error.message]));
 * ```
 */
export function readEvalRecords(text: string): EvalRecordResult[] {
  const results: EvalRecordResult[] = [];
  splitLines(text).forEach((line, index) => {
    if (line.trim() !== '') results.push(parseEvalRecord(line, index + 1));
  });
  return results;
}

/**
 * Streams records from a big file or stdin (any async iterable of text or bytes, e.g. a Node
 * `Readable`), one result per non-blank line, with the file's 1-based line numbers.
 *
 * @example
 * ```ts
 * import { createReadStream } from 'node:fs';
 * for await (const result of streamEvalRecords(createReadStream('eval.jsonl'))) {
 *   if (!result.ok) console.error(result.error.message);
 * }
 * // or from stdin: streamEvalRecords(process.stdin)
 * ```
 */
export async function* streamEvalRecords(
  input: AsyncIterable<string | Uint8Array>,
): AsyncGenerator<EvalRecordResult> {
  let lineNumber = 0;
  for await (const line of streamLines(input)) {
    lineNumber += 1;
    if (line.trim() !== '') yield parseEvalRecord(line, lineNumber);
  }
}
