import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';

/** Streams the JSON objects of a JSON-lines file (a missing file yields nothing). */
export async function* readJsonl<T>(file: string): AsyncGenerator<T> {
  if (!existsSync(file)) return;
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim().length > 0) yield JSON.parse(line) as T;
  }
}
