// Fuzz and pathological inputs through the whole pipeline: raw bytes → parseHttpMessage → extract.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFields, parseHttpMessage, type WafRequest } from '../src/index.js';

const enc = new TextEncoder();

function request(
  target: string,
  headers: [string, string][] = [],
  body?: string,
  contentType?: string,
): WafRequest {
  return {
    method: body === undefined ? 'GET' : 'POST',
    target,
    httpVersion: '1.1',
    headers: contentType ? [...headers, ['Content-Type', contentType]] : headers,
    ...(body === undefined ? {} : { body: enc.encode(body) }),
  };
}

function timed<T>(fn: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = fn();
  return { result, ms: performance.now() - start };
}

describe('the pipeline never throws', () => {
  it('on arbitrary bytes parsed as an HTTP message', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
        const parsed = parseHttpMessage(bytes);
        if (parsed.ok) extractFields(parsed.request);
      }),
      { numRuns: 500 },
    );
  });

  it('on arbitrary targets, header values and bodies of every content type', () => {
    const contentTypes = fc.constantFrom(
      undefined,
      'application/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=b',
      'multipart/form-data',
      'application/xml',
      'application/graphql',
      'text/plain',
      'image/png',
      'application/octet-stream',
    );
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.array(
          fc.tuple(fc.string({ minLength: 1, maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 100 })),
          { maxLength: 8 },
        ),
        fc.option(fc.string({ unit: 'binary', maxLength: 600 }), { nil: undefined }),
        contentTypes,
        (target, headers, body, contentType) => {
          const { fields } = extractFields(request(`/${target}`, headers, body, contentType));
          for (const field of fields) expect(typeof field.value).toBe('string');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('on arbitrary JSON documents', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 6 }), (json) => {
        extractFields(request('/j', [], json, 'application/json'));
      }),
      { numRuns: 300 },
    );
  });
});

// Generous bounds: these catch blow-ups (quadratic work, recursion), not speed. Speed is in `pnpm bench`.
describe('pathological requests finish within their limits', () => {
  it('1 MB of %25%25… in a query value', () => {
    const { result, ms } = timed(() => extractFields(request(`/a?x=${'%25'.repeat(350_000)}`)));
    expect(result.findings).toContainEqual(expect.objectContaining({ limit: 'maxUrlLength' }));
    expect(ms).toBeLessThan(2000);
  });

  it('1 MB of %25%25… as a form body', () => {
    const { result, ms } = timed(() =>
      extractFields(request('/a', [], `x=${'%25'.repeat(350_000)}`, 'application/x-www-form-urlencoded')),
    );
    expect(result.findings).toContainEqual(expect.objectContaining({ limit: 'maxBodyBytes' }));
    expect(ms).toBeLessThan(2000);
  });

  it('100,000-deep JSON', () => {
    const deep = '['.repeat(100_000) + '"x"' + ']'.repeat(100_000);
    const { result, ms } = timed(() => extractFields(request('/j', [], deep, 'application/json')));
    expect(result.findings.some((f) => f.kind === 'limit_exceeded')).toBe(true);
    expect(ms).toBeLessThan(2000);
  });

  it('10,000 query pairs', () => {
    const target = `/a?${Array.from({ length: 10_000 }, (_, i) => `k${i}=v${i}`).join('&')}`;
    const { result, ms } = timed(() => extractFields(request(target)));
    expect(result.fields.length).toBeLessThanOrEqual(512);
    expect(result.findings.some((f) => f.kind === 'limit_exceeded')).toBe(true);
    expect(ms).toBeLessThan(2000);
  });

  it('a 64 KB header', () => {
    const { result, ms } = timed(() => extractFields(request('/', [['X-Big', 'A'.repeat(65_536)]])));
    expect(result.findings).toContainEqual(expect.objectContaining({ limit: 'maxHeaderBytes' }));
    expect(ms).toBeLessThan(2000);
  });
});
