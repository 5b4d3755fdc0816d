import { createWriteStream } from 'node:fs';
import type { EvalRecord } from '../records.js';
import { toJsonLine } from '../records.js';

/** Writes records as JSON lines; resolves when the file is flushed. */
export async function writeJsonl(path: string, records: Iterable<EvalRecord>): Promise<number> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  let n = 0;
  for (const r of records) {
    if (!out.write(toJsonLine(r))) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    n++;
  }
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
  return n;
}
