import { createReadStream, existsSync } from 'node:fs';
import { streamLines } from '../../../packages/core/src/index.js';

/** Streams the JSON objects of a JSON-lines file (a missing file yields nothing). */
export async function* readJsonl<T>(file: string): AsyncGenerator<T> {
  if (!existsSync(file)) return;
  for await (const line of streamLines(createReadStream(file))) {
    if (line.trim().length > 0) yield JSON.parse(line) as T;
  }
}
