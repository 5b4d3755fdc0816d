import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitLines, streamLines } from './text-lines.js';

async function collect(chunks: Array<string | Uint8Array>): Promise<string[]> {
  async function* source() {
    for (const chunk of chunks) yield chunk;
  }
  const lines: string[] = [];
  for await (const line of streamLines(source())) lines.push(line);
  return lines;
}

describe('splitLines', () => {
  it('splits on LF and CRLF, drops a BOM and the empty piece after a final newline', () => {
    expect(splitLines('\uFEFFa\r\nb\n\nc')).toEqual(['a', 'b', '', 'c']);
    expect(splitLines('a\n')).toEqual(['a']);
    expect(splitLines('')).toEqual([]);
    expect(splitLines('\n')).toEqual(['']);
  });
});

describe('streamLines', () => {
  it('joins lines split across chunks, including between CR and LF', async () => {
    expect(await collect(['ab', 'c\r', '\nde', 'f\n', '\n', 'last'])).toEqual(['abc', 'def', '', 'last']);
  });

  it('decodes a UTF-8 character split across byte chunks', async () => {
    const bytes = new TextEncoder().encode('Zoë 🛡️\nnext\n');
    const chunks = [...bytes].map((byte) => new Uint8Array([byte]));
    expect(await collect(chunks)).toEqual(['Zoë 🛡️', 'next']);
  });

  it('drops a BOM at the start (bytes or text) and replaces invalid UTF-8', async () => {
    expect(await collect([new Uint8Array([0xef, 0xbb]), new Uint8Array([0xbf, 0x61, 0x0a])])).toEqual(['a']);
    expect(await collect(['\uFEFF', 'a\n'])).toEqual(['a']);
    expect(await collect([new Uint8Array([0x61, 0xff, 0x0a])])).toEqual(['a\uFFFD']);
  });

  it('gives the same lines as splitLines for any text cut anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.constantFrom('a', 'é', '😀', '\n', '\r', ' ', '\r\n') }),
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.boolean(),
        async (text, cuts, asBytes) => {
          const data = asBytes ? new TextEncoder().encode(text) : text;
          const points = [...new Set(cuts.map((cut) => cut % (data.length + 1)))].sort((a, b) => a - b);
          const chunks: Array<string | Uint8Array> = [];
          let start = 0;
          for (const point of [...points, data.length]) {
            chunks.push(data.slice(start, point));
            start = point;
          }
          expect(await collect(chunks)).toEqual(splitLines(text));
        },
      ),
    );
  });
});
