// `createWaf` from `@wafer/core/web` in Node: the model fetched over real HTTP from a local server (or given
// as bytes), verified, run on onnxruntime-web — and deciding like the Node engine.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWaf as createNodeWaf, fromEvalRecord, type WafRequest } from '../src/index.js';
import { createWaf } from '../src/web.js';
import { hasShippedModel, MODELS_DIR } from './support/shipped-model.js';

const shipped = hasShippedModel('web-waf');

const records: Array<{ method: string; url: string; headers: Record<string, string>; body?: string }> = [
  {
    method: 'GET',
    url: '/search?q=running+shoes&page=2',
    headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0' },
  },
  { method: 'GET', url: "/item?id=1'%20or%201=1--%20-", headers: {} },
  {
    method: 'POST',
    url: '/c',
    headers: { 'content-type': 'application/json' },
    body: '{"text":"<img src=x onerror=alert(1)>"}',
  },
];
const requests: WafRequest[] = records.map((r) => fromEvalRecord({ ...r, label: 'benign' }));

describe.skipIf(!shipped)('createWaf from @wafer/core/web', () => {
  let server: Server;
  let base: string;
  const served: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      const name = (req.url ?? '/').replace(/^\/model\//, '');
      served.push(name);
      if (!['manifest.json', 'model.onnx', 'tokenizer.json'].includes(name))
        return void res.writeHead(404).end();
      res.writeHead(200).end(readFileSync(`${MODELS_DIR}${name}`));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server?.close(() => resolve())));

  it('fetches the model from { url }, verifies it and decides like the Node engine', async () => {
    // A generous time budget: this compares decisions, and a busy CI machine must not turn one into a
    // fail-open `allow` on one side only.
    const web = await createWaf({ model: { url: `${base}/model/` }, cache: false, timeBudgetMs: 10_000 });
    const node = await createNodeWaf({ worker: false, cache: false, timeBudgetMs: 10_000 });
    try {
      expect(web.backend).toBe('onnxruntime-web');
      expect(served).toEqual(expect.arrayContaining(['manifest.json', 'model.onnx', 'tokenizer.json']));
      for (const request of requests) {
        const [a, b] = await Promise.all([web.inspect(request), node.inspect(request)]);
        expect(a.action).toBe(b.action);
        expect(a.attackClass).toBe(b.attackClass);
        expect(Math.abs(a.score - b.score)).toBeLessThanOrEqual(1e-4);
      }
    } finally {
      await web.close();
      await node.close();
    }
  }, 60_000);

  it('takes { bytes } and refuses what it cannot use', async () => {
    const bytes = {
      manifest: readFileSync(`${MODELS_DIR}manifest.json`, 'utf8'),
      model: readFileSync(`${MODELS_DIR}model.onnx`),
      tokenizer: readFileSync(`${MODELS_DIR}tokenizer.json`),
    };
    const waf = await createWaf({ model: { bytes }, mode: 'block', timeBudgetMs: 10_000 });
    try {
      expect((await waf.inspect(requests[1]!)).action).toBe('block');
    } finally {
      await waf.close();
    }
    await expect(createWaf({} as never)).rejects.toMatchObject({ code: 'WAFER_ERR_INVALID_OPTION' });
    await expect(createWaf({ model: { path: MODELS_DIR } })).rejects.toThrow(/needs a file system/);
    await expect(createWaf({ model: { url: `${base}/nowhere/` } })).rejects.toMatchObject({
      code: 'WAFER_ERR_MODEL_NOT_FOUND',
    });
  }, 60_000);
});
