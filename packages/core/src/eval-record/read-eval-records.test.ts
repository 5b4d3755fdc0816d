import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { EvalRecordResult } from './eval-record.js';
import { readEvalRecords, streamEvalRecords } from './read-eval-records.js';

const FILE = [
  '{"id":1,"method":"GET","url":"/?q=shoes","headers":{"host":"shop.example.com"},"label":"benign"}',
  '',
  '   ',
  '{"id":2,"method":"GET","url":"/?id=1%27%20OR%201=1--","headers":{},"label":"attack","attack_type":"sqli"}',
  '{"id":3,"method":"GET"}',
  '{"id":4,"method":"POST","url":"/c","headers":{},"body":"Grüße","label":"benign"}',
].join('\r\n');

function summary(results: EvalRecordResult[]) {
  return results.map((result) => (result.ok ? result.record.id : result.error.line));
}

describe('readEvalRecords', () => {
  it('skips blank lines and keeps the file’s 1-based line numbers', () => {
    const results = readEvalRecords(`${FILE}\n`);
    expect(summary(results)).toEqual([1, 2, 5, 4]);
    expect(results[2]?.ok).toBe(false);
    expect(readEvalRecords('')).toEqual([]);
  });
});

describe('streamEvalRecords', () => {
  it('reads a byte stream in small chunks with the same results', async () => {
    const bytes = Buffer.from(FILE, 'utf8');
    const chunks = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) =>
      bytes.subarray(i * 7, i * 7 + 7),
    );
    const results: EvalRecordResult[] = [];
    for await (const result of streamEvalRecords(Readable.from(chunks))) results.push(result);
    expect(results).toEqual(readEvalRecords(FILE));
    const last = results[3];
    expect(last?.ok && last.record.body).toBe('Grüße');
  });
});
