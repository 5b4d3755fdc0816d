import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { connect } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { readBodyPrefix, type BodyPrefix } from './read-body-prefix.js';

// A real server: the reader runs on Node's IncomingMessage, then a second reader (as a parser would) reads
// the stream in a given style. The second reader must see every byte and the 'end'.
type Style = 'data' | 'pipe' | 'async-iterator' | 'readable';
let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

async function consume(req: IncomingMessage, style: Style): Promise<Buffer> {
  const chunks: Buffer[] = [];
  if (style === 'async-iterator') {
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
  return new Promise((resolve, reject) => {
    req.on('error', reject);
    if (style === 'readable') {
      req.on('readable', () => {
        let c;
        while ((c = req.read()) !== null) chunks.push(c as Buffer);
      });
    } else if (style === 'pipe') {
      const sink = new PassThrough();
      sink.on('data', (c: Buffer) => chunks.push(c));
      sink.on('end', () => resolve(Buffer.concat(chunks)));
      req.pipe(sink);
      return;
    } else {
      req.on('data', (c: Buffer) => chunks.push(c));
    }
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

function serve(limit: number, style: Style, delayMs = 0) {
  const seen: { prefix?: BodyPrefix; body?: Buffer } = {};
  server = createServer(async (req, res) => {
    seen.prefix = await readBodyPrefix(req, limit);
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    seen.body = await consume(req, style);
    res.end(String(seen.body.length));
  });
  return new Promise<{ port: number; seen: typeof seen }>((resolve) =>
    server!.listen(0, '127.0.0.1', () =>
      resolve({ port: (server!.address() as { port: number }).port, seen }),
    ),
  );
}

function post(
  port: number,
  chunks: (Buffer | string)[],
  headers: Record<string, string | number>,
  gapMs = 0,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ port, host: '127.0.0.1', method: 'POST', headers, agent: false }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve(text));
    });
    req.on('error', reject);
    (async () => {
      for (const chunk of chunks) {
        req.write(chunk);
        if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
      }
      req.end();
    })();
  });
}

describe.each<Style>(['data', 'pipe', 'async-iterator', 'readable'])(
  'readBodyPrefix, then a %s reader',
  (style) => {
    it('a small body: everything read, everything handed back', async () => {
      const { port, seen } = await serve(1024, style);
      expect(await post(port, ['hello world'], { 'content-length': 11 })).toBe('11');
      expect(seen.prefix).toMatchObject({ truncated: false, aborted: false });
      expect(Buffer.from(seen.prefix!.bytes).toString()).toBe('hello world');
      expect(seen.body!.toString()).toBe('hello world');
    });

    it('a body arriving in slow pieces, longer than the limit: only the prefix is held', async () => {
      const { port, seen } = await serve(10, style);
      const pieces = ['0123456', '789abc', 'defghij', 'klmnop'];
      expect(await post(port, pieces, { 'transfer-encoding': 'chunked' }, 20)).toBe(
        String(pieces.join('').length),
      );
      expect(seen.prefix).toMatchObject({ truncated: true });
      expect(Buffer.from(seen.prefix!.bytes).toString()).toBe('0123456789');
      expect(seen.body!.toString()).toBe(pieces.join(''));
    });

    it('a body exactly at the limit is complete, not truncated', async () => {
      const { port, seen } = await serve(8, style);
      expect(await post(port, ['12345678'], { 'content-length': 8 })).toBe('8');
      expect(seen.prefix).toMatchObject({ truncated: false });
    });

    it('an empty chunked body keeps its end for the next reader, even when that reader comes later', async () => {
      const { port, seen } = await serve(100, style, 30);
      expect(await post(port, [], { 'transfer-encoding': 'chunked' })).toBe('0');
      expect(seen.prefix!.bytes.length).toBe(0);
    });

    it('a 1 MB body is handed back byte for byte', async () => {
      const { port, seen } = await serve(65_536, style);
      const big = Buffer.alloc(1024 * 1024, 'abcdefghijklmnopqrstuvwxyz');
      expect(await post(port, [big], { 'content-length': big.length })).toBe(String(big.length));
      expect(seen.prefix!.bytes.length).toBe(65_536);
      expect(seen.body!.equals(big)).toBe(true);
    });
  },
);

describe('readBodyPrefix and a client that goes away', () => {
  it('resolves with what it got, marked aborted', async () => {
    let resolveSeen: (p: BodyPrefix) => void;
    const seen = new Promise<BodyPrefix>((r) => (resolveSeen = r));
    server = createServer(async (req) => resolveSeen(await readBodyPrefix(req, 1000)));
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    const socket = connect((server.address() as { port: number }).port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\nabc');
    await new Promise((r) => setTimeout(r, 50));
    socket.destroy();
    const prefix = await seen;
    expect(prefix).toMatchObject({ truncated: true, aborted: true });
    expect(Buffer.from(prefix.bytes).toString()).toBe('abc');
  });
});
