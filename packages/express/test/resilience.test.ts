// Nothing the middleware does can take the host app down: hostile input, a model that will not load or
// answers too late, a closed engine, consumers that throw. Vitest fails a run on any uncaught exception or
// unhandled rejection, so these tests also prove none escaped.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createWaf, shippedModelDir, WaferError, type Waf } from '@wafer/core';
import fc from 'fast-check';
import express from 'express5';
import express4 from 'express4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waf, type Reporter, type WafMiddlewareOptions } from '../src/index.js';
import { eventually, listen, send, sendRaw, type Listening } from './support/servers.js';

let engine: Waf;
const servers: Listening[] = [];
const SQLI = `/search?id=${encodeURIComponent("1' union select username,password from users--")}`;

beforeAll(async () => {
  // A generous time budget: the tests check decisions, not speed, on machines that may be busy.
  engine = await createWaf({ timeBudgetMs: 5000 });
}, 60_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await engine?.close();
});

async function start(options: WafMiddlewareOptions, factory: typeof express = express) {
  const app = factory();
  const middleware = waf(options);
  app.use(middleware);
  app.use(factory.json());
  app.use(factory.urlencoded({ extended: true }));
  app.use(factory.text());
  app.use((req, res) => res.json({ waf: req.waf ?? null }));
  const server = await listen(app);
  servers.push(server);
  return { ...server, middleware };
}

describe('hostile input', () => {
  const throwingReporter: Reporter = {
    name: 'throws',
    report: () => {
      throw new Error('reporter bug');
    },
    stats: () => {
      throw new Error('stats bug');
    },
  };

  it.each([
    ['Express 4', express4 as unknown as typeof express],
    ['Express 5', express],
  ])(
    '%s: keeps answering random requests over raw sockets (fast-check)',
    async (_name, factory) => {
      const app = await start(
        {
          engine,
          mode: 'block',
          rateLimit: { limit: 1_000_000, windowMs: 1000 },
          bans: { threshold: 1000 },
          onDecision: () => {
            throw new Error('onDecision bug');
          },
          reporters: [throwingReporter],
        },
        factory,
      );
      const token = fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,12}$/);
      const junk = fc.string({ unit: 'binary', maxLength: 300 });
      const request = fc.record({
        method: fc.oneof(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'), token),
        target: fc.oneof(
          fc.webPath(),
          junk.map((s) => `/${encodeURIComponent(s)}`),
          junk.map((s) => `/${s.replace(/[\s]/g, '')}`),
        ),
        headers: fc.array(
          fc.tuple(
            token,
            fc.string({ maxLength: 80 }).map((s) => s.replace(/[\r\n]/g, '')),
          ),
          { maxLength: 8 },
        ),
        contentType: fc.constantFrom(
          'application/json',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'text/plain',
          'application/xml',
          'application/json; charset=utf-16',
          '',
        ),
        body: fc.oneof(
          junk,
          fc.json(),
          fc.uint8Array({ maxLength: 500 }).map((b) => Buffer.from(b).toString('latin1')),
        ),
        chunked: fc.boolean(),
      });
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const body = Buffer.from(r.body, 'latin1');
          const framing = r.chunked
            ? `Transfer-Encoding: chunked\r\n\r\n${body.length.toString(16)}\r\n${r.body}\r\n0\r\n\r\n`
            : `Content-Length: ${body.length}\r\n\r\n${r.body}`;
          const head = [`${r.method} ${r.target} HTTP/1.1`, 'Host: x', 'Connection: close'];
          if (r.contentType) head.push(`Content-Type: ${r.contentType}`);
          for (const [name, value] of r.headers) head.push(`X-${name}: ${value}`);
          const reply = await sendRaw(
            app.port,
            Buffer.from(`${head.join('\r\n')}\r\n${framing}`, 'latin1'),
            5000,
          );
          // Either an HTTP answer or Node's own refusal of an unparseable request; never silence.
          expect(reply).toMatch(/^HTTP\/1\.1 \d{3}/);
        }),
        { numRuns: 120 },
      );
      expect((await send(app.url, { path: '/health' })).status).toBe(200);
      expect((await send(app.url, { path: SQLI })).status).toBe(403);
      await eventually(() => app.middleware.stats().reporting.errors > 0);
      expect(app.middleware.stats().reporters.throws).toEqual({});
    },
    120_000,
  );

  it('survives enormous query strings and header floods (limits, reported)', async () => {
    const app = await start({ engine, mode: 'block' });
    const query = Array.from({ length: 1000 }, (_, i) => `p${i}=${i}`).join('&');
    const many = await send(app.url, { path: `/x?${query}` });
    expect(many.status).toBe(200);
    expect(many.json().waf).toMatchObject({ action: 'allow', failure: 'limit_exceeded' });
    const headers: Record<string, string> = {};
    for (let i = 0; i < 500; i++) headers[`x-h-${i}`] = `value ${i}`;
    expect((await send(app.url, { path: '/y', headers })).status).toBe(200);
  });
});

describe('a model that cannot be used', () => {
  it('rejects `ready` with the cause and follows onError meanwhile (allow, then block)', async () => {
    const missing = await start({ model: { path: path.join(tmpdir(), 'no-such-wafer-model') } });
    await expect(missing.middleware.ready).rejects.toMatchObject({ code: 'WAFER_ERR_MODEL_NOT_FOUND' });
    const allowed = await send(missing.url, { path: SQLI });
    expect(allowed.status).toBe(200);
    expect(allowed.json().waf).toBeNull(); // monitor mode: the verdict comes after the handler
    await eventually(() => missing.middleware.stats().failures.engine_unavailable === 1);

    const dir = mkdtempSync(path.join(tmpdir(), 'wafer-corrupt-'));
    try {
      for (const file of ['manifest.json', 'tokenizer.json', 'model.onnx'])
        copyFileSync(path.join(shippedModelDir(), file), path.join(dir, file));
      const bytes = readFileSync(path.join(dir, 'model.onnx'));
      const middle = bytes.length >> 1;
      bytes[middle] = bytes[middle]! ^ 0xff;
      writeFileSync(path.join(dir, 'model.onnx'), bytes);
      const corrupt = await start({ model: { path: dir }, mode: 'block', onError: 'block' });
      await expect(corrupt.middleware.ready).rejects.toBeInstanceOf(WaferError);
      const blocked = await send(corrupt.url, { path: '/ok' });
      expect(blocked.status).toBe(403);
      expect(blocked.json()).toMatchObject({ reason: 'error' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('follows onError when the engine was closed under it', async () => {
    const own = await createWaf();
    const app = await start({ engine: own, mode: 'block', onError: 'block', awaitInMonitor: true });
    expect((await send(app.url, { path: '/ok' })).status).toBe(200);
    await own.close();
    const reply = await send(app.url, { path: '/ok' });
    expect(reply.status).toBe(403);
    expect(app.middleware.stats().failures.internal_error).toBe(1);
  });

  it('fails open on an exhausted time budget by default, closed with onError: block', async () => {
    const slow = await createWaf({ timeBudgetMs: 1, cache: false, evidence: false });
    try {
      const fields = Array.from(
        { length: 150 },
        (_, i) => `f${i}=${encodeURIComponent(`note ${i}: hi, you! (${i * 7919})`)}`,
      ).join('&');
      const open = await start({ engine: slow, mode: 'block' });
      const reply = await send(open.url, { path: `/form?${fields}` });
      expect(reply.status).toBe(200);
      expect(reply.json().waf).toMatchObject({ action: 'allow', failure: 'budget_exceeded' });
      const closed = await start({ engine: slow, mode: 'block', onError: 'block' });
      expect((await send(closed.url, { path: `/form?${fields}&again=1` })).json()).toMatchObject({
        reason: 'error',
      });
    } finally {
      await slow.close();
    }
  });
});

describe('options are checked once, at construction', () => {
  it('reports typos with the closest name, contradictions and bad values', () => {
    const cases: [unknown, RegExp][] = [
      [{ mdoe: 'block' }, /unknown option `mdoe`\. Did you mean `mode`\?/],
      [{ mode: 'blokc' }, /`mode` must be 'monitor' or 'block', got "blokc"\. Did you mean 'block'\?/],
      [{ routes: [{ path: '/a', skip: true, mode: 'block' }] }, /skip: true.*`mode`.*would never apply/],
      [{ routes: [{ path: '/a' }, { path: '/a' }] }, /repeats the path and methods of `routes\[0\]`/],
      [{ routes: [{ path: 'api/**' }] }, /must be a path pattern starting with '\/'/],
      [{ thresholds: { classes: { sqlli: 0.9 } } }, /not a class of the model\. Did you mean `sqli`\?/],
      [{ routes: [{ path: '/a', thresholds: { classes: { xxs: 0.9 } } }] }, /Did you mean `xss`\?/],
      [{ engine, timeBudgetMs: 10 }, /`timeBudgetMs` configures the engine.*createWaf/],
      [{ ip: { deny: ['10.0.0.1/8'] } }, /host bits set; did you mean "10\.0\.0\.0\/8"\?/],
      [{ ip: { deny: ['300.1.2.3'] } }, /`ip\.deny\[0\]` is not an IPv4\/IPv6 address/],
      [{ ip: { allow: ['10.0.0.0/8'], deny: ['10.0.0.0/8'] } }, /in both `ip\.allow` and `ip\.deny`/],
      [{ rateLimit: { limit: 10 } }, /needs both `limit` and `windowMs`/],
      [
        { rateLimit: { limit: 10, windowMs: 1000, algorithm: 'leaky' } },
        /must be 'sliding-window' or 'token-bucket'/,
      ],
      [{ timeBudgetMs: 0 }, /^waf\(\): `timeBudgetMs` must be an integer from 1/],
      [{ extractor: { limits: { maxFeilds: 3 } } }, /Did you mean `limits\.maxFields`\?/],
      [{ bans: 'yes' }, /`bans` must be true, false or/],
      [
        {
          reporters: [
            { name: 'a', report() {} },
            { name: 'a', report() {} },
          ],
        },
        /two reporters are named "a"/,
      ],
      ['block', /options must be an object/],
    ];
    for (const [options, message] of cases) {
      let error: unknown;
      try {
        waf(options as never);
      } catch (e) {
        error = e;
      }
      expect(error, JSON.stringify(options)).toBeInstanceOf(WaferError);
      expect((error as WaferError).code).toBe('WAFER_ERR_INVALID_OPTION');
      expect((error as Error).message).toMatch(message);
    }
  });
});
