import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeContentEncoding } from './decode-content-encoding.js';

const text = JSON.stringify({ q: "1' union select username,password from users--", n: 'x'.repeat(2000) });
const decode = async (...args: Parameters<typeof decodeContentEncoding>) => {
  const r = await decodeContentEncoding(...args);
  return { ...r, text: Buffer.from(r.bytes).toString() };
};

describe('decodeContentEncoding', () => {
  it.each([
    ['gzip', gzipSync(text)],
    ['x-gzip', gzipSync(text)],
    ['deflate', deflateSync(text)],
    ['br', brotliCompressSync(text)],
    [' GZIP ', gzipSync(text)],
  ])('decodes %s', async (encoding, bytes) => {
    expect(await decode(bytes, encoding, 100_000, false)).toEqual(
      expect.objectContaining({ text, truncated: false, failed: false }),
    );
  });

  it('decodes as much of a truncated prefix as it can', async () => {
    const whole = gzipSync(text);
    const r = await decode(whole.subarray(0, Math.floor(whole.length * 0.8)), 'gzip', 100_000, true);
    expect(r.failed).toBe(false);
    expect(r.truncated).toBe(true);
    expect(text.startsWith(r.text)).toBe(true);
    expect(r.text).toContain('union select');
  });

  it('stops a decompression bomb at the limit', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(100_000);
    const started = performance.now();
    const r = await decode(bomb, 'gzip', 131_072, false);
    expect(r).toMatchObject({ truncated: true, failed: false });
    expect(r.bytes.length).toBe(131_072);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('hands back the raw bytes for identity, unknown encodings and corrupt data', async () => {
    const raw = Buffer.from('plain');
    expect(await decode(raw, 'identity', 100, false)).toMatchObject({ text: 'plain', failed: false });
    expect(await decode(raw, 'compress', 100, false)).toMatchObject({ text: 'plain', failed: true });
    expect(await decode(raw, 'gzip', 100, false)).toMatchObject({ text: 'plain', failed: true });
  });
});
