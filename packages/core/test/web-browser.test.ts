// `@wafer/core/web` in a real browser: esbuild bundles test/browser/parity-page.ts for the browser, a real
// HTTP server on 127.0.0.1 serves it with the model and ONNX Runtime's WebAssembly files, and headless
// Chromium runs the parity fixture. Its scores must match torch and onnxruntime-node within 1e-4.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOnnxNodeBackend } from '../src/index.js';
import type { BrowserParityResult } from './browser/parity-page.js';
import { hasShippedModel, loadShippedModel, MODELS_DIR, type ShippedModel } from './support/shipped-model.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(
    `[web-browser] skipped: no Chromium at ${CHROMIUM} (apt-get install chromium; .ci/run installs it)`,
  );
const shipped = hasShippedModel('web-browser');

const PAGE = fileURLToPath(new URL('./browser/parity-page.ts', import.meta.url));
// onnxruntime-web's exports map has no ./package.json; its `require` entry sits in dist/ with the runtime.
const ORT_DIST = path.dirname(createRequire(import.meta.url).resolve('onnxruntime-web/wasm'));
/** The files onnxruntime-web's plain WebAssembly build fetches; nothing else under /ort/ is served. */
const ORT_FILE = /^\/ort\/(ort-wasm-simd-threaded\.(?:wasm|mjs))$/;
const HTML =
  '<!doctype html><meta charset="utf-8"><title>wafer</title><script type="module" src="/app.js"></script>';

interface Asset {
  readonly type: string;
  readonly body: () => Uint8Array | string;
}

describe.skipIf(!hasChromium || !shipped)('@wafer/core/web in headless Chromium', () => {
  let model: ShippedModel;
  let server: Server;
  let browser: Browser;
  let origin: string;
  const pageErrors: string[] = [];
  const requested: string[] = [];

  beforeAll(async () => {
    model = loadShippedModel();
    const bundle = await build({
      entryPoints: [PAGE],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
    });
    const assets: Record<string, Asset> = {
      '/': { type: 'text/html', body: () => HTML },
      '/app.js': { type: 'text/javascript', body: () => bundle.outputFiles[0]!.contents },
      '/model.onnx': { type: 'application/octet-stream', body: () => model.modelBytes },
      '/parity.json': {
        type: 'application/json',
        body: () => readFileSync(`${MODELS_DIR}parity/parity.json`),
      },
    };
    server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      requested.push(url.pathname);
      const ort = ORT_FILE.exec(url.pathname)?.[1];
      const asset: Asset | undefined = ort
        ? {
            // application/wasm lets the browser compile while downloading (instantiateStreaming).
            type: ort.endsWith('.wasm') ? 'application/wasm' : 'text/javascript',
            body: () => readFileSync(path.join(ORT_DIST, ort)),
          }
        : assets[url.pathname];
      if (!asset) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': asset.type, 'cache-control': 'no-store' }).end(asset.body());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
      timeout: 30_000,
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  it('reproduces torch and onnxruntime-node scores within 1e-4', async () => {
    const page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.setDefaultTimeout(45_000);
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => 'runParity' in globalThis);
    const variant = String(model.manifest.variant);
    const result = await page.evaluate(
      (v) => (globalThis as unknown as { runParity(v: string): Promise<BrowserParityResult> }).runParity(v),
      variant,
    );
    expect(pageErrors).toEqual([]);
    expect(result.backend).toBe('onnxruntime-web');
    // The runtime came from `wasmPaths`, not from a path guessed next to the bundle.
    expect(requested).toContain('/ort/ort-wasm-simd-threaded.wasm');
    expect(result.windows).toBeGreaterThanOrEqual(32);
    expect(result.maxAbsDiff).toBeLessThanOrEqual(model.parity.tolerance);

    const node = await createOnnxNodeBackend(model.modelBytes);
    try {
      let worst = 0;
      for (const [i, batch] of model.parity.batches.entries()) {
        const expected = await node.run({
          inputIds: BigInt64Array.from(batch.input_ids.flat(), (id) => BigInt(id)),
          attentionMask: BigInt64Array.from(batch.attention_mask.flat(), (bit) => BigInt(bit)),
          batchSize: batch.input_ids.length,
          sequenceLength: batch.input_ids[0]?.length ?? 0,
        });
        const actual = result.probs[i]!;
        expect(actual.length).toBe(expected.length);
        for (let j = 0; j < actual.length; j++) worst = Math.max(worst, Math.abs(actual[j]! - expected[j]!));
      }
      expect(worst).toBeLessThanOrEqual(1e-4);
    } finally {
      await node.close();
    }
  }, 60_000);
});
