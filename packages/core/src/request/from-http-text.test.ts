import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHttpMessage } from './from-http-text.js';
import type { ParseHttpResult } from './from-http-text.js';
import type { WafRequest } from './waf-request.js';

const text = (bytes: Uint8Array | undefined) =>
  bytes === undefined ? undefined : new TextDecoder().decode(bytes);

function parsed(input: string | Uint8Array): { request: WafRequest; warnings: string[] } {
  const result = parseHttpMessage(input);
  if (!result.ok) throw new Error(`expected ok, got: ${result.error}`);
  return result;
}

const codes = (warnings: string[]) => warnings.map((warning) => warning.split(':', 1)[0]);

describe('parseHttpMessage: request line and headers', () => {
  it('parses a CRLF message', () => {
    const { request, warnings } = parsed(
      'GET /search?q=shoes HTTP/1.1\r\nHost: shop.example.com\r\nAccept: */*\r\n\r\n',
    );
    expect(request).toEqual({
      method: 'GET',
      target: '/search?q=shoes',
      httpVersion: '1.1',
      headers: [
        ['Host', 'shop.example.com'],
        ['Accept', '*/*'],
      ],
    });
    expect(warnings).toEqual([]);
  });

  it('accepts bare LF, several spaces, leading blank and comment lines', () => {
    const { request, warnings } = parsed(
      '\n\n# a comment\n// another\n### separator\nPOST   /api   HTTP/1.0\nX-A:   spaced value  \n',
    );
    expect(request.method).toBe('POST');
    expect(request.target).toBe('/api');
    expect(request.httpVersion).toBe('1.0');
    expect(request.headers).toEqual([['X-A', 'spaced value']]);
    expect(warnings).toEqual([]);
  });

  it('treats a missing version as HTTP/1.1 with a warning, and absolute-form as a target', () => {
    const { request, warnings } = parsed('GET https://example.com/a?b=1\nHost: example.com\n');
    expect(request.target).toBe('https://example.com/a?b=1');
    expect(request.httpVersion).toBe('1.1');
    expect(codes(warnings)).toEqual(['missing_http_version']);
  });

  it('normalizes HTTP/2 to 2.0 and joins a target with whitespace in it', () => {
    const { request, warnings } = parsed('GET /a b HTTP/2\n\n');
    expect(request.httpVersion).toBe('2.0');
    expect(request.target).toBe('/a b');
    expect(codes(warnings)).toEqual(['whitespace_in_target']);
  });

  it('keeps comment-looking lines after the request line as header problems, not comments', () => {
    const { request, warnings } = parsed('GET / HTTP/1.1\n# not a comment here\nHost: a\n');
    expect(request.headers).toEqual([['Host', 'a']]);
    expect(codes(warnings)).toEqual(['header_without_colon']);
  });

  it('unfolds obsolete line folding with one space (RFC 9112 §5.2)', () => {
    const { request, warnings } = parsed('GET / HTTP/1.1\r\nX-Long: first\r\n   second\r\n\tthird\r\n\r\n');
    expect(request.headers).toEqual([['X-Long', 'first second third']]);
    expect(codes(warnings)).toEqual(['obs_fold', 'obs_fold']);
  });

  it('skips bad field lines with warnings and keeps `Name :` trimmed', () => {
    const { request, warnings } = parsed(
      'GET / HTTP/1.1\n  leading\nno colon here\n: empty name\nContent-Type : text/plain\nHost: a\n',
    );
    expect(request.headers).toEqual([
      ['Content-Type', 'text/plain'],
      ['Host', 'a'],
    ]);
    expect(codes(warnings)).toEqual([
      'whitespace_before_first_header',
      'header_without_colon',
      'empty_header_name',
      'whitespace_before_colon',
    ]);
  });

  it('keeps field values as latin1 octets and duplicates in order', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('GET / HTTP/1.1\nX-A: caf'), 0xe9, 0x0a, 0x0a]);
    const { request } = parsed(bytes);
    expect(request.headers).toEqual([['X-A', 'café']]);
    const dup = parsed('GET / HTTP/1.1\nCookie: a=1\ncookie: b=2\n\n').request;
    expect(dup.headers).toEqual([
      ['Cookie', 'a=1'],
      ['cookie', 'b=2'],
    ]);
  });

  it('gives ok:false for what is not a request', () => {
    const errors = ['', '\n\n# only comments\n', 'GET', '\u0016\u0003\u0001 /x', '(GET) /x HTTP/1.1'].map(
      (input) => parseHttpMessage(input),
    );
    for (const result of errors) expect(result.ok).toBe(false);
    expect((errors[0] as Extract<ParseHttpResult, { ok: false }>).error).toMatch(/no request line/);
    expect((errors[2] as Extract<ParseHttpResult, { ok: false }>).error).toMatch(/no request target/);
    expect((errors[3] as Extract<ParseHttpResult, { ok: false }>).error).toMatch(/not a token/);
    expect(parseHttpMessage(42 as unknown as string).ok).toBe(false);
  });

  it('takes a whitespace-only line as the end of the header section, with a warning', () => {
    const { request, warnings } = parsed('POST / HTTP/1.1\nHost: a\n   \nbody');
    expect(text(request.body)).toBe('body');
    expect(codes(warnings)).toEqual(['whitespace_only_line']);
  });
});

describe('parseHttpMessage: body and framing', () => {
  it('keeps a UTF-8 body byte for byte', () => {
    const body = '{"name":"Zoë","city":"東京","emoji":"🛡️"}';
    const { request, warnings } = parsed(`POST /u HTTP/1.1\r\nContent-Type: application/json\r\n\r\n${body}`);
    expect(text(request.body)).toBe(body);
    expect(request.body).toEqual(new TextEncoder().encode(body));
    expect(warnings).toEqual([]);
  });

  it('has no body when nothing follows the blank line, or no blank line at all', () => {
    expect(parsed('GET / HTTP/1.1\nHost: a\n\n').request.body).toBeUndefined();
    expect(parsed('GET / HTTP/1.1\nHost: a').request.body).toBeUndefined();
    expect(parsed('GET / HTTP/1.1').request.headers).toEqual([]);
  });

  it('does not cut at Content-Length: extra bytes stay, with a warning', () => {
    const smuggled = 'POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcGET /admin HTTP/1.1\r\n\r\n';
    const { request, warnings } = parsed(smuggled);
    expect(text(request.body)).toBe('abcGET /admin HTTP/1.1\r\n\r\n');
    expect(warnings[0]).toMatch(/^body_longer_than_content_length: 23 bytes/);
  });

  it('flags short, invalid and conflicting Content-Length', () => {
    expect(codes(parsed('POST / HTTP/1.1\nContent-Length: 10\n\nabc').warnings)).toEqual([
      'body_shorter_than_content_length',
    ]);
    expect(codes(parsed('POST / HTTP/1.1\nContent-Length: -1\n\nabc').warnings)).toEqual([
      'invalid_content_length',
    ]);
    expect(codes(parsed('POST / HTTP/1.1\nContent-Length: 3\nContent-Length: 4\n\nabc').warnings)).toEqual([
      'conflicting_content_length',
    ]);
    expect(parsed('POST / HTTP/1.1\nContent-Length: 3, 003\n\nabc').warnings).toEqual([]);
  });

  it('decodes a chunked body', () => {
    const { request, warnings } = parsed(
      'POST /up HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n',
    );
    expect(text(request.body)).toBe('Wikipedia');
    expect(warnings).toEqual([]);
  });

  it('decodes chunked with bare LF and tolerates a missing final CRLF and a trailing newline', () => {
    expect(text(parsed('POST / HTTP/1.1\nTransfer-Encoding: chunked\n\n3\nabc\n0\n').request.body)).toBe(
      'abc',
    );
    const { request, warnings } = parsed('POST / HTTP/1.1\nTransfer-Encoding: chunked\n\n3\nabc\n0\n\n\n');
    expect(text(request.body)).toBe('abc');
    expect(warnings).toEqual([]);
  });

  it('keeps decoded chunks plus the raw rest on a bad chunk', () => {
    const { request, warnings } = parsed(
      'POST / HTTP/1.1\nTransfer-Encoding: chunked\n\n3\nabc\nzz\nrest of it',
    );
    expect(text(request.body)).toBe('abczz\nrest of it');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^bad_chunked_encoding: chunk size "zz" is not hexadecimal/);
  });

  it('warns about CL+TE (smuggling), trailers and bytes after the last chunk', () => {
    const { request, warnings } = parsed(
      'POST / HTTP/1.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nA\r\n0\r\nX-Trailer: t\r\n\r\nGET /admin HTTP/1.1\r\n\r\n',
    );
    expect(text(request.body)).toBe('AGET /admin HTTP/1.1\r\n\r\n');
    expect(codes(warnings)).toEqual([
      'content_length_with_transfer_encoding',
      'trailer_fields_ignored',
      'bytes_after_chunked_body',
    ]);
  });

  it('leaves the body raw when the final transfer coding is not chunked', () => {
    const { request, warnings } = parsed(
      'POST / HTTP/1.1\nTransfer-Encoding: chunked, gzip\n\n3\nabc\n0\n\n',
    );
    expect(text(request.body)).toBe('3\nabc\n0\n\n');
    expect(codes(warnings)).toEqual(['unsupported_transfer_coding', 'transfer_encoding_not_chunked']);
  });

  it('copies the body so later changes to the input do not leak into it', () => {
    const input = new TextEncoder().encode('POST / HTTP/1.1\n\nabc');
    const { request } = parsed(input);
    input.fill(0);
    expect(text(request.body)).toBe('abc');
  });
});

describe('parseHttpMessage: never throws', () => {
  const fragments = fc.constantFrom(
    'GET / HTTP/1.1',
    'POST /a?b=1 HTTP/1.0',
    '\r\n',
    '\n',
    ' ',
    '\t',
    ':',
    'Host: a',
    'Transfer-Encoding: chunked',
    'Content-Length: 3',
    '0',
    'ff',
    ';ext',
    '#',
    '//',
  );
  const structured = fc
    .array(fc.oneof(fragments, fc.string()), { maxLength: 30 })
    .map((parts) => parts.join(''));

  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), structured), (input) => {
        const result = parseHttpMessage(input);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const result = parseHttpMessage(bytes);
        if (result.ok) expect(Array.isArray(result.warnings)).toBe(true);
        else expect(typeof result.error).toBe('string');
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips any body through Content-Length framing', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 500 }), (body) => {
        const head = new TextEncoder().encode(`POST / HTTP/1.1\r\nContent-Length: ${body.length}\r\n\r\n`);
        const { request, warnings } = parsed(new Uint8Array([...head, ...body]));
        expect(request.body).toEqual(body);
        expect(warnings).toEqual([]);
      }),
    );
  });

  it('stays fast on long runs of whitespace (no quadratic backtracking)', () => {
    const spaces = ' '.repeat(200_000);
    const started = performance.now();
    parseHttpMessage(`GET${spaces}/x${spaces}HTTP/1.1\nX-A:${spaces}a${spaces}b${spaces}\nB${spaces}:x\n\n`);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
