import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMultipart } from './multipart.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const opts = { maxParts: 100, maxTextBytes: 65_536 };

function concat(chunks: Array<string | Uint8Array>): Uint8Array {
  const bytes = chunks.map((c) => (typeof c === 'string' ? encoder.encode(c) : c));
  const out = new Uint8Array(bytes.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of bytes) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

/** A browser-like body: each part is [name, content, filename?, content type?]. */
function formData(
  boundary: string,
  parts: Array<[string, string | Uint8Array, string?, string?]>,
  eol = '\r\n',
): Uint8Array {
  const chunks: Array<string | Uint8Array> = [];
  for (const [name, content, filename, type] of parts) {
    chunks.push(`--${boundary}${eol}Content-Disposition: form-data; name="${name}"`);
    if (filename !== undefined) chunks.push(`; filename="${filename}"`);
    chunks.push(eol);
    if (type !== undefined) chunks.push(`Content-Type: ${type}${eol}`);
    chunks.push(eol, content, eol);
  }
  chunks.push(`--${boundary}--${eol}`);
  return concat(chunks);
}

const text = (bytes: Uint8Array): string => decoder.decode(bytes);

describe('parseMultipart', () => {
  it('parses fields and files of a browser upload', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    const body = formData('----WebKitFormBoundary7MA4YWxkTrZu0gW', [
      ['title', 'Holiday <b>pics</b>'],
      ['photo', png, 'beach.png', 'image/png'],
      ['notes', '{"a":1}', 'notes.json', 'application/json'],
    ]);
    const result = parseMultipart(body, '----WebKitFormBoundary7MA4YWxkTrZu0gW', opts);
    expect(result.malformed).toBeUndefined();
    expect(result.truncatedParts).toBe(false);
    expect(result.parts).toHaveLength(3);
    const [title, photo, notes] = result.parts;
    expect(title).toMatchObject({ name: 'title', totalBytes: 19, isText: true });
    expect(title?.filename).toBeUndefined();
    expect(text(title!.content)).toBe('Holiday <b>pics</b>');
    expect(photo).toMatchObject({
      name: 'photo',
      filename: 'beach.png',
      contentType: 'image/png',
      isText: false,
    });
    expect(photo?.content).toEqual(png);
    expect(photo?.headers).toEqual([
      ['content-disposition', 'form-data; name="photo"; filename="beach.png"'],
      ['content-type', 'image/png'],
    ]);
    expect(notes).toMatchObject({ name: 'notes', isText: true, contentType: 'application/json' });
  });

  it('ignores preamble and epilogue, accepts bare LF and transport padding', () => {
    const body = encoder.encode(
      'preamble --b\n--b  \nContent-Disposition: form-data; name="a"\n\nA\n--b\t\nContent-Disposition: form-data; name="b"\n\nB\n--b--\nepilogue\n--b\n',
    );
    const result = parseMultipart(body, 'b', opts);
    expect(result.parts.map((p) => [p.name, text(p.content)])).toEqual([
      ['a', 'A'],
      ['b', 'B'],
    ]);
    expect(result.malformed).toBeUndefined();
  });

  it('does not take `--boundary` followed by other text, or mid-line, as a delimiter', () => {
    const body = formData('xyz', [['f', 'line1\r\n--xyzNOT\r\n x --xyz\r\nend']]);
    const [part] = parseMultipart(body, 'xyz', opts).parts;
    expect(text(part!.content)).toBe('line1\r\n--xyzNOT\r\n x --xyz\r\nend');
  });

  it('keeps empty contents and empty filenames', () => {
    const body = formData('b', [
      ['empty', ''],
      ['file', '', '', 'application/octet-stream'],
    ]);
    const result = parseMultipart(body, 'b', opts);
    expect(result.parts.map((p) => [p.name, p.filename, p.totalBytes])).toEqual([
      ['empty', undefined, 0],
      ['file', '', 0],
    ]);
  });

  it('decodes filename* and UTF-8 header bytes', () => {
    const body = encoder.encode(
      `--b\r\nContent-Disposition: form-data; name="d"; filename*=UTF-8''%E2%82%AC.txt\r\n\r\nx\r\n` +
        `--b\r\nContent-Disposition: form-data; name="é"; filename="résumé.pdf"\r\n\r\ny\r\n--b--`,
    );
    const result = parseMultipart(body, 'b', opts);
    expect(result.parts.map((p) => [p.name, p.filename])).toEqual([
      ['d', '€.txt'],
      ['é', 'résumé.pdf'],
    ]);
  });

  it('limits content to maxTextBytes but counts every byte', () => {
    const body = formData('b', [['big', 'x'.repeat(1000)]]);
    const [part] = parseMultipart(body, 'b', { maxParts: 10, maxTextBytes: 10 }).parts;
    expect(part?.content).toHaveLength(10);
    expect(part?.totalBytes).toBe(1000);
  });

  it('judges isText by content type and bytes', () => {
    const body = formData('b', [
      ['t', 'hello', 'a.txt', 'text/plain'],
      ['lie', new Uint8Array([0, 1, 2, 3]), 'a.txt', 'text/plain'],
      ['bin', 'hello', 'a.bin', 'application/octet-stream'],
      ['none', 'hello'],
      ['form', 'a=1', undefined, 'application/x-www-form-urlencoded'],
    ]);
    expect(parseMultipart(body, 'b', opts).parts.map((p) => [p.name, p.isText])).toEqual([
      ['t', true],
      ['lie', false],
      ['bin', false],
      ['none', true],
      ['form', true],
    ]);
  });

  it('reports a missing closing delimiter and keeps the last part', () => {
    const body = encoder.encode('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nno end here');
    const result = parseMultipart(body, 'b', opts);
    expect(result.parts.map((p) => text(p.content))).toEqual(['no end here']);
    expect(result.malformed).toBe('no closing delimiter');

    const trailing = parseMultipart(
      encoder.encode('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n--b'),
      'b',
      opts,
    );
    expect(trailing.parts).toHaveLength(1);
    expect(trailing.malformed).toBe('no closing delimiter');
  });

  it('reports a boundary missing from the body, an empty boundary, and odd parts', () => {
    expect(parseMultipart(encoder.encode('a=1&b=2'), 'b', opts)).toEqual({
      parts: [],
      truncatedParts: false,
      malformed: 'boundary not found in body',
    });
    expect(parseMultipart(encoder.encode('--\r\n'), '', opts).malformed).toBe('empty boundary');

    const odd = parseMultipart(
      encoder.encode(
        '--b\r\nX-Other: 1\r\n\r\nA\r\n--b\r\n--b\r\nno colon line\r\n\r\nB\r\n--b\r\nContent-Disposition: form-data; name="c"\r\n--b--',
      ),
      'b',
      opts,
    );
    expect(odd.parts.map((p) => [p.name, text(p.content)])).toEqual([
      ['', 'A'],
      ['', 'B'],
      ['c', ''],
    ]);
    expect(odd.malformed).toBe(
      'part without Content-Disposition; empty part; invalid part header line; part headers not terminated by an empty line',
    );
  });

  it('joins folded header lines', () => {
    const body = encoder.encode('--b\r\nContent-Disposition: form-data;\r\n name="folded"\r\n\r\nv\r\n--b--');
    expect(parseMultipart(body, 'b', opts).parts[0]?.name).toBe('folded');
  });

  it('stops at maxParts: 10,000 tiny parts with maxParts 100', () => {
    const parts = Array.from({ length: 10_000 }, (_, i): [string, string] => [`f${i}`, `${i}`]);
    const body = formData('bnd', parts);
    const start = performance.now();
    const result = parseMultipart(body, 'bnd', { maxParts: 100, maxTextBytes: 1024 });
    expect(performance.now() - start).toBeLessThan(1000);
    expect(result.parts).toHaveLength(100);
    expect(result.truncatedParts).toBe(true);
    expect(result.parts.at(-1)?.name).toBe('f99');
    expect(parseMultipart(body, 'bnd', { maxParts: 20_000, maxTextBytes: 1024 }).parts).toHaveLength(10_000);
  });

  it('parses a 1 MB upload and a 1 MB body with no closing boundary quickly', () => {
    const file = new Uint8Array(1 << 20);
    for (let i = 0; i < file.length; i++) file[i] = (i * 7919) & 0xff;
    const body = formData('----x7MA4YWxkTrZu0gW', [
      ['user', 'ana'],
      ['upload', file, 'data.bin', 'application/octet-stream'],
    ]);
    let start = performance.now();
    const result = parseMultipart(body, '----x7MA4YWxkTrZu0gW', opts);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(result.parts[1]?.totalBytes).toBe(file.length);
    expect(result.parts[1]?.content).toHaveLength(65_536);

    const open = concat(['--b\r\nContent-Disposition: form-data; name="f"\r\n\r\n', file]);
    start = performance.now();
    const unclosed = parseMultipart(open, 'b', opts);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(unclosed.parts[0]?.totalBytes).toBe(file.length);
    expect(unclosed.malformed).toBe('no closing delimiter');
  });

  it('stays linear when the attacker picks a huge boundary and a body of near-matches', () => {
    const boundary = 'a'.repeat(10_000);
    const body = new Uint8Array(1 << 20).fill(0x61);
    for (let i = 0; i < body.length; i += 5000) body.set(encoder.encode('\n--'), i);
    body.set(encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="x"\r\n\r\n`), 0);
    const start = performance.now();
    const result = parseMultipart(body, boundary, opts);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(result.parts).toHaveLength(1);
    expect(result.malformed).toBe('no closing delimiter');
    expect(parseMultipart(body, 'a\r\nb', opts).malformed).toBe('boundary contains a line break');
  });

  it('finds exactly the parts it was given (round trip)', () => {
    const boundary = fc.stringMatching(/^[A-Za-z0-9'()+_,./:=?-]{12,40}$/);
    // A content ending in CR is ambiguous with bare-LF line breaks (CR LF reads as the delimiter's own).
    const content = fc.uint8Array({ maxLength: 200 }).map((c) => (c.at(-1) === 0x0d ? c.subarray(0, -1) : c));
    const part = fc.tuple(fc.stringMatching(/^[A-Za-z0-9_]{0,10}$/), content);
    fc.assert(
      fc.property(
        boundary,
        fc.array(part, { maxLength: 8 }),
        fc.constantFrom('\r\n', '\n'),
        (b, parts, eol) => {
          const body = formData(b, parts, eol);
          const result = parseMultipart(body, b, { maxParts: 100, maxTextBytes: 1000 });
          expect(result.malformed).toBeUndefined();
          expect(result.parts.map((p) => [p.name, p.content])).toEqual(parts);
        },
      ),
    );
  });

  it('never throws on arbitrary bytes and boundaries', () => {
    const multipartish = fc
      .array(
        fc.constantFrom(
          '--b',
          '--b--',
          '\r\n',
          '\n',
          'Content-Disposition: form-data; name="x"',
          ':',
          'a',
          '\r',
        ),
        {
          maxLength: 30,
        },
      )
      .map((pieces) => encoder.encode(pieces.join('')));
    fc.assert(
      fc.property(
        fc.oneof(fc.uint8Array(), multipartish),
        fc.oneof(fc.constant('b'), fc.string({ unit: 'binary' })),
        fc.nat(5),
        (body, b, maxParts) => {
          const result = parseMultipart(body, b, { maxParts, maxTextBytes: 16 });
          expect(result.parts.length).toBeLessThanOrEqual(maxParts);
          for (const p of result.parts) expect(p.content.length).toBeLessThanOrEqual(16);
        },
      ),
    );
  });
});
