import { readFileSync } from 'node:fs';

/**
 * Non-blank lines of a text file with the line terminator (`\n`, `\r\n`) removed. Other
 * whitespace is kept: a trailing space is part of payloads like MySQL's `admin'-- `.
 */
export function readLines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l))
    .filter((l) => l.trim() !== '');
}
